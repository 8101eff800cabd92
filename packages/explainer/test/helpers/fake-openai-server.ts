import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the loopback server received. */
export interface RecordedRequest {
  body: {
    model: string;
    messages: Array<{ role: string; content: string }>;
    response_format?: { type: string };
    max_tokens?: number;
    temperature?: number;
  };
  headers: IncomingMessage['headers'];
  receivedAt: number;
}

/** One scripted answer. */
export type ScriptedReply =
  | {
      kind: 'ok';
      content: string;
      delayMs?: number;
      usage?: { prompt: number; completion: number };
    }
  | {
      kind: 'error';
      status: number;
      message?: string;
      headers?: Record<string, string>;
      delayMs?: number;
    }
  | { kind: 'hang' }
  /** Answers when `release` resolves (tests use it to fix the completion order). */
  | { kind: 'deferred'; release: Promise<string> };

export interface FakeOpenAI {
  /** Base URL to give the SDK, ending in /v1. */
  baseURL: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible Chat Completions server on 127.0.0.1 that answers as `script` says:
 * answers, delays, HTTP errors (with Retry-After) or hangs. Nothing leaves the machine.
 */
export async function startFakeOpenAI(
  script: (request: RecordedRequest, index: number) => ScriptedReply,
  /** Files served on GET (path → content type and body), e.g. a test page and its bundle. */
  files: Record<string, { type: string; body: string }> = {},
): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const file = req.method === 'GET' ? files[req.url ?? ''] : undefined;
      if (file) {
        res.writeHead(200, { 'content-type': file.type });
        res.end(file.body);
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.url}`, type: 'not_found' } }));
        return;
      }
      const recorded: RecordedRequest = {
        body: JSON.parse(raw),
        headers: req.headers,
        receivedAt: Date.now(),
      };
      const index = requests.push(recorded) - 1;
      const reply = script(recorded, index);
      if (reply.kind === 'hang') return; // never answers; close() ends the socket
      if (reply.kind === 'deferred') {
        reply.release.then((content) => sendOk(res, recorded, index, { kind: 'ok', content }));
        return;
      }
      later(reply.delayMs ?? 0, () => {
        if (reply.kind === 'error') {
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(
            JSON.stringify({
              error: { message: reply.message ?? `scripted ${reply.status}`, type: 'scripted' },
            }),
          );
          return;
        }
        sendOk(res, recorded, index, reply);
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function sendOk(
  res: ServerResponse,
  recorded: RecordedRequest,
  index: number,
  reply: Extract<ScriptedReply, { kind: 'ok' }>,
): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: `chatcmpl-${index}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: recorded.body.model,
      choices: [
        { index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' },
      ],
      usage: {
        prompt_tokens: reply.usage?.prompt ?? 100,
        completion_tokens: reply.usage?.completion ?? 20,
        total_tokens: (reply.usage?.prompt ?? 100) + (reply.usage?.completion ?? 20),
      },
    }),
  );
}

/** The factor a request is about, from the `<<wN>>` marker the test factorizations carry. */
export function markedFactor(request: RecordedRequest): number {
  const last = request.body.messages[request.body.messages.length - 1]!.content;
  const m = /<<w(\d+)>>/.exec(last);
  if (!m) throw new Error(`no factor marker in: ${last.slice(0, 200)}`);
  return Number(m[1]);
}
