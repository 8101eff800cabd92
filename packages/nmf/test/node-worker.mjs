// Node worker_threads bootstrap for test/worker.test.ts: TypeScript via tsx, then the host.
import { register } from 'tsx/esm/api';

register();
await import('./node-worker.ts');
