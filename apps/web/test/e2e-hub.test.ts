import { join } from 'node:path';
import { type HubServer, repoRoot, startHubServer } from '@explainable-ecco/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, runAndWait } from './helpers/app-page.js';
import { useAppPage } from './helpers/app-session.js';

const tinyLlama = join(repoRoot, 'fixtures/models/tiny-llama');

const session = useAppPage();
let hub: HubServer;

async function chooseHubModel(): Promise<void> {
  const { page } = session.app;
  await page.click('details.advanced summary');
  await page.fill('#remote-host', hub.url);
  await page.check('input[name="model-kind"][value="hub"]');
  await page.fill('#hub-id', 'test-org/tiny-llama');
  await page.selectOption('#preset', 'text');
  await page.fill('#text', 'The river runs to the sea, and the sea is never full.');
  await page.fill('#components', '3');
}

beforeAll(async () => {
  hub = await startHubServer({ models: { 'test-org/tiny-llama': tinyLlama } });
});

afterAll(async () => {
  await hub?.close();
});

describe('a Hub id, from a loopback stand-in for the Hub', () => {
  it('downloads and runs the model', async () => {
    await chooseHubModel();
    expect(await runAndWait(session.app.page)).toBe('complete');
    expect(await session.app.page.textContent('#summary')).toMatch(
      /^3 factors of \d+ tokens over layers 0, 1, from test-org\/tiny-llama \(llama, 2 layers/,
    );
    const paths = hub.requests.map((r) => r.path);
    // The app asks for the main revision only (the stand-in would serve any).
    expect(paths.filter((p) => !p.startsWith('/test-org/tiny-llama/resolve/main/'))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/test-org/tiny-llama/resolve/main/config.json',
        '/test-org/tiny-llama/resolve/main/tokenizer.json',
        '/test-org/tiny-llama/resolve/main/onnx/model.onnx',
      ]),
    );
    expect(foreignRequests(session.app.requests, session.server.url, [hub.url])).toEqual([]);
  });

  it('loads it from the browser cache the next time, with no download', async () => {
    const before = hub.requests.length;
    await session.app.page.reload();
    await chooseHubModel();
    expect(await runAndWait(session.app.page)).toBe('complete');
    expect(hub.requests.slice(before)).toEqual([]);
    expect(session.app.errors).toEqual([]);
  });
});
