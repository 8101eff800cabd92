// Run by threads.test.ts as `node --import tsx test/threads-under-tsx.ts`: the threaded engine
// from source, the way the benchmarks run it.
import { nmf } from '../src/index.js';
import { createNodeThreadedEngine } from '../src/node-threads.js';
import { smallMatrix } from './fixtures.js';

const x = smallMatrix(64, 900, 3, 0.5);
const result = await nmf(x, [64, 900], {
  nComponents: 4,
  init: 'random',
  maxIter: 5,
  tol: 0,
  engine: createNodeThreadedEngine(2),
});
console.log(result.engine, result.nIter);
