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

  /** A file that exists but cannot be read (a directory in its place, no permission, a link loop, …). */
  private unreadable(
    file: string,
    cause: unknown,
    errno = (cause as { code?: unknown })?.code,
  ): never {
    if (errno === 'EISDIR') {
      throw new EccoError('MODEL_CORRUPT', `${this.source} has a directory ${file}, not a file.`, {
        hint: 'Replace it with the file; the Hub layout needs config.json, tokenizer.json and onnx/model*.onnx as files.',
        details: { file, source: this.source, errno },
        cause,
      });
    }
    const reason = typeof errno === 'string' ? ` (${errno})` : '';
    throw new EccoError('MODEL_CORRUPT', `${file} in ${this.source} could not be read${reason}.`, {
      hint:
        errno === 'EACCES' || errno === 'EPERM'
          ? 'Give this process read permission on the model directory and its files.'
          : 'Check that the file is a regular, readable file (not a broken link or a special file), or restore the model directory.',
      details: { file, source: this.source, ...(typeof errno === 'string' ? { errno } : {}) },
      cause,
    });
  }

  async read(file: string, options: { optional?: boolean } = {}): Promise<Uint8Array | undefined> {
    try {
      const bytes = await readFile(join(this.source, file));
      this.onProgress?.({ status: 'local', file, loaded: bytes.length, total: bytes.length });
      return bytes;
    } catch (error) {
      if (!isMissing(error)) this.unreadable(file, error);
      if (options.optional) return undefined;
      this.missing(file);
    }
  }

  async toDisk(file: string): Promise<string> {
    const path = join(this.source, file);
    let kind: 'file' | 'dir' | undefined;
    try {
      const s = await stat(path);
      kind = s.isFile() ? 'file' : s.isDirectory() ? 'dir' : undefined;
    } catch (error) {
      if (!isMissing(error)) this.unreadable(file, error);
      this.missing(file);
    }
    if (kind === 'file') return path;
    this.unreadable(file, undefined, kind === 'dir' ? 'EISDIR' : 'not a regular file');
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
