/** Runs every retrieval benchmark; each writes its JSON into bench-results/. */
await import('./quality.js');
await import('./hnsw-100k.js');
