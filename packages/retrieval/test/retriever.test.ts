import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FactorRecord } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import {
  createOfflineEmbedder,
  type Example,
  ExampleLibrary,
  ExampleRetriever,
  type SearchMode,
} from '../src/index.js';
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
    new DataView(bytes.buffer).setUint32(8, 2, true);
    await expectRejectsWith(
      ExampleRetriever.load(bytes, { library }),
      'INDEX_VERSION_UNSUPPORTED',
      /version 2.*Upgrade/,
    );
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
});
