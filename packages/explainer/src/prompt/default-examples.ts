import type { ExampleSearch } from './explain-prompt.js';

/** The retriever over the built-in example library (created once, on first use). */
export async function defaultExampleSearch(): Promise<ExampleSearch | undefined> {
  return undefined;
}
