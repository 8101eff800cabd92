import { ExampleRetriever } from '@explainable-ecco/retrieval';
import type { ExampleSearch } from './explain-prompt.js';

let shared: Promise<ExampleSearch> | undefined;

/**
 * A retriever over the built-in example library with the offline embedder, created once per
 * process on first use (no network, no model files).
 */
export function defaultExampleSearch(): Promise<ExampleSearch> {
  shared ??= ExampleRetriever.create({}).catch((error: unknown) => {
    shared = undefined; // let a later call try again
    throw error;
  });
  return shared;
}
