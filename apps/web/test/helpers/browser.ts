// bench/time-to-result.ts launches Chromium through here; the tests import test-kit directly.
export { launchChromium } from '@explainable-ecco/test-kit';
