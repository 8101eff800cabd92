export { maxAbs, maxAbsDiff, pearson } from './array-compare.js';
export {
  type BrowserBundle,
  type BrowserBundleOptions,
  bundleForBrowser,
} from './browser-bundle.js';
export {
  type ChatCompletionBody,
  type ChatReply,
  type ChatRequest,
  type ChatScript,
  explanationReply,
  type FakeChatCompletions,
  type FakeChatCompletionsOptions,
  type ReceivedRequest,
  startFakeChatCompletions,
} from './chat-completions-server.js';
export {
  CHROMIUM_ARGS,
  chromiumPath,
  launchChromium,
  launchPersistentChromium,
  type PersistentChromium,
} from './chromium.js';
export { type HubServer, type HubServerOptions, startHubServer } from './hub-server.js';
export {
  type LoopbackServer,
  listenOnLoopback,
  type RecordedRequest,
  recordRequest,
} from './loopback.js';
export { ECCO_BERT_NMF8, readSharedJson, repoRoot, sharedFixture } from './paths.js';
export { type PageRecord, type RecordedPage, recordedPage, recordPage } from './recorded-page.js';
export {
  type ReferenceArray,
  type ReferenceManifest,
  readReferenceFloats,
  readReferenceManifest,
  referenceDir,
  referenceModels,
} from './reference-data.js';
export { type Rejection, rejectionOf } from './rejection.js';
export { fileUnder, sendFile } from './served-file.js';
export {
  type StaticServer,
  type StaticServerOptions,
  serveStatic,
  staticContentType,
} from './static-server.js';
