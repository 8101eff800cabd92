import { EccoError } from '@explainable-ecco/core';

/** What a child `<script type="application/json">` of the element holds. */
export type InlineData =
  | { data: unknown; explanations?: unknown; error?: undefined }
  | { error: EccoError };

/**
 * Reads data declared in markup: `<ecco-factors><script type="application/json">…</script>`.
 * The JSON is either the factorization itself (core Factorization or ecco printJson data) or
 * `{"data": …, "explanations": […]}`. Returns null while there is no such child.
 */
export function readInlineData(host: Element): InlineData | null {
  const script = host.querySelector(':scope > script[type="application/json"]');
  const text = script?.textContent?.trim();
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    return {
      error: new EccoError(
        'INVALID_ARGUMENT',
        'The <script type="application/json"> inside <ecco-factors> is not valid JSON.',
        {
          hint: 'Put the complete JSON of a factorization, ecco printJson data, or {"data", "explanations"} there.',
          cause,
        },
      ),
    };
  }
  if (typeof parsed === 'object' && parsed !== null && 'data' in parsed && !('factors' in parsed)) {
    const wrapper = parsed as { data: unknown; explanations?: unknown };
    return { data: wrapper.data, explanations: wrapper.explanations };
  }
  return { data: parsed };
}
