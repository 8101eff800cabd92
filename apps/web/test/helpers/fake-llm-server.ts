import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LlmRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeLlmServer {
  /** http://127.0.0.1:port (the OpenAI-compatible base URL is this + /v1). */
  url: string;
  requests: LlmRequest[];
  /** The explanations sent, in order. */
  answers: string[];
  close(): Promise<void>;
}

/**
 * A loopback OpenAI-compatible server speaking Chat Completions over real HTTP, with the CORS
 * answers a browser needs. Each completion is `{"explanation": "…"}` as JSON content. With
 * `acceptKey`, other keys get OpenAI's 401 (whose message quotes the key, as OpenAI's does).
 */
export async function startFakeLlm(
  options: { acceptKey?: string; delayMs?: number } = {},
): Promise<FakeLlmServer> {
  const requests: LlmRequest[] = [];
  const answers: string[] = [];
  const server = createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
    };
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', async () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { ...cors, 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (options.acceptKey !== undefined && key !== options.acceptKey) {
        res.writeHead(401, { ...cors, 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              message: `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
              type: 'invalid_request_error',
              code: 'invalid_api_key',
            },
          }),
        );
        return;
      }
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (res.destroyed) return;
      const model = (JSON.parse(body) as { model?: string }).model ?? 'fake';
      const explanation = `Fake explanation ${answers.length + 1}: fires on the numbers.`;
      answers.push(explanation);
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${answers.length}`,
          object: 'chat.completion',
          created: 0,
          model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: JSON.stringify({ explanation }) },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 100, completion_tokens: 12, total_tokens: 112 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
