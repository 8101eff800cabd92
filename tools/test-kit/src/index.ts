export {
  type BrowserSession,
  chromiumPath,
  launchChromium,
  type RecordedPage,
  recordedPage,
} from './chromium.js';
export { repoRoot, sharedFixture } from './paths.js';
