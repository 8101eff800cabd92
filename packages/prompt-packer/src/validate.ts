import { EccoError } from '@explainable-ecco/core';
import type { ChatMessage, PackOptions } from './types.js';

const ROLES = new Set<ChatMessage['role']>(['system', 'user', 'assistant']);

function checkMessage(m: unknown, where: string): void {
  const msg = m as Partial<ChatMessage> | null;
  if (typeof msg !== 'object' || msg === null || !ROLES.has(msg.role as ChatMessage['role'])) {
    throw new EccoError('INVALID_EXAMPLE', `${where} needs a role of system, user or assistant.`);
  }
  if (typeof msg.content !== 'string') {
    throw new EccoError('INVALID_EXAMPLE', `${where} needs string content.`);
  }
  if (msg.name !== undefined && typeof msg.name !== 'string') {
    throw new EccoError('INVALID_EXAMPLE', `${where} has a name that is not a string.`);
  }
}

/** Rejects malformed options before any tokenizer is loaded, saying what to fix. */
export function validatePackOptions(options: PackOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new EccoError('INVALID_ARGUMENT', 'pack() needs an options object.');
  }
  if (options.format !== 'chat' && options.format !== 'completion') {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `format must be 'chat' or 'completion' (got ${JSON.stringify(options.format)}).`,
    );
  }
  if (typeof options.instructions !== 'string') {
    throw new EccoError('INVALID_ARGUMENT', 'instructions must be a string (it may be empty).');
  }
  if (options.system !== undefined && typeof options.system !== 'string') {
    throw new EccoError('INVALID_ARGUMENT', 'system must be a string when given.');
  }
  if (typeof options.query !== 'string' || options.query.trim() === '') {
    throw new EccoError('EMPTY_QUERY', 'The query is empty.', {
      hint: 'Pass the text the model should answer about as query.',
    });
  }
  if (!Array.isArray(options.examples)) {
    throw new EccoError('INVALID_ARGUMENT', 'examples must be an array (it may be empty).');
  }
  const ids = new Set<string>();
  options.examples.forEach((example, i) => {
    const where = `Example ${i}`;
    if (typeof example?.id !== 'string' || example.id === '') {
      throw new EccoError('INVALID_EXAMPLE', `${where} needs a non-empty string id.`);
    }
    if (ids.has(example.id)) {
      throw new EccoError('INVALID_EXAMPLE', `Example id "${example.id}" appears twice.`, {
        hint: 'Give every example a unique id.',
      });
    }
    ids.add(example.id);
    const hasText = typeof example.text === 'string' && example.text !== '';
    if (example.text !== undefined && typeof example.text !== 'string') {
      throw new EccoError(
        'INVALID_EXAMPLE',
        `Example "${example.id}" has a text that is not a string.`,
      );
    }
    if (example.messages !== undefined) {
      if (!Array.isArray(example.messages)) {
        throw new EccoError(
          'INVALID_EXAMPLE',
          `Example "${example.id}" messages must be an array.`,
        );
      }
      for (const [j, m] of example.messages.entries()) {
        checkMessage(m, `Message ${j} of example "${example.id}"`);
      }
    }
    if (!hasText && !(example.messages?.length ?? 0)) {
      throw new EccoError(
        'INVALID_EXAMPLE',
        `Example "${example.id}" has neither text nor messages.`,
        {
          hint: 'Drop empty examples before packing.',
        },
      );
    }
  });
  if (
    options.maxExamples !== undefined &&
    !(Number.isInteger(options.maxExamples) && options.maxExamples >= 0)
  ) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `maxExamples must be a non-negative integer (got ${String(options.maxExamples)}).`,
    );
  }
  const d = options.diversity;
  if (typeof d === 'object' && d !== null) {
    if (!(typeof d.maxSimilarity === 'number' && d.maxSimilarity > 0 && d.maxSimilarity <= 1)) {
      throw new EccoError(
        'INVALID_ARGUMENT',
        `diversity.maxSimilarity must be in (0, 1] (got ${String(d.maxSimilarity)}).`,
      );
    }
  }
  if (options.tokenizer !== undefined && typeof options.tokenizer?.count !== 'function') {
    throw new EccoError(
      'INVALID_ARGUMENT',
      'tokenizer must be a TokenCounter with a count(text) method.',
      {
        hint: 'Get one with getTokenCounter(model), or leave tokenizer out and pass model.',
      },
    );
  }
  if (options.truncateQuery !== undefined && typeof options.truncateQuery !== 'function') {
    throw new EccoError(
      'INVALID_ARGUMENT',
      'truncateQuery must be a function (query, maxTokens, counter) => string.',
    );
  }
  if (
    options.queryOverflow !== undefined &&
    options.queryOverflow !== 'error' &&
    options.queryOverflow !== 'truncate-middle'
  ) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `queryOverflow must be 'error' or 'truncate-middle' (got ${JSON.stringify(options.queryOverflow)}).`,
    );
  }
}
