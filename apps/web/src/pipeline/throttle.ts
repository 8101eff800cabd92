/** Calls `fn` at most every `everyMs`; `final` calls always pass (so the last state shows). */
export function throttle<T>(fn: (value: T) => void, everyMs: number) {
  let last = Number.NEGATIVE_INFINITY;
  return (value: T, final = false): void => {
    const now = performance.now();
    if (!final && now - last < everyMs) return;
    last = now;
    fn(value);
  };
}
