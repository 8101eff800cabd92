import { EccoError } from './errors.js';
import { type Factorization, type NeuronLoadings, validateFactorization } from './factorization.js';

/** Float32Array in JSON: base64 of its little-endian bytes, ~4× smaller than a number list. */
export interface Float32Json {
  dtype: 'float32';
  length: number;
  base64: string;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function base64ToBytes(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function float32ToJson(values: Float32Array): Float32Json {
  if (!littleEndian) throw new EccoError('INTERNAL', 'Big-endian platforms are not supported.');
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return { dtype: 'float32', length: values.length, base64: bytesToBase64(bytes) };
}

const FLOAT32_HINT =
  'Encoded arrays come from factorizationToJson(); write the JSON text unchanged and read it back with factorizationFromJson().';

export function float32FromJson(json: Float32Json): Float32Array {
  if (
    typeof json !== 'object' ||
    json === null ||
    json.dtype !== 'float32' ||
    typeof json.base64 !== 'string' ||
    !Number.isInteger(json.length) ||
    json.length < 0
  ) {
    throw new EccoError(
      'INVALID_RESULT_JSON',
      'Expected an encoded float32 array {dtype: "float32", length, base64}.',
      { hint: FLOAT32_HINT },
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(json.base64);
  } catch (cause) {
    throw new EccoError('INVALID_RESULT_JSON', 'An encoded float32 array is not valid base64.', {
      hint: FLOAT32_HINT,
      cause,
    });
  }
  if (bytes.length !== json.length * 4) {
    throw new EccoError(
      'INVALID_RESULT_JSON',
      `An encoded float32 array has ${bytes.length} bytes, expected ${json.length * 4}.`,
      { hint: FLOAT32_HINT },
    );
  }
  return new Float32Array(bytes.buffer, bytes.byteOffset, json.length);
}

export interface FactorizationJson extends Omit<Factorization, 'loadings'> {
  loadings?: Omit<NeuronLoadings, 'values'> & { values: Float32Json[] };
}

/** A JSON-safe copy of a Factorization (typed arrays encoded); inverse of `factorizationFromJson`. */
export function factorizationToJson(f: Factorization): FactorizationJson {
  const { loadings, ...rest } = f;
  const out: FactorizationJson = { ...rest, factors: f.factors.map((r) => Array.from(r)) };
  if (loadings) out.loadings = { ...loadings, values: loadings.values.map(float32ToJson) };
  return out;
}

function invalidJson(why: string, details?: Record<string, unknown>): never {
  throw new EccoError('INVALID_RESULT_JSON', `Not a serialised factorization: ${why}.`, {
    hint: 'Expected the JSON of factorizationToJson(): {tokens, factors, loadings?: {layers, neuronsPerLayer, values: [{dtype: "float32", length, base64}…]}}; re-save it from the Factorization.',
    details,
  });
}

/**
 * Reads the JSON of `factorizationToJson` back into a validated Factorization. Throws
 * `INVALID_RESULT_JSON` when the shape is wrong (loadings included), then validates the result
 * like any Factorization (`INVALID_FACTORIZATION` / `EMPTY_FACTORIZATION`).
 */
export function factorizationFromJson(json: FactorizationJson): Factorization {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    invalidJson('the top level must be an object');
  if (!Array.isArray(json.tokens)) invalidJson('"tokens" is missing or not an array');
  if (!Array.isArray(json.factors) || !json.factors.every((row) => Array.isArray(row)))
    invalidJson('"factors" must be a list of lists of numbers (k × positions)');
  const { loadings, ...rest } = json;
  const out: Factorization = { ...rest };
  if (loadings !== undefined) {
    if (typeof loadings !== 'object' || loadings === null || Array.isArray(loadings))
      invalidJson('"loadings" must be an object');
    const { layers, neuronsPerLayer, values } = loadings;
    if (!Array.isArray(layers) || !layers.every((l) => Number.isInteger(l) && l >= 0))
      invalidJson('"loadings.layers" must be a list of layer indices');
    if (!Number.isInteger(neuronsPerLayer) || neuronsPerLayer < 1)
      invalidJson('"loadings.neuronsPerLayer" must be a positive integer');
    if (!Array.isArray(values)) invalidJson('"loadings.values" must be a list of encoded rows');
    if (values.length !== json.factors.length)
      invalidJson(
        `"loadings.values" has ${values.length} rows for ${json.factors.length} factors`,
        { rows: values.length, factors: json.factors.length },
      );
    const width = layers.length * neuronsPerLayer;
    const rows = values.map((v, i) => {
      const row = float32FromJson(v);
      if (row.length !== width)
        invalidJson(
          `loadings row ${i} has ${row.length} values, expected layers × neuronsPerLayer = ${width}`,
          { row: i, values: row.length, expected: width },
        );
      return row;
    });
    out.loadings = { ...loadings, values: rows };
  }
  validateFactorization(out);
  return out;
}
