import {
  EccoError,
  type ModelOutput,
  seededRandom,
  type TokenizerFamily,
} from '@explainable-ecco/core';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import type { CapturePlan } from '../capture/capture-plan.js';
import { pickNextToken, validateSampling } from '../generation/sampler.js';
import { encodeText } from '../tokenizer/encode-text.js';
import type { EccoModelConfig } from './config.js';
import { forwardBatch, lastLogits, outputsFor } from './forward.js';
import type { ModelParts } from './load-model.js';
import type { GenerateOptions, RunOptions } from './options.js';

/** What `generate` returns: a ModelOutput over prompt + generated tokens, plus the new text. */
export interface GenerateOutput extends ModelOutput {
  /** Tokens that came from the prompt (the rest, kind 'output', were generated). */
  inputLength: number;
  /** The generated continuation, decoded (special tokens skipped). */
  outputText: string;
}

/**
 * A language model whose FFN activations are captured on every run. Created by the platform
 * entry points' `EccoModel.fromPretrained`; this base holds everything that is the same in Node
 * and browsers.
 */
export class EccoModelBase {
  /** Runs are queued: onnxruntime-web sessions do not accept overlapping runs. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  protected constructor(protected readonly parts: ModelParts) {}

  /** Normalised config.json. */
  get config(): EccoModelConfig {
    return this.parts.config;
  }

  /** The transformers.js tokenizer. */
  get tokenizer(): PreTrainedTokenizer {
    return this.parts.tokenizer;
  }

  /** Subword convention of the tokenizer's pieces. */
  get tokenizerFamily(): TokenizerFamily {
    return this.parts.pieces.family;
  }

  /** Captured layers, numeric order. */
  get layers(): number[] {
    return this.parts.captured.map((c) => c.layer);
  }

  /** Which tensors are captured and how they were found. */
  get capturePlan(): CapturePlan {
    return this.parts.plan;
  }

  /** Directory, Hub id or URL the model came from. */
  get source(): string {
    return this.parts.source;
  }

  /** Whether the model outputs next-token logits. */
  get hasLogits(): boolean {
    return this.parts.logitsOutput !== undefined;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    if (this.disposed) {
      return Promise.reject(
        new EccoError('INVALID_ARGUMENT', 'This model was disposed.', {
          hint: 'Load it again with EccoModel.fromPretrained().',
        }),
      );
    }
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Tokenizes and runs text(s), capturing FFN activations. An array is run in padded batches;
   * results come back in input order, each with only its own positions.
   */
  run(text: string, options?: RunOptions): Promise<ModelOutput>;
  run(texts: readonly string[], options?: RunOptions): Promise<ModelOutput[]>;
  run(
    input: string | readonly string[],
    options: RunOptions = {},
  ): Promise<ModelOutput | ModelOutput[]> {
    const single = !Array.isArray(input);
    const texts = (single ? [input] : input) as readonly unknown[];
    const batchSize = options.batchSize ?? 8;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      return Promise.reject(
        new EccoError(
          'INVALID_ARGUMENT',
          `batchSize must be a positive integer, got ${batchSize}.`,
        ),
      );
    }
    let encoded: number[][];
    try {
      outputsFor(this.parts, options.layers);
      encoded = texts.map((t, i) =>
        encodeText(this.parts.tokenizer, this.parts.pieces, t, {
          maxPositions: this.parts.maxPositions,
          truncation: options.truncation,
          index: single ? undefined : i,
        }),
      );
    } catch (error) {
      return Promise.reject(error);
    }
    return this.serial(async () => {
      // Similar lengths share a batch, so little compute goes to padding.
      const order = encoded
        .map((_, i) => i)
        .sort((a, b) => encoded[a]!.length - encoded[b]!.length);
      const results: ModelOutput[] = new Array(encoded.length);
      for (let start = 0; start < order.length; start += batchSize) {
        const chunk = order.slice(start, start + batchSize);
        const outs = await forwardBatch(
          this.parts,
          chunk.map((i) => encoded[i]!),
          options,
        );
        chunk.forEach((i, j) => {
          results[i] = outs[j]!;
        });
      }
      return single ? results[0]! : results;
    });
  }

  /**
   * Generates a continuation of `prompt` (causal models), then captures activations for every
   * position of prompt + output, as ecco's `generate` does. Deterministic for a fixed seed
   * (and always for greedy decoding).
   */
  generate(prompt: string, options: GenerateOptions): Promise<GenerateOutput> {
    const parts = this.parts;
    let ids: number[];
    try {
      if (!parts.config.causal || !parts.logitsOutput) {
        throw new EccoError(
          'NOT_CAUSAL_MODEL',
          `${parts.source} (${parts.config.modelType}) is not a causal language model, so it cannot generate.`,
          {
            hint: 'Use run() to capture activations of a text, or load a decoder model (gpt2, llama, …) with a logits output.',
          },
        );
      }
      const max = options?.maxNewTokens;
      if (!Number.isInteger(max) || max < 1) {
        throw new EccoError(
          'INVALID_ARGUMENT',
          `maxNewTokens must be a positive integer, got ${String(max)}.`,
          {
            hint: 'E.g. generate(prompt, { maxNewTokens: 20 }).',
          },
        );
      }
      validateSampling(options);
      outputsFor(parts, options.layers);
      ids = encodeText(parts.tokenizer, parts.pieces, prompt, { maxPositions: parts.maxPositions });
      if (parts.maxPositions !== undefined && ids.length + max > parts.maxPositions) {
        throw new EccoError(
          'TEXT_TOO_LONG',
          `The prompt has ${ids.length} tokens; with ${max} new tokens that exceeds the model's ${parts.maxPositions} positions.`,
          {
            hint: `Use maxNewTokens ≤ ${parts.maxPositions - ids.length} or a shorter prompt.`,
            details: {
              promptTokens: ids.length,
              maxNewTokens: max,
              maxPositions: parts.maxPositions,
            },
          },
        );
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const inputLength = ids.length;
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
    const random = seededRandom(seed);
    return this.serial(async () => {
      for (let step = 0; step < options.maxNewTokens; step++) {
        const next = pickNextToken(await lastLogits(parts, ids), options, random);
        ids.push(next);
        if ((options.stopAtEos ?? true) && parts.eosIds.has(next)) break;
      }
      const [out] = await forwardBatch(parts, [ids], {
        layers: options.layers,
        logits: options.logits,
        outputFrom: [inputLength],
      });
      const generated = ids.slice(inputLength);
      return {
        ...out!,
        inputLength,
        outputText: generated.length
          ? parts.tokenizer.decode(generated, { skip_special_tokens: true })
          : '',
      };
    });
  }

  /** Releases the onnxruntime session. The model cannot run afterwards. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue;
    await this.parts.session.release();
  }
}
