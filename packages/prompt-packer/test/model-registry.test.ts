import { afterEach, describe, expect, it } from 'vitest';
import { lookupModel, MODEL_REGISTRY, registerModel, resetModelRegistry } from '../src/index.js';
import { expectEccoError } from './helpers.js';

afterEach(() => resetModelRegistry());

describe('model registry', () => {
  it('maps model families to their encodings and context windows', () => {
    expect(lookupModel('gpt-4o')).toMatchObject({ encoding: 'o200k_base', contextWindow: 128_000 });
    expect(lookupModel('gpt-4.1')).toMatchObject({
      encoding: 'o200k_base',
      contextWindow: 1_047_576,
    });
    expect(lookupModel('gpt-5')).toMatchObject({ encoding: 'o200k_base', maxInputTokens: 272_000 });
    expect(lookupModel('o3-mini')?.encoding).toBe('o200k_base');
    expect(lookupModel('gpt-4')).toMatchObject({ encoding: 'cl100k_base', contextWindow: 8_192 });
    expect(lookupModel('gpt-3.5-turbo')?.encoding).toBe('cl100k_base');
    expect(lookupModel('text-davinci-003')).toMatchObject({
      encoding: 'p50k_base',
      contextWindow: 4_097,
      endpoint: 'completion',
    });
    expect(lookupModel('gpt-4o-mini')?.pricePer1M).toEqual({ input: 0.15, output: 0.6 });
  });

  it('resolves snapshots, fine-tunes and routed names to the longest known base name', () => {
    expect(lookupModel('gpt-4o-2024-08-06')?.name).toBe('gpt-4o');
    expect(lookupModel('gpt-4o-mini-2024-07-18')?.name).toBe('gpt-4o-mini');
    expect(lookupModel('gpt-4-turbo-2024-04-09')?.name).toBe('gpt-4-turbo');
    expect(lookupModel('gpt-4-0613')?.name).toBe('gpt-4');
    expect(lookupModel('gpt-3.5-turbo-instruct-0914')?.name).toBe('gpt-3.5-turbo-instruct');
    expect(lookupModel('ft:gpt-4o-mini-2024-07-18:acme::abc123')?.name).toBe('gpt-4o-mini');
    expect(lookupModel('openai/gpt-4.1-mini')?.name).toBe('gpt-4.1-mini');
    expect(lookupModel('gpt-4oops')).toBeUndefined();
    expect(lookupModel('llama-3-8b')).toBeUndefined();
  });

  it('lets callers override a known model and add new ones, and forgets them on reset', () => {
    expect(registerModel({ name: 'gpt-4o', contextWindow: 64_000 })).toMatchObject({
      contextWindow: 64_000,
      encoding: 'o200k_base',
    });
    expect(lookupModel('gpt-4o-2024-11-20')?.contextWindow).toBe(64_000);
    registerModel({ name: 'my-llama', contextWindow: 8_192, endpoint: 'completion' });
    expect(lookupModel('my-llama-q4')).toMatchObject({ name: 'my-llama', contextWindow: 8_192 });
    expect(MODEL_REGISTRY['gpt-4o']?.contextWindow).toBe(128_000);
    resetModelRegistry();
    expect(lookupModel('gpt-4o')?.contextWindow).toBe(128_000);
    expect(lookupModel('my-llama')).toBeUndefined();
  });

  it('refuses registrations without a usable context window', async () => {
    await expectEccoError(() => registerModel({ name: 'new-model' }), 'INVALID_BUDGET');
    await expectEccoError(() => registerModel({ name: 'm', contextWindow: -5 }), 'INVALID_BUDGET');
    await expectEccoError(() => registerModel({ name: ' ' }), 'INVALID_ARGUMENT');
  });

  it('keeps the built-in table read-only', () => {
    expect(Object.isFrozen(MODEL_REGISTRY)).toBe(true);
    expect(Object.isFrozen(MODEL_REGISTRY['gpt-4o'])).toBe(true);
  });
});
