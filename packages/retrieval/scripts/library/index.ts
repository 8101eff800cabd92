import { code } from './code.js';
import { dialogue } from './dialogue.js';
import { markup } from './markup.js';
import { mixed } from './mixed.js';
import { positional } from './positional.js';
import { prose } from './prose.js';
import { sequence } from './sequence.js';
import type { ExampleSpec } from './spec.js';
import { special } from './special.js';
import { verse } from './verse.js';

export type { ExampleSpec } from './spec.js';

/** Every authored example, in the order they appear in the shipped library. */
export const EXAMPLE_SPECS: readonly ExampleSpec[] = [
  ...code,
  ...verse,
  ...prose,
  ...sequence,
  ...markup,
  ...dialogue,
  ...mixed,
  ...special,
  ...positional,
];
