import { EccoError } from '@explainable-ecco/core';
import { Template } from '@huggingface/jinja';
import type { ChatMessage } from '../types.js';

/*
 * Used only when a tokenizer ships no chat template: the ChatML layout that most open chat
 * models (Qwen, SmolLM, many fine-tunes) use. Counts made with it are marked inexact.
 */
export const CHATML_FALLBACK_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const SPECIAL_TOKEN_KEYS = [
  'bos_token',
  'eos_token',
  'unk_token',
  'sep_token',
  'pad_token',
  'cls_token',
  'mask_token',
] as const;

/** The template a config names: a string, or the `default` entry of a named list. */
export function pickChatTemplate(config: Record<string, unknown> | undefined): string | undefined {
  const value = config?.chat_template;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const named = value as Array<{ name?: unknown; template?: unknown }>;
    const chosen = named.find((t) => t.name === 'default') ?? named[0];
    if (typeof chosen?.template === 'string') return chosen.template;
  }
  return undefined;
}

/** Special-token strings as templates see them (`{{ bos_token }}`). */
export function specialTokenStrings(
  config: Record<string, unknown> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of SPECIAL_TOKEN_KEYS) {
    const value = config?.[key];
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'object' && value !== null) {
      const content = (value as { content?: unknown }).content;
      if (typeof content === 'string') out[key] = content;
    }
  }
  return out;
}

/** A compiled chat template that renders messages the way chat servers do before tokenizing. */
export class ChatTemplate {
  private readonly template: Template;

  constructor(
    source: string,
    private readonly specialTokens: Record<string, string>,
  ) {
    try {
      this.template = new Template(source);
    } catch (error) {
      throw new EccoError('TOKENIZER_UNAVAILABLE', 'The chat template does not parse.', {
        cause: error,
        hint: 'Fix chat_template in tokenizer_config.json, or pass chatTemplate explicitly.',
      });
    }
  }

  /** The prompt text, primed for the assistant's reply (`add_generation_prompt`). */
  render(messages: ChatMessage[]): string {
    try {
      return this.template.render({
        messages: messages.map((m) => ({ ...m })),
        add_generation_prompt: true,
        ...this.specialTokens,
      });
    } catch (error) {
      throw new EccoError(
        'INVALID_ARGUMENT',
        `The chat template refused these messages: ${(error as Error).message}`,
        {
          cause: error,
          hint: 'Some templates require alternating user/assistant turns or forbid system messages; adapt the examples or pass another chatTemplate.',
        },
      );
    }
  }
}
