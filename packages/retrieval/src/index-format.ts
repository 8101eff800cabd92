import { EccoError } from '@explainable-ecco/core';
import { crc32 } from './crc32.js';
import { type HnswGraph, hnswSettingProblem } from './hnsw-index.js';

/**
 * Binary layout of a saved index (all integers little-endian):
 *   "ECCOIDX\0" · u32 format version · u32 header length · header JSON (UTF-8) · zero padding to 4
 *   · sections (typed-array bytes, each 4-aligned, positions given in the header) · u32 CRC-32 of
 *   everything before it.
 * Typed arrays are stored raw so loading is a copy, not a parse.
 */
export const INDEX_FORMAT_VERSION = 1;
const MAGIC = 'ECCOIDX\0';

export interface SavedExample {
  id: string;
  /** Fingerprint of the text that was embedded for the example. */
  text: string;
}

export interface SavedIndex {
  embedder: { id: string; dimensions: number };
  libraryVersion: string;
  examples: SavedExample[];
  vectors: Float32Array;
  hnsw?: HnswGraph;
}

interface Section {
  offset: number;
  length: number;
}

interface Header {
  embedder: { id: string; dimensions: number };
  libraryVersion: string;
  examples: SavedExample[];
  vectors: Section;
  hnsw?: Omit<HnswGraph, 'levels' | 'links0' | 'upper'> & {
    levels: Section;
    links0: Section;
    upper: Section;
  };
}

const align4 = (n: number) => (n + 3) & ~3;

export function encodeIndex(saved: SavedIndex): Uint8Array {
  const arrays: Array<Float32Array | Int32Array | Uint8Array> = [saved.vectors];
  if (saved.hnsw) arrays.push(saved.hnsw.levels, saved.hnsw.links0, saved.hnsw.upper);
  // Section offsets are relative to the start of the section area.
  const sections: Section[] = [];
  let cursor = 0;
  for (const a of arrays) {
    sections.push({ offset: cursor, length: a.length });
    cursor += align4(a.byteLength);
  }
  const header: Header = {
    embedder: saved.embedder,
    libraryVersion: saved.libraryVersion,
    examples: saved.examples,
    vectors: sections[0]!,
  };
  if (saved.hnsw) {
    const { levels: _l, links0: _z, upper: _u, ...meta } = saved.hnsw;
    header.hnsw = { ...meta, levels: sections[1]!, links0: sections[2]!, upper: sections[3]! };
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const start = align4(16 + headerBytes.length);
  const out = new Uint8Array(start + cursor + 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, INDEX_FORMAT_VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, 16);
  arrays.forEach((a, i) => {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start + sections[i]!.offset);
  });
  view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

const corrupt = (why: string) =>
  new EccoError('INDEX_CORRUPT', `This is not a readable explainable-ecco index (${why}).`, {
    hint: 'Rebuild it with ExampleRetriever.create and save it again.',
  });

export function decodeIndex(bytes: Uint8Array): SavedIndex {
  if (!(bytes instanceof Uint8Array)) throw corrupt('expected bytes in a Uint8Array');
  if (bytes.length < 20) throw corrupt(`only ${bytes.length} bytes`);
  for (let i = 0; i < 8; i++)
    if (bytes[i] !== MAGIC.charCodeAt(i)) throw corrupt('wrong file signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  // The checksum covers the version field too: check it first, so that damaged version bytes
  // read as damage rather than as a request to upgrade.
  if (view.getUint32(bytes.length - 4, true) !== crc32(bytes.subarray(0, bytes.length - 4))) {
    throw new EccoError(
      'INDEX_CORRUPT',
      'This is not a readable explainable-ecco index (checksum mismatch: the file is damaged or truncated).',
      {
        hint:
          version === INDEX_FORMAT_VERSION
            ? 'Rebuild it with ExampleRetriever.create and save it again.'
            : `Rebuild it with ExampleRetriever.create and save it again (its header claims format version ${version}; if a newer @explainable-ecco/retrieval wrote it, upgrade this one).`,
        details: { version, supported: INDEX_FORMAT_VERSION },
      },
    );
  }
  if (version !== INDEX_FORMAT_VERSION) {
    throw new EccoError(
      'INDEX_VERSION_UNSUPPORTED',
      `The index has format version ${version}; this package reads version ${INDEX_FORMAT_VERSION}.`,
      {
        hint:
          version > INDEX_FORMAT_VERSION
            ? 'Upgrade @explainable-ecco/retrieval, or rebuild the index with this version.'
            : 'Rebuild the index with this version.',
        details: { version, supported: INDEX_FORMAT_VERSION },
      },
    );
  }
  const headerLength = view.getUint32(12, true);
  if (16 + headerLength > bytes.length - 4) throw corrupt('header runs past the end');
  let header: Header;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(16, 16 + headerLength)),
    );
  } catch {
    throw corrupt('header is not JSON');
  }
  const start = align4(16 + headerLength);
  const end = bytes.length - 4;
  const read = <T extends Float32Array | Int32Array | Uint8Array>(
    section: Section | undefined,
    Type: {
      new (buffer: ArrayBuffer, offset: number, length: number): T;
      BYTES_PER_ELEMENT: number;
    },
  ): T => {
    if (
      !section ||
      !Number.isInteger(section.offset) ||
      !Number.isInteger(section.length) ||
      section.offset < 0 ||
      section.length < 0
    ) {
      throw corrupt('bad section');
    }
    const from = start + section.offset;
    const size = section.length * Type.BYTES_PER_ELEMENT;
    if (from + size > end) throw corrupt('section runs past the end');
    // Copy into a fresh, aligned buffer: the input may sit at any byte offset (and Node's
    // Buffer#slice would return a view, not a copy).
    const copy = new Uint8Array(size);
    copy.set(bytes.subarray(from, from + size));
    return new Type(copy.buffer, 0, section.length);
  };
  const e = header?.embedder;
  if (
    typeof e?.id !== 'string' ||
    !Number.isInteger(e.dimensions) ||
    !Array.isArray(header.examples)
  ) {
    throw corrupt('header is missing fields');
  }
  const ids = new Set<string>();
  header.examples.forEach((example: unknown, i) => {
    const x = example as Partial<SavedExample> | null;
    if (
      typeof x !== 'object' ||
      x === null ||
      typeof x.id !== 'string' ||
      typeof x.text !== 'string'
    ) {
      throw corrupt(`example entry ${i} is not { id, text }`);
    }
    if (ids.has(x.id)) throw corrupt(`example id ${JSON.stringify(x.id)} appears twice`);
    ids.add(x.id);
  });
  if (e.dimensions < 1) throw corrupt('embedder dimensions below 1');
  const vectors = read(header.vectors, Float32Array);
  if (vectors.length !== header.examples.length * e.dimensions)
    throw corrupt('vector count does not match the examples');
  const saved: SavedIndex = {
    embedder: { id: e.id, dimensions: e.dimensions },
    libraryVersion: String(header.libraryVersion),
    examples: header.examples,
    vectors,
  };
  if (header.hnsw) {
    if (typeof header.hnsw !== 'object') throw corrupt('hnsw is not an object');
    const { levels, links0, upper, ...meta } = header.hnsw;
    const problem = hnswSettingProblem(meta);
    if (problem) throw corrupt(`HNSW settings: ${problem}`);
    for (const name of [
      'M',
      'efConstruction',
      'efSearch',
      'seed',
      'count',
      'entry',
      'maxLevel',
    ] as const) {
      if (!Number.isInteger(meta[name])) throw corrupt(`HNSW ${name} is not an integer`);
    }
    saved.hnsw = {
      ...meta,
      levels: read(levels, Uint8Array),
      links0: read(links0, Int32Array),
      upper: read(upper, Int32Array),
    };
  }
  return saved;
}
