// Runs the NMF worker host inside a Node worker_threads Worker (the browser entry's job).
import { parentPort } from 'node:worker_threads';
import { installNmfWorker } from '../src/worker-host.js';

const port = parentPort!;
installNmfWorker({
  postMessage: (message, transfer) => port.postMessage(message, transfer as never),
  addEventListener: (_type, listener) => port.on('message', (data) => listener({ data })),
});
