import { afterEach, describe, expect, it } from 'vitest';
import {
  explanationReply,
  type FakeChatCompletions,
  startFakeChatCompletions,
} from '../src/index.js';

let server: FakeChatCompletions | undefined;
afterEach(() => server?.close());

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server!.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const ask = { model: 'm1', messages: [{ role: 'user', content: 'hi' }] };

describe('startFakeChatCompletions', () => {
  it('answers as the script says, in the Chat Completions shape, and records each request', async () => {
    server = await startFakeChatCompletions((req, i) =>
      i === 0
        ? {
            kind: 'ok',
            content: `echo ${req.body.messages[0]!.content}`,
            usage: { prompt: 7, completion: 3 },
          }
        : explanationReply('commas'),
    );
    expect(server.baseURL).toBe(`${server.url}/v1`);
    const first = await (await post(ask, { authorization: 'Bearer k1' })).json();
    expect(first).toMatchObject({
      id: 'chatcmpl-0',
      object: 'chat.completion',
      model: 'm1',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'echo hi' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 },
    });
    const second = await (await post({ ...ask, model: 'm2' })).json();
    expect(JSON.parse(second.choices[0].message.content)).toEqual({ explanation: 'commas' });
    expect(second.usage).toEqual({ prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 });
    expect(server.requests.map((r) => [r.method, r.path, r.body.model])).toEqual([
      ['POST', '/v1/chat/completions', 'm1'],
      ['POST', '/v1/chat/completions', 'm2'],
    ]);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer k1');
    expect(JSON.parse(server.requests[0]!.rawBody)).toEqual(ask);
  });

  it('sends scripted HTTP errors with their headers, after their delay', async () => {
    server = await startFakeChatCompletions(() => ({
      kind: 'error',
      status: 429,
      message: 'slow down',
      headers: { 'retry-after': '2' },
      delayMs: 200,
    }));
    const started = Date.now();
    const res = await post(ask);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toEqual({ error: { message: 'slow down', type: 'scripted' } });
  });

  it("carries OpenAI's code and param fields in an error body", async () => {
    server = await startFakeChatCompletions(() => ({
      kind: 'error',
      status: 400,
      type: 'invalid_request_error',
      code: 'unsupported_parameter',
      param: 'max_tokens',
      message: "Unsupported parameter: 'max_tokens'",
    }));
    const res = await post(ask);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        message: "Unsupported parameter: 'max_tokens'",
        type: 'invalid_request_error',
        code: 'unsupported_parameter',
        param: 'max_tokens',
      },
    });
  });

  it('answers deferred replies when released, and hung ones never (close ends them)', async () => {
    let release!: (content: string) => void;
    const released = new Promise<string>((resolve) => {
      release = resolve;
    });
    server = await startFakeChatCompletions((_, i) =>
      i === 0 ? { kind: 'deferred', release: released } : { kind: 'hang' },
    );
    const deferred = post(ask);
    const hung = post(ask).then(
      () => 'answered',
      () => 'connection ended',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    release('late');
    expect((await (await deferred).json()).choices[0].message.content).toBe('late');
    await server.close();
    expect(await hung).toBe('connection ended');
    server = undefined;
  });

  it('refuses other keys with OpenAI’s 401, and routes nothing but POST /v1/chat/completions', async () => {
    server = await startFakeChatCompletions(() => explanationReply('x'), { acceptKey: 'sk-right' });
    const refused = await post(ask, { authorization: 'Bearer sk-wrong' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: {
        message: expect.stringMatching(/^Incorrect API key provided: sk-wrong\./),
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    });
    expect((await post(ask, { authorization: 'Bearer sk-right' })).status).toBe(200);
    expect(
      (await fetch(`${server.url}/v1/completions`, { method: 'POST', body: '{}' })).status,
    ).toBe(404);
    const bad = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      body: 'not json',
    });
    expect(bad.status).toBe(400);
    expect(server.requests).toHaveLength(2);
    expect(server.allRequests.map((r) => r.path)).toEqual([
      '/v1/chat/completions',
      '/v1/chat/completions',
      '/v1/completions',
      '/v1/chat/completions',
    ]);
  });

  it('serves files and, with cors, answers preflights for other origins', async () => {
    server = await startFakeChatCompletions(() => explanationReply('x'), {
      cors: true,
      files: { '/': { type: 'text/html', body: '<p>page</p>' } },
    });
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html');
    expect(await page.text()).toBe('<p>page</p>');
    const preflight = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type',
    );
    const answer = await post(ask, { origin: 'http://app.test' });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(server.requests).toHaveLength(1);
    expect(server.allRequests.map((r) => r.method)).toEqual(['GET', 'OPTIONS', 'POST']);
  });
});
