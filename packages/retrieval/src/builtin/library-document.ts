import type { Example } from '../example.js';

/** The shape of data/examples.v1.json. */
export interface BuiltinLibraryDocument {
  format: 'explainable-ecco/examples';
  /** Semantic version of the content: patch for wording, minor for added examples, major for removed or renamed ones. */
  version: string;
  examples: Example[];
}
