import { EccoError, redactSecrets } from '@explainable-ecco/core';

/** The Hugging Face files a tokenizer counts with (objects as parsed from JSON). */
export interface HfTokenizerFiles {
  /** `tokenizer.json`. */
  tokenizerJson: Record<string, unknown>;
  /** `tokenizer_config.json` (special tokens, `chat_template`). */
  tokenizerConfig?: Record<string, unknown>;
  /** `chat_template.jinja`, which newer model repos ship instead of a config entry. */
  chatTemplate?: string;
  /** The model's `config.json` (for its context window). */
  modelConfig?: Record<string, unknown>;
}

/** Served folders are fetched; `file:` URLs are local folders, read from disk. */
const isHttpUrl = (path: string) => /^https?:/i.test(path);
const isFileUrl = (path: string) => /^file:/i.test(path);
/** URL schemes that cannot name a folder of files (no paths under them). */
const isFolderlessUrl = (path: string) => /^(data|blob):/i.test(path);
const isUrl = (path: string) => isHttpUrl(path) || isFileUrl(path) || isFolderlessUrl(path);

/** A location fit for error messages: no credentials or query strings from URLs. */
function shown(location: string): string {
  if (!isUrl(location)) return redactSecrets(location);
  try {
    const url = new URL(location);
    return redactSecrets(`${url.protocol}//${url.host}${url.pathname}`);
  } catch {
    return '(unparseable URL)';
  }
}

interface NodeFiles {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  join(...parts: string[]): string;
  fileURLToPath(url: string): string;
}

/*
 * Node's file system, loaded only when a local path is read. The specifiers are not literals
 * so that browser bundlers neither pull node: modules in nor warn about them.
 */
async function nodeFiles(): Promise<NodeFiles> {
  const load = (specifier: string) => import(/* @vite-ignore */ specifier);
  const [fs, path, url] = await Promise.all([
    load('node:fs/promises'),
    load('node:path'),
    load('node:url'),
  ]);
  return { readFile: fs.readFile, join: path.join, fileURLToPath: url.fileURLToPath };
}

/** Reads a file's text, or `undefined` when it does not exist. */
async function readOptional(dir: string, file: string): Promise<string | undefined> {
  if (isHttpUrl(dir)) {
    // Keep the folder URL's query (signed URLs carry their credentials there).
    const url = new URL(dir);
    url.pathname = `${url.pathname.replace(/\/$/, '')}/${file}`;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      // No `cause`: a network error may repeat the URL, query credentials included.
      throw new EccoError('TOKENIZER_UNAVAILABLE', `Could not fetch ${shown(url.href)}.`, {
        details: { reason: redactSecrets(String((error as Error)?.message ?? error)) },
        hint: 'Check that the server is running and reachable.',
      });
    }
    if (response.status === 404) return undefined;
    if (!response.ok) {
      throw new EccoError(
        'TOKENIZER_UNAVAILABLE',
        `Could not fetch ${shown(url.href)}: HTTP ${response.status}.`,
        { hint: 'Check that the model folder is served and readable.' },
      );
    }
    return response.text();
  }
  const { readFile, join, fileURLToPath } = await nodeFiles();
  let folder = dir;
  if (isFileUrl(dir)) {
    try {
      folder = fileURLToPath(dir);
    } catch (error) {
      throw new EccoError('TOKENIZER_UNAVAILABLE', `${shown(dir)} is not a usable file: URL.`, {
        cause: error,
        hint: 'Use an absolute file:///… URL or a plain folder path.',
      });
    }
  }
  try {
    return await readFile(join(folder, file), 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw new EccoError('TOKENIZER_UNAVAILABLE', `Could not read ${shown(join(folder, file))}.`, {
      cause: error,
      hint: 'Check the path and its permissions.',
    });
  }
}

function parseJson(text: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch (error) {
    throw new EccoError('TOKENIZER_UNAVAILABLE', `${what} is not valid JSON.`, {
      cause: error,
      hint: 'Replace it with the file from the model repository.',
    });
  }
  throw new EccoError('TOKENIZER_UNAVAILABLE', `${what} must hold a JSON object.`, {
    hint: 'Replace it with the file from the model repository.',
  });
}

/**
 * Loads tokenizer.json (required), tokenizer_config.json, chat_template.jinja and config.json
 * from a local model folder (Hub layout; a path or a `file:` URL) or from an http(s) URL that
 * serves one.
 */
export async function loadHfTokenizerFiles(modelPath: string): Promise<HfTokenizerFiles> {
  if (isFolderlessUrl(modelPath)) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `${modelPath.slice(0, modelPath.indexOf(':') + 1)} URLs cannot name a tokenizer folder.`,
      {
        hint: 'Pass the tokenizer.json contents as tokenizerJson instead, or a folder path, file: URL or http(s) URL.',
      },
    );
  }
  const [tokenizer, tokenizerConfig, chatTemplate, modelConfig] = await Promise.all([
    readOptional(modelPath, 'tokenizer.json'),
    readOptional(modelPath, 'tokenizer_config.json'),
    readOptional(modelPath, 'chat_template.jinja'),
    readOptional(modelPath, 'config.json'),
  ]);
  if (tokenizer === undefined) {
    throw new EccoError('TOKENIZER_UNAVAILABLE', `No tokenizer.json in ${shown(modelPath)}.`, {
      hint: 'Point localModelPath at a folder in Hugging Face layout that contains tokenizer.json.',
      details: { modelPath: shown(modelPath) },
    });
  }
  return {
    tokenizerJson: parseJson(tokenizer, `${shown(modelPath)}/tokenizer.json`),
    ...(tokenizerConfig !== undefined && {
      tokenizerConfig: parseJson(tokenizerConfig, `${shown(modelPath)}/tokenizer_config.json`),
    }),
    ...(chatTemplate !== undefined && { chatTemplate }),
    ...(modelConfig !== undefined && {
      modelConfig: parseJson(modelConfig, `${shown(modelPath)}/config.json`),
    }),
  };
}
