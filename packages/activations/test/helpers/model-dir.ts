import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A scratch copy of a model directory (Hub layout) with some files replaced, for tests of
 * broken, renamed or re-packaged models.
 */
export function modelDirVariant(
  from: string,
  changes: {
    config?: (config: Record<string, unknown>) => Record<string, unknown>;
    files?: Record<string, Uint8Array | string>;
    /** Files to leave out. */
    omit?: string[];
  } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecco-model-'));
  mkdirSync(join(dir, 'onnx'));
  for (const file of [
    'config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    'onnx/model.onnx',
  ]) {
    if (changes.omit?.includes(file) || changes.files?.[file] !== undefined) continue;
    copyFileSync(join(from, file), join(dir, file));
  }
  if (changes.config && !changes.omit?.includes('config.json')) {
    const config = JSON.parse(readFileSync(join(from, 'config.json'), 'utf8'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify(changes.config(config)));
  }
  for (const [file, content] of Object.entries(changes.files ?? {}))
    writeFileSync(join(dir, file), content);
  return dir;
}
