import { throwIfAborted } from '@explainable-ecco/core';
import { describeRecord } from '../heuristic/describe.js';
import { simulateLexically } from '../heuristic/simulator.js';
import type { LocalProvider } from './types.js';

/**
 * The offline provider: explains a record from its tokens alone (dominant tokens, token
 * classes, position patterns, share of the mass) and simulates lexically. No network, no key.
 */
export function heuristicProvider(): LocalProvider {
  return {
    kind: 'local',
    id: 'heuristic',
    async explain({ record, sequenceLength }, { signal }) {
      throwIfAborted(signal, 'Explaining');
      return describeRecord(record, sequenceLength);
    },
    simulate: simulateLexically,
  };
}
