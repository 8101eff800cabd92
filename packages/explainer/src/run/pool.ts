/**
 * Runs `task(i)` for i = 0…count−1 with at most `concurrency` running at once, in index order
 * of start. Resolves when all have settled; the first rejection is rethrown after the others
 * finish (tasks are expected to catch their own per-item failures).
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const worker = async () => {
    while (next < count && !firstError) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        firstError ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(count, concurrency) }, worker));
  if (firstError) throw firstError.error;
}
