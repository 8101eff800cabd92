import { isEccoError } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { normaliseEndpoint, OPENAI_ENDPOINT } from '../src/settings/endpoints.js';
import type { FormValues } from '../src/settings/form-values.js';
import { endpointOf, readSettings } from '../src/settings/read-settings.js';

const demo = { url: 'http://app.test/models/demo-gpt2/', label: 'demo-gpt2 (bundled)' };

function values(overrides: Partial<FormValues> = {}): FormValues {
  return {
    preset: 'counting',
    text: '1,2,3',
    modelKind: 'demo',
    hubId: '',
    dtype: 'fp32',
    device: 'auto',
    truncate: false,
    remoteHost: 'https://huggingface.co/',
    components: '2',
    layers: 'all',
    fromLayer: '0',
    toLayer: '1',
    explainer: 'heuristic',
    baseUrl: '',
    llmModel: '',
    apiKey: '',
    ...overrides,
  };
}

/** The typed error `fn` throws, for inspection. */
function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isEccoError(error)) return error;
    throw error;
  }
  throw new Error('expected an EccoError');
}

describe('readSettings', () => {
  it('builds the request of the default demo run', () => {
    expect(readSettings(values(), demo)).toEqual({
      name: 'counting',
      text: '1,2,3',
      model: {
        source: demo.url,
        label: demo.label,
        dtype: 'fp32',
        device: 'auto',
        remoteHost: 'https://huggingface.co/',
      },
      truncate: false,
      components: 2,
      layers: { kind: 'all' },
      explainer: { provider: 'heuristic' },
    });
  });

  it('takes a Hub id, a mirror and a layer range', () => {
    const r = readSettings(
      values({
        modelKind: 'hub',
        hubId: ' Xenova/distilgpt2 ',
        remoteHost: 'https://hf-mirror.example/',
        layers: 'range',
        fromLayer: '2',
        toLayer: '4',
        dtype: 'q8',
        truncate: true,
      }),
      demo,
    );
    expect(r.model).toMatchObject({
      source: 'Xenova/distilgpt2',
      dtype: 'q8',
      remoteHost: 'https://hf-mirror.example/',
    });
    expect(r.layers).toEqual({ kind: 'range', from: 2, to: 4 });
    expect(r.truncate).toBe(true);
  });

  it.each([
    [{ text: '  \n ' }, 'EMPTY_TEXT', 'text'],
    [{ components: '0' }, 'INVALID_OPTION', 'components'],
    [{ components: '2.5' }, 'INVALID_OPTION', 'components'],
    [{ components: '101' }, 'INVALID_OPTION', 'components'],
    [{ modelKind: 'hub' as const, hubId: ' ' }, 'INVALID_OPTION', 'hubId'],
    [{ remoteHost: 'ftp://mirror' }, 'INVALID_OPTION', 'remoteHost'],
    [{ layers: 'range', fromLayer: '-1' }, 'INVALID_OPTION', 'fromLayer'],
    [{ layers: 'range', toLayer: 'x' }, 'INVALID_OPTION', 'toLayer'],
    [{ explainer: 'openai' as const }, 'MISSING_API_KEY', 'apiKey'],
    [{ explainer: 'compatible' as const }, 'INVALID_OPTION', 'baseUrl'],
    [
      { explainer: 'compatible' as const, baseUrl: 'http://user:pw@localhost:1/v1' },
      'INVALID_OPTION',
      'baseUrl',
    ],
    [
      { explainer: 'compatible' as const, baseUrl: 'http://localhost:11434/v1' },
      'INVALID_OPTION',
      'llmModel',
    ],
  ])('rejects %j with %s on field %s', (overrides, code, field) => {
    const error = thrown(() => readSettings(values(overrides), demo));
    expect(error.code).toBe(code);
    expect(error.details?.field).toBe(field);
    expect(error.hint?.length).toBeGreaterThan(10);
  });

  it('leaves the layer range itself to runNmf, which knows the captured layers', () => {
    const r = readSettings(values({ layers: 'range', fromLayer: '7', toLayer: '3' }), demo);
    expect(r.layers).toEqual({ kind: 'range', from: 7, to: 3 });
  });

  it('sends OpenAI requests with the key and, when given, the model', () => {
    expect(
      readSettings(values({ explainer: 'openai', apiKey: ' sk-abc ' }), demo).explainer,
    ).toEqual({
      provider: 'openai',
      apiKey: 'sk-abc',
    });
    expect(
      readSettings(values({ explainer: 'openai', apiKey: 'k', llmModel: 'gpt-4.1-mini' }), demo)
        .explainer,
    ).toEqual({ provider: 'openai', apiKey: 'k', model: 'gpt-4.1-mini' });
  });

  it('sends compatible-server requests to the normalised URL, key optional', () => {
    const r = readSettings(
      values({
        explainer: 'compatible',
        baseUrl: 'http://localhost:11434/v1/',
        llmModel: 'llama3.2',
      }),
      demo,
    );
    expect(r.explainer).toEqual({
      provider: 'openai',
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.2',
    });
  });
});

describe('endpoints', () => {
  it('names where each explainer sends its key', () => {
    expect(endpointOf({ explainer: 'heuristic', baseUrl: 'http://x' })).toBeUndefined();
    expect(endpointOf({ explainer: 'openai', baseUrl: 'http://x' })).toBe(OPENAI_ENDPOINT);
    expect(endpointOf({ explainer: 'compatible', baseUrl: 'http://h:1/v1/?q#f' })).toBe(
      'http://h:1/v1',
    );
    expect(endpointOf({ explainer: 'compatible', baseUrl: 'not a url' })).toBeUndefined();
  });

  it('refuses non-http URLs and URLs with credentials', () => {
    expect(normaliseEndpoint('javascript:alert(1)')).toBeUndefined();
    expect(normaliseEndpoint('https://key@api.example/v1')).toBeUndefined();
    expect(normaliseEndpoint(' https://api.example/v1// ')).toBe('https://api.example/v1');
  });
});
