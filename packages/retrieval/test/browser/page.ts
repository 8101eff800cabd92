// Bundled for Chromium by browser.test.ts: the package's main entry, in a page, offline.
import { ExactIndex, ExampleLibrary, ExampleRetriever, type SearchMode } from '../../src/index.js';

const modes: SearchMode[] = ['exact', 'lexical', 'hybrid', 'hnsw'];

async function run() {
  const library = ExampleLibrary.builtin();
  const retriever = await ExampleRetriever.create({ library });
  const query = library.get('code-python-closing-bracket')!.record;
  const results: Record<string, Array<[string, number]>> = {};
  for (const mode of modes) {
    results[mode] = (await retriever.search(query, { k: 5, mode })).map((h) => [
      h.example.id,
      h.score,
    ]);
  }
  const loaded = await ExampleRetriever.load(retriever.save(), { library });
  const reloaded = (await loaded.search(query, { k: 5, mode: 'hnsw' })).map((h) => h.example.id);
  return { size: library.size, kernel: new ExactIndex(4).store.kernelName, results, reloaded };
}

declare global {
  interface Window {
    retrievalResult?: unknown;
  }
}

run().then(
  (result) => {
    window.retrievalResult = result;
    document.title = 'done';
  },
  (error) => {
    window.retrievalResult = { error: String(error?.stack ?? error) };
    document.title = 'failed';
  },
);
