import { EccoError } from './errors.js';
import type { Factorization } from './factorization.js';
import type { Token, TokenKind } from './token.js';
import {
  detectTokenizerFamily,
  displayPieces,
  isSpecialTokenText,
  type TokenizerFamily,
} from './tokenizer-conventions.js';

/** One token as Python ecco prints it. */
export interface EccoJsonToken {
  token: string;
  token_id: number;
  type: 'input' | 'output';
  position: number;
}

/**
 * The data Python ecco prints from `nmf.explore(printJson=True)`:
 * `factors` holds one k × positions matrix, wrapped in an outer list.
 */
export interface EccoJson {
  tokens: EccoJsonToken[];
  factors: number[][][];
  source?: string;
}

function invalid(why: string, details?: Record<string, unknown>): never {
  throw new EccoError('INVALID_ECCO_JSON', `Not valid ecco printJson data: ${why}.`, {
    hint: 'Expected {"tokens":[{"token","token_id","type","position"}…],"factors":[[[…one value per token…]…]]} as printed by ecco\'s nmf.explore(printJson=True).',
    details,
  });
}

/**
 * The first bare `NaN`, `Infinity` or `-Infinity` outside strings in JSON text (what Python's
 * json.dump writes for non-finite floats unless allow_nan=False), with its 1-based line/column.
 */
function findNonFiniteLiteral(
  text: string,
): { literal: string; line: number; column: number } | undefined {
  const token = /"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)(?![\w$])/g;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    if (m[1] === undefined) continue; // a string
    const before = text.slice(0, m.index);
    const line = before.split('\n').length;
    const column = m.index - before.lastIndexOf('\n');
    return { literal: m[1], line, column };
  }
  return undefined;
}

/** True when the value looks like ecco printJson data (cheap check, no validation). */
export function isEccoJson(value: unknown): value is EccoJson {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as EccoJson).tokens) &&
    Array.isArray((value as EccoJson).factors) &&
    Array.isArray((value as EccoJson).factors[0]) &&
    Array.isArray((value as EccoJson).factors[0]?.[0])
  );
}

/**
 * Reads ecco's printJson data (an object or its JSON text) into a validated core Factorization.
 * Tokens keep ecco's order; tokens ecco marked `input` that are tokenizer specials
 * ([CLS], <|endoftext|>, …) get kind `special`.
 */
export function fromEccoJson(
  input: unknown,
  options: { tokenizerFamily?: TokenizerFamily } = {},
): Factorization {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (cause) {
      const nonFinite = findNonFiniteLiteral(input);
      if (nonFinite) {
        throw new EccoError(
          'INVALID_ECCO_JSON',
          `The ecco file is not valid JSON: it contains a bare ${nonFinite.literal} (line ${nonFinite.line}, column ${nonFinite.column}), which Python's json.dump writes by default but JSON does not allow.`,
          {
            hint: 'Replace the NaN/Infinity values before saving (e.g. numpy.nan_to_num) and write the file with json.dump(..., allow_nan=False), which refuses any that remain; or replace them in the file.',
            details: { ...nonFinite },
            cause,
          },
        );
      }
      throw new EccoError('INVALID_ECCO_JSON', 'The ecco file is not valid JSON.', {
        hint: 'Check that the file is complete; re-export it with explore(printJson=True).',
        cause,
      });
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    invalid('the top level must be an object');
  const obj = data as Record<string, unknown>;
  if (!Array.isArray(obj.tokens)) invalid('"tokens" is missing or not an array');
  if (obj.factors === undefined) invalid('"factors" is missing');
  const rawTokens = obj.tokens as unknown[];
  if (rawTokens.length === 0) invalid('"tokens" is empty');

  const pieces: Array<{ text: string; id: number; type: 'input' | 'output'; position: number }> =
    [];
  rawTokens.forEach((t, i) => {
    if (typeof t !== 'object' || t === null) invalid(`token ${i} is not an object`, { index: i });
    const tok = t as Record<string, unknown>;
    if (typeof tok.token !== 'string') invalid(`token ${i} has no string "token"`, { index: i });
    const id = tok.token_id === undefined ? -1 : tok.token_id;
    if (typeof id !== 'number' || !Number.isInteger(id))
      invalid(`token ${i} has a non-integer "token_id"`, { index: i });
    const type = tok.type ?? 'input';
    if (type !== 'input' && type !== 'output')
      invalid(`token ${i} has type ${JSON.stringify(type)}; expected "input" or "output"`, {
        index: i,
      });
    const position = tok.position ?? i;
    if (position !== i)
      invalid(
        `token ${i} has position ${JSON.stringify(position)}; positions must run 0, 1, 2, …`,
        { index: i },
      );
    pieces.push({
      text: tok.token as string,
      id: id as number,
      type: type as 'input' | 'output',
      position: i,
    });
  });

  const f = obj.factors;
  if (!Array.isArray(f) || f.length === 0)
    invalid('"factors" must be a non-empty list holding one k × positions matrix');
  if (
    f.every(
      (m) => Array.isArray(m) && m.length > 0 && m.every((v: unknown) => typeof v === 'number'),
    )
  ) {
    invalid(
      `wrong nesting: "factors" is a ${f.length} × ${(f[0] as unknown[]).length} matrix without ecco's outer list; ecco prints factors[0][factor][position], so wrap the matrix in one more list ([[…rows…]])`,
      { nesting: 'missing-outer-list' },
    );
  }
  if (!f.every((m) => Array.isArray(m) && m.every((row: unknown) => Array.isArray(row)))) {
    invalid(
      'wrong nesting: expected factors[0][factor][position] (a k × positions matrix inside one outer list)',
    );
  }
  if (f.length !== 1)
    invalid(`"factors" holds ${f.length} matrices; ecco prints exactly one`, {
      matrices: f.length,
    });
  const matrix = f[0];
  if (!Array.isArray(matrix) || matrix.length === 0)
    invalid('"factors[0]" must be a non-empty list of factors');
  const factors: number[][] = [];
  (matrix as unknown[]).forEach((row, i) => {
    if (!Array.isArray(row))
      invalid(
        `factor ${i} is not a list of numbers (wrong nesting: expected factors[0][factor][position])`,
        { factor: i },
      );
    if (row.length !== pieces.length) {
      invalid(`factor ${i} has ${row.length} values but there are ${pieces.length} tokens`, {
        factor: i,
        values: row.length,
        tokens: pieces.length,
      });
    }
    const values: number[] = new Array(row.length);
    for (let p = 0; p < row.length; p++) {
      const v = row[p];
      if (typeof v !== 'number')
        invalid(
          `factor ${i} position ${p} is not a number${Array.isArray(v) ? ' (wrong nesting)' : ''}`,
          { factor: i, position: p },
        );
      if (!Number.isFinite(v))
        invalid(`factor ${i} position ${p} is not finite`, { factor: i, position: p });
      values[p] = v;
    }
    factors.push(values);
  });

  const family = options.tokenizerFamily ?? detectTokenizerFamily(pieces.map((p) => p.text));
  const displays = displayPieces(
    pieces.map((p) => p.text),
    family,
  );
  const tokens: Token[] = pieces.map((p) => {
    const { display, continuesWord } = displays[p.position]!;
    const kind: TokenKind =
      p.type === 'output' ? 'output' : isSpecialTokenText(p.text) ? 'special' : 'input';
    return { text: p.text, display, id: p.id, position: p.position, kind, continuesWord };
  });
  const result: Factorization = {
    tokens,
    factors,
    tokenizerFamily: family,
    source: { tool: 'ecco' },
  };
  if (typeof obj.source === 'string') result.source!.description = obj.source;
  return result;
}

/** Writes a Factorization as ecco printJson data (what ecco's explorer and our CLI's --from-ecco read). */
export function toEccoJson(f: Factorization): EccoJson {
  const out: EccoJson = {
    tokens: f.tokens.map((t, i) => ({
      token: t.text,
      token_id: t.id,
      type: t.kind === 'output' ? 'output' : 'input',
      position: i,
    })),
    factors: [f.factors.map((row) => Array.from(row))],
  };
  if (typeof f.source?.description === 'string') return { source: f.source.description, ...out };
  return out;
}
