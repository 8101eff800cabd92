import {
  type ActivationCapture,
  EccoError,
  type ModelOutput,
  type Token,
  validateCapture,
} from '@explainable-ecco/core';

/** One sequence to factorize: its capture and the tokens its factors align to. */
export interface Sequence {
  capture: ActivationCapture;
  tokens: Token[];
  /** False when tokens are placeholders made for a bare capture. */
  realTokens: boolean;
}

/** What runNmf accepts for one sequence. */
export type NmfSequenceInput = ModelOutput | ActivationCapture;

/**
 * Normalises runNmf's input into validated sequences that share layers and neuron count.
 * A bare capture gets placeholder tokens `#0`, `#1`, … (id −1).
 */
export function toSequences(inputs: readonly NmfSequenceInput[]): Sequence[] {
  if (inputs.length === 0) {
    throw new EccoError('INVALID_ARGUMENT', 'runNmf() got an empty array of sequences.', {
      hint: 'Pass one model output, or an array with at least one.',
    });
  }
  const sequences = inputs.map((input, index) => toSequence(input, index));
  const [first] = sequences;
  sequences.forEach(({ capture }, index) => {
    const sameLayers =
      capture.layers.length === first.capture.layers.length &&
      capture.layers.every((l, i) => l === first.capture.layers[i]);
    if (!sameLayers || capture.neurons !== first.capture.neurons) {
      throw new EccoError(
        'INVALID_CAPTURE',
        `Sequence ${index} was captured with layers [${capture.layers.join(', ')}] × ${capture.neurons} neurons, but sequence 0 with [${first.capture.layers.join(', ')}] × ${first.capture.neurons}.`,
        { hint: 'Factorize sequences jointly only when they come from the same model and layers.' },
      );
    }
  });
  return sequences;
}

function toSequence(input: NmfSequenceInput, index: number): Sequence {
  if (!input || typeof input !== 'object') {
    throw new EccoError('INVALID_ARGUMENT', `Sequence ${index} is not a model output or capture.`, {
      hint: 'Pass what EccoModel.run() returns ({ tokens, activations }), or its activations.',
    });
  }
  if ('activations' in input) {
    const { tokens, activations } = input;
    validateCapture(activations);
    if (!Array.isArray(tokens) || tokens.length !== activations.positions) {
      throw new EccoError(
        'INVALID_CAPTURE',
        `Sequence ${index} has ${Array.isArray(tokens) ? tokens.length : 'no'} tokens but activations for ${activations.positions} positions.`,
        { hint: 'Tokens and activation positions must correspond one to one.' },
      );
    }
    return { capture: activations, tokens, realTokens: true };
  }
  validateCapture(input);
  const tokens: Token[] = Array.from({ length: input.positions }, (_, position) => ({
    text: `#${position}`,
    display: `#${position}`,
    id: -1,
    position,
    kind: 'input',
  }));
  return { capture: input, tokens, realTokens: false };
}
