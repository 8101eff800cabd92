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

  it('flags reasoning models and the ones without system messages', () => {
    for (const name of [
      'gpt-5',
      'gpt-5-mini-2025-08-07',
      'o1',
      'o1-mini',
      'o3',
      'o3-mini',
      'o4-mini',
    ]) {
      expect(lookupModel(name)?.reasoning, name).toBe(true);
    }
    for (const name of ['gpt-4o', 'gpt-4.1-mini', 'gpt-5-chat-latest', 'gpt-3.5-turbo']) {
      expect(lookupModel(name)?.reasoning, name).toBeUndefined();
    }
    expect(lookupModel('o1-mini-2024-09-12')?.systemMessages).toBe(false);
    expect(lookupModel('o1-preview')?.systemMessages).toBe(false);
    expect(lookupModel('o1')?.systemMessages).toBeUndefined();
  });

  it('gives gpt-3.5-turbo-0301 its own 4,096-token window and chat layout', () => {
    expect(lookupModel('gpt-3.5-turbo-0301')).toMatchObject({
      name: 'gpt-3.5-turbo-0301',
      contextWindow: 4_096,
      encoding: 'cl100k_base',
      chatOverhead: { tokensPerMessage: 4, tokensPerName: -1 },
    });
    expect(lookupModel('gpt-3.5-turbo-0125')?.contextWindow).toBe(16_385);
  });

  it('registers under the same base name that lookup uses (openai/…, ft:…)', () => {
    expect(registerModel({ name: 'openai/my-tuned', contextWindow: 32_000 }).name).toBe('my-tuned');
    expect(lookupModel('my-tuned')?.contextWindow).toBe(32_000);
    expect(lookupModel('openai/my-tuned')?.contextWindow).toBe(32_000);
    registerModel({ name: 'ft:gpt-4o-mini:acme::abc123', contextWindow: 64_000 });
    // A fine-tune registration changes its base model, which is what lookup resolves it to.
    expect(lookupModel('ft:gpt-4o-mini-2024-07-18:acme::xyz')?.contextWindow).toBe(64_000);
    expect(lookupModel('gpt-4o-mini')).toMatchObject({
      contextWindow: 64_000,
      encoding: 'o200k_base',
    });
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
