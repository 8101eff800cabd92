// Browser entry: no filesystem, so only the URL helper.
export { demoModelUrl } from './model-url.js';
