export { type CliIo, EXIT, main } from './main.js';
export { type CliOptions, parseCliOptions, USAGE } from './options.js';
export type { ResultEntry, ResultFile } from './result.js';
