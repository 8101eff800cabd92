import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEccoError } from '@explainable-ecco/core';
import { expect } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

export const fixtureDir = (name: string) => resolve(here, 'fixtures', name);

/** The project's shared tiny model fixtures (fixtures/models at the repository root). */
export const repoModelDir = (name: string) => resolve(here, '../../../fixtures/models', name);

/**
 * A Llama-2-style chat template written for these tests: the system prompt folds into the
 * first user turn, turns must alternate user/assistant, `[INST]` primes the reply.
 */
export const LLAMA2_STYLE_TEMPLATE =
  "{% if messages[0]['role'] == 'system' %}{% set system = messages[0]['content'] %}{% set turns = messages[1:] %}{% else %}{% set system = false %}{% set turns = messages %}{% endif %}" +
  "{% for message in turns %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/...') }}{% endif %}" +
  "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' }}{% if loop.first and system %}{{ '<<SYS>>\\n' + system + '\\n<</SYS>>\\n\\n' }}{% endif %}{{ message['content'] + ' [/INST]' }}" +
  "{% else %}{{ ' ' + message['content'] + ' ' + eos_token }}{% endif %}{% endfor %}";

/** Asserts that `run` rejects (or throws) an EccoError with `code` and returns it. */
export async function expectEccoError(run: () => unknown, code: string) {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(isEccoError(caught), `expected EccoError ${code}, got ${String(caught)}`).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
  return caught as Error & { code: string; details?: Record<string, unknown> };
}

/** Counts non-overlapping occurrences of `needle` in `haystack`. */
export function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
