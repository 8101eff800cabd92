import { EccoError } from '@explainable-ecco/core';
import type {
  ExplainerChoice,
  LayerChoice,
  ModelChoice,
  RunRequest,
} from '../pipeline/protocol.js';
import { HUB_HOST, MAX_COMPONENTS } from './defaults.js';
import { normaliseEndpoint, OPENAI_ENDPOINT } from './endpoints.js';
import type { FormValues } from './form-values.js';

const DTYPES = ['fp32', 'fp16', 'q8', 'q4'] as const;
const DEVICES = ['auto', 'wasm', 'webgpu'] as const;

function invalid(field: string, message: string, hint: string): EccoError {
  return new EccoError('INVALID_OPTION', message, { hint, details: { field } });
}

function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(field, `Unknown ${field} "${value}".`, `Pick one of: ${allowed.join(', ')}.`);
}

/** The model choice alone (for loading a model ahead of a run). */
export function readModel(v: FormValues, demo: { url: string; label: string }): ModelChoice {
  const dtype = oneOf(v.dtype, DTYPES, 'dtype');
  const device = oneOf(v.device, DEVICES, 'device');
  const remoteHost = normaliseEndpoint(v.remoteHost || HUB_HOST);
  if (!remoteHost) {
    throw invalid(
      'remoteHost',
      `"${v.remoteHost}" is not an http(s) address.`,
      `Use ${HUB_HOST}, or the address of a mirror with the Hub's layout.`,
    );
  }
  const common = { dtype, device, remoteHost: `${remoteHost}/` };
  if (v.modelKind === 'demo') return { source: demo.url, label: demo.label, ...common };
  const id = v.hubId.trim();
  if (!id) {
    throw invalid(
      'hubId',
      'No model is given.',
      'Enter a Hub id such as Xenova/distilgpt2, or a URL of a folder in the Hub layout — or choose the bundled demo model.',
    );
  }
  return { source: id, label: id, ...common };
}

function readLayers(v: FormValues): LayerChoice {
  const kind = oneOf(v.layers, ['all', 'last', 'range'] as const, 'layers');
  if (kind !== 'range') return { kind };
  const from = wholeNumber(v.fromLayer);
  if (from === undefined) {
    throw invalid('fromLayer', '"From layer" must be a whole number ≥ 0.', 'Layers count from 0.');
  }
  const to = wholeNumber(v.toLayer);
  if (to === undefined) {
    throw invalid(
      'toLayer',
      '"To layer" must be a whole number.',
      'The range is half-open, as in ecco: from 0 to 2 covers layers 0 and 1.',
    );
  }
  // Whether the range fits the model is for runNmf to say: it knows the captured layers.
  return { kind: 'range', from, to };
}

function readExplainer(v: FormValues): ExplainerChoice {
  if (v.explainer === 'heuristic') return { provider: 'heuristic' };
  const apiKey = v.apiKey.trim();
  const model = v.llmModel.trim();
  const withModel = model ? { model } : {};
  if (v.explainer === 'openai') {
    if (!apiKey) {
      throw new EccoError('MISSING_API_KEY', 'OpenAI needs an API key.', {
        hint: 'Paste your key (it is kept in this tab only and sent only to OpenAI), or choose the heuristic explainer to stay offline.',
        details: { field: 'apiKey' },
      });
    }
    return { provider: 'openai', apiKey, ...withModel };
  }
  const baseURL = normaliseEndpoint(v.baseUrl);
  if (!baseURL) {
    throw invalid(
      'baseUrl',
      v.baseUrl.trim()
        ? `"${v.baseUrl.trim()}" is not an http(s) address.`
        : 'No server URL is given.',
      'Enter the base URL of an OpenAI-compatible server, e.g. http://localhost:11434/v1 for Ollama (without credentials in it).',
    );
  }
  if (!model) {
    throw invalid(
      'llmModel',
      'No model name is given.',
      'Enter a model the server serves, e.g. llama3.2.',
    );
  }
  return { provider: 'openai', baseURL, model, ...(apiKey ? { apiKey } : {}) };
}

/**
 * Checks the form and builds a run request. Problems the form can see throw typed errors
 * (`details.field` names the field); what only the model knows (text length, layer range) is
 * left to the packages, which report it just as clearly.
 */
export function readSettings(v: FormValues, demo: { url: string; label: string }): RunRequest {
  if (!v.text.trim()) {
    throw new EccoError('EMPTY_TEXT', 'There is no text to analyse.', {
      hint: 'Type or paste a text, or pick an example.',
      details: { field: 'text' },
    });
  }
  const components = wholeNumber(v.components);
  if (components === undefined || components < 1 || components > MAX_COMPONENTS) {
    throw invalid(
      'components',
      `Components must be a whole number from 1 to ${MAX_COMPONENTS}.`,
      'ecco uses 10; a short text supports a few.',
    );
  }
  return {
    name: v.preset || 'text',
    text: v.text,
    model: readModel(v, demo),
    truncate: v.truncate,
    components,
    layers: readLayers(v),
    explainer: readExplainer(v),
  };
}

/** Where an explainer choice sends requests (and its key), for the key's storage and the UI. */
export function endpointOf(v: Pick<FormValues, 'explainer' | 'baseUrl'>): string | undefined {
  if (v.explainer === 'openai') return OPENAI_ENDPOINT;
  if (v.explainer === 'compatible') return normaliseEndpoint(v.baseUrl);
  return undefined;
}
