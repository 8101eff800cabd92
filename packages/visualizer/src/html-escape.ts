/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON for a `<script type="application/json">` block. `<`, `>` and `&` become `\u003c`-style
 * escapes (still the same JSON), so no value can close the script or open a comment, and
 * U+2028/U+2029 are escaped for older JavaScript parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * JavaScript made safe to inline in `<script>`: `</script` and `<!--` can only occur inside
 * strings, regular expressions, templates or comments of a module, where the escaped forms
 * `<\/script` and `\x3C!--` mean the same characters.
 */
export function scriptSafe(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '\\x3C!--');
}

/** True when the source could end a surrounding `<script>` element early. */
export function breaksOutOfScript(source: string): boolean {
  return /<\/script/i.test(source) || source.includes('<!--');
}
