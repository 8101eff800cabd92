import type { ResultEntry } from './result.js';
import { terminalSafe } from './terminal-text.js';

/** The tokens where a factor is strongest, as a reader would see them (deduplicated). */
export function topTokens(
  entry: Pick<ResultEntry, 'tokens' | 'factors'>,
  factor: number,
  count = 5,
): string[] {
  const row = entry.factors[factor] ?? [];
  const order = row.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [value, position] of order) {
    if (value <= 0 || out.length >= count) break;
    const shown = JSON.stringify(
      entry.tokens[position]?.display.trim() || entry.tokens[position]?.display || '',
    );
    if (!seen.has(shown)) {
      seen.add(shown);
      out.push(shown);
    }
  }
  return out;
}

/** Words of `text` in lines of at most `width` characters; control characters never get through. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of terminalSafe(text).split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word.length > width ? word.slice(0, width - 1) + '…' : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

function pad(text: string, width: number): string {
  const chars = [...text];
  return chars.length >= width
    ? chars.slice(0, width).join('')
    : text + ' '.repeat(width - chars.length);
}

function formatScore(e: ResultEntry['explanations'][number]): string {
  if (e.error) return 'error';
  if (e.score === undefined) return '—';
  if (e.score === null) return 'n/a';
  return e.score.toFixed(2);
}

/** A plain-text table: factor, top tokens, explanation, score; fits `width` columns. */
export function renderTable(entry: ResultEntry, width = 100): string {
  const w = Math.max(60, width);
  const factorW = 6;
  const scoreW = 6;
  const tokensW = Math.min(30, Math.floor((w - factorW - scoreW - 6) * 0.35));
  const textW = w - factorW - tokensW - scoreW - 6;
  const header = `${pad('factor', factorW)}  ${pad('top tokens', tokensW)}  ${pad('explanation', textW)}  ${pad('score', scoreW)}`;
  const out = [
    terminalSafe(
      `${entry.name} — ${entry.tokens.length} tokens, ${entry.components} factors (${entry.source})`,
    ),
    header,
    '─'.repeat(Math.min(w, header.length)),
  ];
  for (const e of entry.explanations) {
    const tokenLines = wrap(topTokens(entry, e.factor).join(' '), tokensW);
    const textLines = wrap(e.error ? `(failed: ${e.error.message})` : e.text, textW);
    const rows = Math.max(tokenLines.length, textLines.length);
    for (let r = 0; r < rows; r++) {
      out.push(
        `${pad(r === 0 ? String(e.factor) : '', factorW)}  ${pad(tokenLines[r] ?? '', tokensW)}  ${pad(textLines[r] ?? '', textW)}  ${r === 0 ? formatScore(e) : ''}`.trimEnd(),
      );
    }
  }
  return out.join('\n');
}
