import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '@explainable-ecco/test-kit';
import { describe, expect, it } from 'vitest';
import { demoModelUrl } from '../src/browser.js';
import { demoModelPath } from '../src/index.js';

const MODEL_FILES = [
  'config.json',
  'generation_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/model.onnx',
  'onnx/model_quantized.onnx',
  'README.md',
];

function dirSize(dir: string, files: string[]): number {
  return files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

describe('@explainable-ecco/demo-model', () => {
  it('demoModelPath is the absolute path of a Hub-layout GPT-2 directory', () => {
    expect(isAbsolute(demoModelPath)).toBe(true);
    for (const file of MODEL_FILES) expect(existsSync(join(demoModelPath, file))).toBe(true);
    const config = JSON.parse(readFileSync(join(demoModelPath, 'config.json'), 'utf8'));
    expect(config.model_type).toBe('gpt2');
    expect(config.n_layer).toBeGreaterThan(0);
  });

  it('demoModelUrl points at the same directory and files', () => {
    const dir = demoModelUrl();
    expect(dir.protocol).toBe('file:');
    expect(dir.href.endsWith('/model/')).toBe(true);
    expect(fileURLToPath(demoModelUrl('onnx/model_quantized.onnx'))).toBe(
      join(demoModelPath, 'onnx/model_quantized.onnx'),
    );
    expect(demoModelUrl('/config.json').href).toBe(demoModelUrl('config.json').href);
  });

  it('exports the model files and demo texts through the package name', () => {
    const require = createRequire(import.meta.url);
    const config = require.resolve('@explainable-ecco/demo-model/model/config.json');
    expect(config).toBe(join(demoModelPath, 'config.json'));
    const texts = require('@explainable-ecco/demo-model/demo-texts.json') as Record<
      string,
      { text: string }
    >;
    expect(texts.counting?.text).toBe('1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18');
    const pkg = require('@explainable-ecco/demo-model/package.json') as { files: string[] };
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'model', 'demo-texts.json']));
  });

  it('ships at most 25 MB of model files (fp32 + int8)', () => {
    const size = dirSize(demoModelPath, MODEL_FILES);
    expect(size).toBeLessThanOrEqual(25_000_000);
  });

  it.each(['tiny-distilbert', 'tiny-bert', 'tiny-llama', 'tiny-llama-past'])(
    'fixture %s is at most 1 MB',
    (name) => {
      const dir = join(repoRoot, 'fixtures/models', name);
      const files = [
        'config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'onnx/model.onnx',
        'onnx/model_quantized.onnx',
      ];
      expect(dirSize(dir, files)).toBeLessThanOrEqual(1_000_000);
    },
  );
});
