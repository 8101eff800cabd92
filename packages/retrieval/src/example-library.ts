import { EccoError } from '@explainable-ecco/core';
import { BUILTIN_EXAMPLES_V1 } from './builtin/examples-v1.generated.js';
import { type Example, validateExample } from './example.js';
import { fingerprint } from './hash.js';

/**
 * A set of examples with unique ids, validated on the way in. `ExampleLibrary.builtin()` is the
 * library written for this project; add your own with `add` or build one from scratch.
 */
export class ExampleLibrary {
  private readonly examples: Example[] = [];
  private readonly ids = new Set<string>();
  private readonly baseVersion: string;
  private versionCache: string | undefined;

  /** Validates every example (`INVALID_EXAMPLE` on the first bad or duplicate one). */
  constructor(examples: readonly Example[] = [], baseVersion = 'custom') {
    this.baseVersion = baseVersion;
    this.add(...examples);
  }

  /** The examples shipped with this package (format explainable-ecco/examples, version 1). */
  static builtin(): ExampleLibrary {
    const library = new ExampleLibrary([], `builtin@${BUILTIN_EXAMPLES_V1.version}`);
    library.add(...(BUILTIN_EXAMPLES_V1.examples as Example[]));
    library.versionCache = library.baseVersion;
    return library;
  }

  /** Adds examples (deep-copied, so later edits to the originals do not leak in). */
  add(...examples: Example[]): void {
    const incoming: Example[] = [];
    const seen = new Set<string>();
    for (const example of examples) {
      validateExample(example);
      if (this.ids.has(example.id) || seen.has(example.id)) {
        throw new EccoError(
          'INVALID_EXAMPLE',
          `Example ${JSON.stringify(example.id)} is already in the library.`,
          {
            hint: 'Give each example a unique id.',
            details: { id: example.id },
          },
        );
      }
      seen.add(example.id);
      incoming.push(structuredClone(example));
    }
    // All or nothing: a bad example in a batch leaves the library as it was.
    for (const example of incoming) {
      this.examples.push(example);
      this.ids.add(example.id);
    }
    if (incoming.length) this.versionCache = undefined;
  }

  get size(): number {
    return this.examples.length;
  }

  all(): readonly Example[] {
    return this.examples;
  }

  get(id: string): Example | undefined {
    return this.examples.find((e) => e.id === id);
  }

  /**
   * Identifies the content: `builtin@1.0.0` for the shipped library as shipped, otherwise the
   * base name plus a fingerprint of every example, so two libraries with equal versions hold
   * equal examples.
   */
  get version(): string {
    this.versionCache ??= `${this.baseVersion}+${fingerprint(JSON.stringify(this.examples))}`;
    return this.versionCache;
  }
}
