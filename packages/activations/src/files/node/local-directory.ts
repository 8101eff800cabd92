import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EccoError } from '@explainable-ecco/core';
import type { ModelFiles, ProgressCallback } from '../model-files.js';

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** A model directory in the Hub layout on the local disk. Never touches the network. */
export class LocalDirectoryFiles implements ModelFiles {
  readonly kind = 'local' as const;
  readonly source: string;

  constructor(
    readonly dir: string,
    private readonly onProgress?: ProgressCallback,
  ) {
    this.source = resolve(dir);
  }

  private missing(file: string): never {
    if (file === 'config.json') {
      throw new EccoError(
        'MODEL_NOT_FOUND',
        `${this.source} is not a model directory: it has no config.json.`,
        {
          hint: 'Point to a directory in the Hub layout (config.json, tokenizer.json, onnx/model.onnx).',
          details: { file, source: this.source },
        },
      );
    }
    throw new EccoError('MODEL_FILE_MISSING', `${this.source} has no ${file}.`, {
      hint: file.endsWith('.onnx')
        ? 'Pick a dtype whose file exists in onnx/ (model.onnx = fp32, model_quantized.onnx = q8, model_fp16.onnx = fp16) or pass modelFile.'
        : 'Restore the file; the Hub layout needs config.json, tokenizer.json and onnx/model*.onnx.',
      details: { file, source: this.source },
    });
  }

  async read(file: string, options: { optional?: boolean } = {}): Promise<Uint8Array | undefined> {
    try {
      const bytes = await readFile(join(this.source, file));
      this.onProgress?.({ status: 'local', file, loaded: bytes.length, total: bytes.length });
      return bytes;
    } catch (error) {
      if (!isMissing(error)) throw error;
      if (options.optional) return undefined;
      this.missing(file);
    }
  }

  async toDisk(file: string): Promise<string> {
    const path = join(this.source, file);
    try {
      if ((await stat(path)).isFile()) return path;
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    this.missing(file);
  }

  async listOnnxFiles(): Promise<string[]> {
    try {
      return (await readdir(join(this.source, 'onnx')))
        .filter((f) => f.endsWith('.onnx'))
        .map((f) => `onnx/${f}`);
    } catch {
      return [];
    }
  }
}
