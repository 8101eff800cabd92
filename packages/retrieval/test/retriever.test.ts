import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EccoError, FactorRecord } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/crc32.js';
import {
  createOfflineEmbedder,
  type Example,
  ExampleLibrary,
  ExampleRetriever,
  type SearchMode,
} from '../src/index.js';
import { decodeIndex, encodeIndex, type SavedIndex } from '../src/index-format.js';
import { loadFromFile, saveToFile } from '../src/node.js';
import { countingEmbedder, expectRejectsWith } from './helpers.js';

const library = ExampleLibrary.builtin();
const retriever = await ExampleRetriever.create({ library });
const modes: SearchMode[] = ['exact', 'lexical', 'hybrid', 'hnsw'];

const digitsQuery: FactorRecord = {
  tokenizerFamily: 'byte-bpe',
  tokens: [
    { text: 'Count', value: 0 },
    { text: ':', value: 0 },
    { text: ' 10', value: 9 },
    { text: ',', value: 0 },
    { text: ' 11', value: 10 },
    { text: ',', value: 0 },
    { text: ' 12', value: 9 },
  ],
};

describe('ExampleRetriever.search', () => {
  it.each(modes)('%s returns k ranked hits tagged with the retriever', async (mode) => {
    const hits = await retriever.search(digitsQuery, { k: 4, mode });
    expect(hits).toHaveLength(4);
    expect(hits.map((h) => h.rank)).toEqual([1, 2, 3, 4]);
    expect(hits.every((h) => h.retriever === mode)).toBe(true);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    expect(hits[0]!.example.pattern).toBe('digits');
  });

  it('finds closing-bracket examples for a closing-bracket record in every mode', async () => {
    const query = library.get('code-python-closing-bracket')!;
    for (const mode of modes) {
      const hits = await retriever.search(query.record, {
        k: 3,
        mode,
        filter: (e) => e.id !== query.id,
      });
      expect(
        hits.some((h) => h.example.pattern === 'closing-bracket'),
        mode,
      ).toBe(true);
    }
  });

  it('answers free-text queries', async () => {
    const hits = await retriever.search('json keys before the colon', { k: 3, mode: 'lexical' });
    expect(hits[0]!.example.pattern).toBe('json-key');
  });

  it('prefers the requested tokenizer family and fills up from others', async () => {
    const hits = await retriever.search(digitsQuery, { k: 5, tokenizerFamily: 'wordpiece' });
    expect(hits.every((h) => h.example.tokenizerFamily === 'wordpiece')).toBe(true);
    const small = await ExampleRetriever.create({
      library: new ExampleLibrary(
        library.all().filter((e) => e.tokenizerFamily !== 'wordpiece' || e.pattern === 'digits'),
      ),
    });
    const filled = await small.search(digitsQuery, {
      k: 4,
      tokenizerFamily: 'wordpiece',
      mode: 'exact',
    });
    expect(filled).toHaveLength(4);
    expect(filled[0]!.example.tokenizerFamily).toBe('wordpiece');
    expect(filled.slice(1).every((h) => h.example.tokenizerFamily !== 'wordpiece')).toBe(true);
    expect(filled.map((h) => h.rank)).toEqual([1, 2, 3, 4]);
  });

  it('diversity spreads the results over more patterns', async () => {
    const patterns = async (diversity: number) =>
      new Set(
        (await retriever.search(digitsQuery, { k: 6, mode: 'exact', diversity })).map(
          (h) => h.example.pattern,
        ),
      ).size;
    const plain = await patterns(0);
    const diverse = await patterns(0.7);
    expect(diverse).toBeGreaterThan(plain);
  });

  it('keeps the relevance order when diversity is 0', async () => {
    const a = await retriever.search(digitsQuery, { k: 6, mode: 'exact' });
    const b = await retriever.search(digitsQuery, { k: 30, mode: 'exact' });
    expect(a.map((h) => h.example.id)).toEqual(b.slice(0, 6).map((h) => h.example.id));
  });

  it('returns the same hits from hnsw as from exact on a small library', async () => {
    const exact = await retriever.search(digitsQuery, { k: 10, mode: 'exact' });
    const graph = await retriever.search(digitsQuery, { k: 10, mode: 'hnsw' });
    expect(graph.map((h) => h.example.id)).toEqual(exact.map((h) => h.example.id));
  });

  it('rejects empty queries with EMPTY_QUERY', async () => {
    await expectRejectsWith(retriever.search('   '), 'EMPTY_QUERY', /empty/);
    await expectRejectsWith(retriever.search({ tokens: [] }), 'EMPTY_QUERY', /no tokens/);
    await expectRejectsWith(retriever.search({ tokens: [{ text: ' ', value: 3 }] }), 'EMPTY_QUERY');
  });

  it('rejects bad options with INVALID_ARGUMENT', async () => {
    await expectRejectsWith(retriever.search('x', { k: 0 }), 'INVALID_ARGUMENT', /k must/);
    await expectRejectsWith(
      retriever.search('x', { mode: 'fuzzy' as SearchMode }),
      'INVALID_ARGUMENT',
      /exact, lexical, hybrid, hnsw/,
    );
    await expectRejectsWith(
      retriever.search('x', { diversity: 2 }),
      'INVALID_ARGUMENT',
      /diversity/,
    );
  });

  it('stops with ABORTED when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectRejectsWith(retriever.search('x', { signal: controller.signal }), 'ABORTED');
    await expectRejectsWith(ExampleRetriever.create({ signal: controller.signal }), 'ABORTED');
  });
});

describe('ExampleRetriever.create', () => {
  it('refuses an empty library with EMPTY_LIBRARY', async () => {
    await expectRejectsWith(
      ExampleRetriever.create({ library: new ExampleLibrary([]) }),
      'EMPTY_LIBRARY',
      /library\.add/,
    );
  });

  it('adds examples later and finds them', async () => {
    const r = await ExampleRetriever.create({
      library: new ExampleLibrary(library.all().slice(0, 10)),
      hnsw: true,
    });
    const mine: Example = {
      id: 'mine-emoji',
      genre: 'mixed',
      tokenizerFamily: 'plain',
      pattern: 'emoji',
      record: {
        tokens: [
          { text: 'great', value: 0 },
          { text: '🎉', value: 10 },
          { text: '🚀', value: 9 },
        ],
      },
      explanation: 'Emoji (9–10); words stay at 0.',
    };
    await r.add([mine]);
    expect(r.size).toBe(11);
    for (const mode of modes) {
      const hits = await r.search(
        {
          tokens: [
            { text: 'wow', value: 0 },
            { text: '🎉', value: 10 },
          ],
        },
        { k: 1, mode },
      );
      expect(hits[0]!.example.id, mode).toBe('mine-emoji');
    }
    await expectRejectsWith(r.add([mine]), 'INVALID_EXAMPLE', /already/);
  });
});

describe('save and load', () => {
  it('round-trips: a loaded retriever answers exactly like the original, without re-embedding', async () => {
    const r = await ExampleRetriever.create({ library, hnsw: { M: 8, efConstruction: 50 } });
    const bytes = r.save();
    const embedder = countingEmbedder(createOfflineEmbedder());
    const loaded = await ExampleRetriever.load(bytes, { library, embedder });
    expect(embedder.texts).toBe(0);
    for (const mode of modes) {
      const a = await r.search(digitsQuery, { k: 8, mode });
      const b = await loaded.search(digitsQuery, { k: 8, mode });
      expect(b.map((h) => [h.example.id, h.score])).toEqual(a.map((h) => [h.example.id, h.score]));
    }
    expect(loaded.save()).toEqual(bytes);
  });

  it('embeds only new or edited examples when the library changed', async () => {
    const bytes = (await ExampleRetriever.create({ library, hnsw: true })).save();
    const changed = library.all().map((e, i) => (i === 3 ? { ...e, pattern: 'edited' } : e));
    const extra: Example = { ...library.all()[0]!, id: 'extra' };
    const embedder = countingEmbedder(createOfflineEmbedder());
    const loaded = await ExampleRetriever.load(bytes, {
      library: new ExampleLibrary([...changed, extra]),
      embedder,
    });
    expect(embedder.texts).toBe(2);
    expect(loaded.size).toBe(library.size + 1);
    const hits = await loaded.search(library.all()[0]!.record, { k: 2, mode: 'hnsw' });
    expect(hits.map((h) => h.example.id).sort()).toEqual(['extra', library.all()[0]!.id].sort());
  });

  it('refuses an index built with another embedder (EMBEDDER_MISMATCH)', async () => {
    const bytes = retriever.save();
    await expectRejectsWith(
      ExampleRetriever.load(bytes, {
        library,
        embedder: createOfflineEmbedder({ dimensions: 256 }),
      }),
      'EMBEDDER_MISMATCH',
      /offline-hash-v1-384.*offline-hash-v1-256/,
    );
    const sameSize = { ...createOfflineEmbedder(), id: 'other-model' };
    await expectRejectsWith(
      ExampleRetriever.load(bytes, { library, embedder: sameSize }),
      'EMBEDDER_MISMATCH',
    );
  });

  it('refuses damaged bytes with INDEX_CORRUPT', async () => {
    const bytes = retriever.save();
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 2)]! ^= 0x40;
    await expectRejectsWith(
      ExampleRetriever.load(flipped, { library }),
      'INDEX_CORRUPT',
      /checksum/,
    );
    await expectRejectsWith(
      ExampleRetriever.load(bytes.slice(0, bytes.length - 100), { library }),
      'INDEX_CORRUPT',
    );
    await expectRejectsWith(
      ExampleRetriever.load(new TextEncoder().encode('{"this is":"not an index at all"}'), {
        library,
      }),
      'INDEX_CORRUPT',
      /signature/,
    );
    await expectRejectsWith(ExampleRetriever.load(new Uint8Array(3), { library }), 'INDEX_CORRUPT');
  });

  it('refuses another format version with INDEX_VERSION_UNSUPPORTED', async () => {
    const bytes = retriever.save().slice();
    const view = new DataView(bytes.buffer);
    view.setUint32(8, 2, true);
    // A file a newer version wrote has a checksum over its own version field.
    view.setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)), true);
    await expectRejectsWith(
      ExampleRetriever.load(bytes, { library }),
      'INDEX_VERSION_UNSUPPORTED',
      /version 2.*Upgrade/,
    );
  });

  it('reads damaged version bytes as damage (INDEX_CORRUPT), not as a newer version', async () => {
    const bytes = retriever.save().slice();
    bytes[10] = 0x7f;
    const error = await expectRejectsWith(
      ExampleRetriever.load(bytes, { library }),
      'INDEX_CORRUPT',
      /checksum mismatch/,
    );
    expect(error.message).toMatch(/claims format version 8323073/);
  });

  describe('a valid checksum over bad contents gives INDEX_CORRUPT', () => {
    /** The index re-encoded (with a fresh checksum) after `edit` changed its decoded form. */
    const reencoded = (bytes: Uint8Array, edit: (saved: SavedIndex) => void) => {
      const saved = decodeIndex(bytes);
      edit(saved);
      return encodeIndex(saved);
    };
    const withGraph = (async () =>
      (await ExampleRetriever.create({ library, hnsw: { M: 8, efConstruction: 50 } })).save())();

    it('a null or malformed example entry, or a duplicated id', async () => {
      const bytes = retriever.save();
      for (const [entry, why] of [
        [null, /example entry 2 is not \{ id, text \}/],
        [{ id: 5, text: 'x' }, /example entry 2/],
        [{ id: 'a' }, /example entry 2/],
      ] as const) {
        const damaged = reencoded(bytes, (s) => {
          (s.examples as unknown[])[2] = entry;
        });
        await expectRejectsWith(ExampleRetriever.load(damaged, { library }), 'INDEX_CORRUPT', why);
      }
      const twice = reencoded(bytes, (s) => {
        s.examples[3] = { ...s.examples[2]! };
      });
      await expectRejectsWith(
        ExampleRetriever.load(twice, { library }),
        'INDEX_CORRUPT',
        /appears twice/,
      );
    });

    it('HNSW settings out of range or not integers', async () => {
      const bytes = await withGraph;
      for (const [field, value] of [
        ['M', 1],
        ['efSearch', 0],
        ['efConstruction', 2.5],
        ['seed', -1],
        ['count', 'many'],
        ['entry', null],
      ] as const) {
        const damaged = reencoded(bytes, (s) => {
          (s.hnsw as unknown as Record<string, unknown>)[field] = value;
        });
        await expectRejectsWith(
          ExampleRetriever.load(damaged, { library }),
          'INDEX_CORRUPT',
          new RegExp(`HNSW.*${field}`),
        );
      }
    });

    it('a graph with fewer nodes than vectors', async () => {
      const fewer = new ExampleLibrary(library.all().slice(0, -1));
      const small = await ExampleRetriever.create({
        library: fewer,
        hnsw: { M: 8, efConstruction: 50 },
      });
      const graph = decodeIndex(small.save()).hnsw!;
      const damaged = reencoded(await withGraph, (s) => {
        s.hnsw = graph;
      });
      await expectRejectsWith(
        ExampleRetriever.load(damaged, { library }),
        'INDEX_CORRUPT',
        new RegExp(`${library.size - 1} nodes for ${library.size} vectors`),
      );
    });
  });

  it('saves to and loads from files in Node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecco-retrieval-'));
    const path = join(dir, 'examples.idx');
    await saveToFile(retriever, path);
    const loaded = await loadFromFile(path, { library });
    const a = await retriever.search(digitsQuery, { k: 3 });
    const b = await loaded.search(digitsQuery, { k: 3 });
    expect(b.map((h) => h.example.id)).toEqual(a.map((h) => h.example.id));
    await expectRejectsWith(
      loadFromFile(join(dir, 'missing.idx'), { library }),
      'INDEX_NOT_FOUND',
      /no index file/,
    );
    writeFileSync(join(dir, 'junk.idx'), 'junk junk junk junk junk');
    await expectRejectsWith(loadFromFile(join(dir, 'junk.idx'), { library }), 'INDEX_CORRUPT');
  });

  it('reports an unreadable path as INVALID_ARGUMENT, not as a corrupt index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecco-retrieval-'));
    const error = await expectRejectsWith(
      loadFromFile(dir, { library }),
      'INVALID_ARGUMENT',
      /Could not read the index file .* \(EISDIR\).*is a directory/,
    );
    expect((error as EccoError).details).toEqual({ errno: 'EISDIR' });
  });

  it('removes its temporary file when the write or the rename fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecco-retrieval-'));
    // The target is a directory: the temporary file is written, the rename fails.
    const target = join(dir, 'taken');
    mkdirSync(target);
    await expectRejectsWith(saveToFile(retriever, target), 'OUTPUT_WRITE_FAILED', /directory/);
    expect(readdirSync(dir)).toEqual(['taken']);
    // The directory is missing: the write itself fails.
    await expectRejectsWith(
      saveToFile(retriever, join(dir, 'missing', 'x.idx')),
      'OUTPUT_WRITE_FAILED',
    );
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('which retriever found each hit (foundBy)', () => {
  it('names the mode for exact, lexical and hnsw', async () => {
    for (const mode of ['exact', 'lexical', 'hnsw'] as const) {
      const hits = await retriever.search(digitsQuery, { k: 5, mode });
      expect(
        hits.every((h) => h.foundBy.length === 1 && h.foundBy[0] === mode),
        mode,
      ).toBe(true);
    }
  });

  it('says for hybrid hits which rankings they were fused from', async () => {
    const hits = await retriever.search(digitsQuery, { k: 20, mode: 'hybrid' });
    const dense = new Set(
      (await retriever.search(digitsQuery, { k: 50, mode: 'exact' })).map((h) => h.example.id),
    );
    const lexical = new Set(
      (await retriever.search(digitsQuery, { k: 50, mode: 'lexical' })).map((h) => h.example.id),
    );
    for (const h of hits) {
      const expected = [
        ...(dense.has(h.example.id) ? ['exact'] : []),
        ...(lexical.has(h.example.id) ? ['lexical'] : []),
      ];
      expect(h.foundBy, h.example.id).toEqual(expected);
      expect(h.retriever).toBe('hybrid');
    }
    expect(hits.some((h) => h.foundBy.length === 2)).toBe(true);
  });

  it('says exact when a filter left the graph search too few and exact search filled in', async () => {
    const target = library.all().find((e) => e.genre === 'verse')!;
    // A filter that only one example passes: the graph's beam around a digits query misses it.
    const hits = await retriever.search(digitsQuery, {
      k: 1,
      mode: 'hnsw',
      efSearch: 1,
      filter: (e) => e.id === target.id,
    });
    expect(hits.map((h) => h.example.id)).toEqual([target.id]);
    expect(hits[0]!.retriever).toBe('hnsw');
    expect(hits[0]!.foundBy).toEqual(['exact']);
  });
});

describe('building the HNSW graph on the first hnsw search', () => {
  const copies = (n: number) =>
    new ExampleLibrary(
      Array.from({ length: n }, (_, c) =>
        library.all().map((e) => ({ ...e, id: `${e.id}-copy${c}` })),
      ).flat(),
    );

  it('stops with ABORTED when the signal fires during the build, keeping no half-built graph', async () => {
    const big = copies(4);
    expect(big.size).toBeGreaterThan(300);
    const r = await ExampleRetriever.create({ library: big });
    const controller = new AbortController();
    const search = r.search(digitsQuery, { k: 3, mode: 'hnsw', signal: controller.signal });
    // Fires at the build's first yield to the event loop (embedding the query does not yield).
    setTimeout(() => controller.abort(), 0);
    await expectRejectsWith(search, 'ABORTED', /Building the HNSW index was cancelled/);
    const hits = await r.search(digitsQuery, { k: 3, mode: 'hnsw' });
    const exact = await r.search(digitsQuery, { k: 3, mode: 'exact' });
    // The copies tie, so compare the examples they copy.
    const original = (id: string) => id.replace(/-copy\d$/, '');
    expect(hits.map((h) => original(h.example.id))).toEqual(
      exact.map((h) => original(h.example.id)),
    );
    expect(hits.every((h) => h.foundBy[0] === 'hnsw')).toBe(true);
  });

  it('shares one build between concurrent searches, and a search whose signal did not fire finishes', async () => {
    const r = await ExampleRetriever.create({ library: copies(4) });
    const controller = new AbortController();
    const first = r.search(digitsQuery, { k: 3, mode: 'hnsw', signal: controller.signal });
    const second = r.search(digitsQuery, { k: 3, mode: 'hnsw' });
    setTimeout(() => controller.abort(), 0);
    await expectRejectsWith(first, 'ABORTED');
    expect(await second).toHaveLength(3);
  });
});

describe('search input validation', () => {
  it('refuses record tokens without string text or a finite value', async () => {
    const bad: unknown[] = [
      { tokens: [{ text: 'a', value: 3 }, { value: 5 }] },
      { tokens: [{ text: 'a', value: 3 }, null] },
      {
        tokens: [
          { text: 'a', value: 3 },
          { text: 7, value: 5 },
        ],
      },
      { tokens: [{ text: 'a', value: Number.NaN }] },
      { tokens: [{ text: 'a' }] },
    ];
    for (const query of bad) {
      await expectRejectsWith(
        retriever.search(query as FactorRecord),
        'INVALID_ARGUMENT',
        /Token \d of the query record is not \{ text: string, value: finite number \}/,
      );
    }
  });

  it('refuses a bad efSearch, tokenizerFamily or filter', async () => {
    for (const efSearch of [Number.NaN, 0, 1.5, -3, 1e9, '64' as unknown as number]) {
      await expectRejectsWith(
        retriever.search(digitsQuery, { mode: 'hnsw', efSearch }),
        'INVALID_ARGUMENT',
        /efSearch must be an integer from 1 to 100000/,
      );
    }
    await expectRejectsWith(
      retriever.search(digitsQuery, { tokenizerFamily: 'bpe' as 'byte-bpe' }),
      'INVALID_ARGUMENT',
      /Unknown tokenizerFamily "bpe".*wordpiece, byte-bpe, sentencepiece, plain/,
    );
    await expectRejectsWith(
      retriever.search(digitsQuery, { filter: 'verse' as unknown as () => boolean }),
      'INVALID_ARGUMENT',
      /filter must be a function/,
    );
  });
});
