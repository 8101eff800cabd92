// Test page: loads models with the browser entry (onnxruntime-web, wasm) and returns captures.
import { EccoModel, env, type LoadProgress, ortEnv } from '../../src/browser.js';

ortEnv.wasm.wasmPaths = '/ort/';
// Without cross-origin isolation there is no SharedArrayBuffer, so no wasm threads.
ortEnv.wasm.numThreads = 1;

/** One capture as the page hands it to the test (typed arrays as plain lists). */
export interface Capture {
  ids: number[];
  kinds: string[];
  layers: number[];
  neurons: number;
  positions: number;
  data: number[];
  logits?: number[];
}

async function capture(
  modelUrl: string,
  texts: string[],
  dtype: 'fp32' | 'q8' = 'fp32',
): Promise<Capture[]> {
  const lm = await EccoModel.fromPretrained(modelUrl, { dtype });
  const outs = await lm.run(texts, { logits: lm.hasLogits });
  await lm.dispose();
  return outs.map((o) => ({
    ids: o.tokens.map((t) => t.id),
    kinds: o.tokens.map((t) => t.kind),
    layers: o.activations.layers,
    neurons: o.activations.neurons,
    positions: o.activations.positions,
    data: Array.from(o.activations.data),
    ...(o.logits ? { logits: Array.from(o.logits.data) } : {}),
  }));
}

async function generate(modelUrl: string, prompt: string, maxNewTokens: number, seed: number) {
  const lm = await EccoModel.fromPretrained(modelUrl);
  const out = await lm.generate(prompt, {
    maxNewTokens,
    temperature: 0.9,
    topK: 20,
    seed,
    stopAtEos: false,
  });
  await lm.dispose();
  return {
    ids: out.tokens.map((t) => t.id),
    text: out.outputText,
    positions: out.activations.positions,
  };
}

async function errorCode(modelUrl: string): Promise<string> {
  try {
    await EccoModel.fromPretrained(modelUrl);
    return 'none';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** Loads a Hub id twice from `remoteHost`; returns the progress statuses of each load. */
async function hubTwice(remoteHost: string, id: string): Promise<string[][]> {
  env.remoteHost = remoteHost;
  const loads: string[][] = [];
  for (let i = 0; i < 2; i++) {
    const seen: LoadProgress[] = [];
    const lm = await EccoModel.fromPretrained(id, { onProgress: (p) => seen.push(p) });
    await lm.run('The river');
    await lm.dispose();
    loads.push([...new Set(seen.map((p) => `${p.status}:${p.file}`))]);
  }
  return loads;
}

/** Loads a Hub id with env.localModelPath set; returns where it came from and what was fetched. */
async function localFirst(localModelPath: string, remoteHost: string, id: string) {
  Object.assign(env, { localModelPath, remoteHost });
  try {
    const seen: string[] = [];
    const lm = await EccoModel.fromPretrained(id, {
      onProgress: (p) => seen.push(`${p.status}:${p.file}`),
    });
    await lm.dispose();
    return { source: lm.source, seen: [...new Set(seen)] };
  } finally {
    env.localModelPath = '';
  }
}

Object.assign(globalThis, { ecco: { capture, generate, errorCode, hubTwice, localFirst } });
document.title = 'ready';
