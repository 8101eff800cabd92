/**
 * demo-gpt2 forward latency with onnxruntime-node: fp32 model.onnx vs int8 model_quantized.onnx
 * on the two demo texts (medians of 20 runs after 3 warm-ups, same process, same inputs).
 * Run: pnpm --filter @explainable-ecco/demo-model bench
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { time, writeBenchResult } from '@explainable-ecco/bench-kit';
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { demoModelPath } from '../src/index.js';

env.allowRemoteModels = false;
env.localModelPath = '';

const texts = JSON.parse(
  readFileSync(new URL('../demo-texts.json', import.meta.url), 'utf8'),
) as Record<string, { text: string }>;
const tokenizer = await AutoTokenizer.from_pretrained(demoModelPath);

function feeds(ids: number[]) {
  const input = BigInt64Array.from(ids.map((id) => BigInt(id)));
  return {
    input_ids: new ort.Tensor('int64', input, [1, ids.length]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [
      1,
      ids.length,
    ]),
  };
}

const results: Record<string, unknown>[] = [];
for (const [name, { text }] of Object.entries(texts)) {
  const ids = tokenizer.encode(text);
  const row: Record<string, unknown> = { text: name, tokens: ids.length };
  for (const file of ['model.onnx', 'model_quantized.onnx']) {
    const session = await ort.InferenceSession.create(join(demoModelPath, 'onnx', file));
    const input = feeds(ids);
    row[file] = await time(() => session.run(input), { runs: 20, warmup: 3 });
  }
  const fp32 = (row['model.onnx'] as { p50Ms: number }).p50Ms;
  const int8 = (row['model_quantized.onnx'] as { p50Ms: number }).p50Ms;
  row.int8OverFp32P50 = int8 / fp32;
  results.push(row);
  console.log(
    `${name} (${ids.length} tokens): fp32 p50 ${fp32.toFixed(2)} ms, int8 p50 ${int8.toFixed(2)} ms, ratio ${(int8 / fp32).toFixed(2)}`,
  );
}

writeBenchResult('demo-model-inference', {
  note: 'onnxruntime-node CPU, default session options; shared machine, medians quoted',
  results,
});
