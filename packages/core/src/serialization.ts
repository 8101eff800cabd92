import { EccoError } from './errors.js';
import type { Factorization, NeuronLoadings } from './factorization.js';

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

export function float32FromJson(json: Float32Json): Float32Array {
  if (json?.dtype !== 'float32' || typeof json.base64 !== 'string') {
    throw new EccoError(
      'INVALID_RESULT_JSON',
      'Expected an encoded float32 array {dtype, length, base64}.',
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(json.base64);
  } catch (cause) {
    throw new EccoError('INVALID_RESULT_JSON', 'An encoded float32 array is not valid base64.', {
      cause,
    });
  }
  if (bytes.length !== json.length * 4) {
    throw new EccoError(
      'INVALID_RESULT_JSON',
      `An encoded float32 array has ${bytes.length} bytes, expected ${json.length * 4}.`,
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

export function factorizationFromJson(json: FactorizationJson): Factorization {
  const { loadings, ...rest } = json;
  const out: Factorization = { ...rest };
  if (loadings) out.loadings = { ...loadings, values: loadings.values.map(float32FromJson) };
  return out;
}
