/**
 * Text from outside the program (LLM answers, server error messages, file names) made safe to
 * print on a terminal: line breaks and tabs become spaces, every other C0/C1 control character
 * (ESC, CSI, BEL, DEL…) is dropped, so no escape sequence reaches the terminal.
 */
export function terminalSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\t\n\v\f\r\u2028\u2029]/g, ' ').replace(/[\x00-\x1f\x7f-\x9f]/g, '');
}

/** One line: control characters dropped and runs of whitespace around line breaks collapsed. */
export function oneLine(text: string): string {
  return terminalSafe(text.replace(/\s*[\r\n]+\s*/g, ' ')).trim();
}
