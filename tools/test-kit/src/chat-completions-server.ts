import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  type LoopbackServer,
  listenOnLoopback,
  type RecordedRequest,
  recordRequest,
} from './loopback.js';

/** A request as the server received it, with its body as sent. */
export interface ReceivedRequest extends RecordedRequest {
  rawBody: string;
}

/** The parts of a Chat Completions request body the tests look at. */
export interface ChatCompletionBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string };
  max_tokens?: number;
  temperature?: number;
}

/** A `POST /v1/chat/completions` request, its JSON body parsed. */
export interface ChatRequest extends ReceivedRequest {
  body: ChatCompletionBody;
}

/** How the server answers one completion request. */
export type ChatReply =
  | {
      kind: 'ok';
      /** The assistant message's content. */
      content: string;
      delayMs?: number;
      /** Token counts the answer reports (default 100 prompt, 20 completion). */
      usage?: { prompt: number; completion: number };
    }
  | {
      kind: 'error';
      status: number;
      /** OpenAI's error body fields (default message `scripted <status>`, type `scripted`). */
      message?: string;
      type?: string;
      code?: string;
      /** The request parameter the error is about, as OpenAI names it (e.g. 'max_tokens'). */
      param?: string;
      headers?: Record<string, string>;
      delayMs?: number;
    }
  /** Never answers; `close()` ends the connection. */
  | { kind: 'hang' }
  /** Answers with the content `release` resolves to (tests use it to fix the completion order). */
  | { kind: 'deferred'; release: Promise<string> };

/** Decides the answer to the `index`-th completion request (0-based). */
export type ChatScript = (request: ChatRequest, index: number) => ChatReply;

export interface FakeChatCompletionsOptions {
  /** When set, any other bearer token gets OpenAI's 401, whose message quotes the key as OpenAI's does. */
  acceptKey?: string;
  /** Answer CORS preflights and send CORS headers, so a page on another origin may call it. */
  cors?: boolean;
  /** Files served on GET (path → content type and body), e.g. a test page and its bundle. */
  files?: Readonly<Record<string, { type: string; body: string }>>;
}

export interface FakeChatCompletions extends LoopbackServer {
  /** `<url>/v1`: the base URL an OpenAI client takes. */
  baseURL: string;
  /** Every `POST /v1/chat/completions`, in order of arrival (refused ones included). */
  requests: ChatRequest[];
  /** Every request of any kind (preflights, files, wrong paths), in order of arrival. */
  allRequests: ReceivedRequest[];
}

/** An answer whose content is `{"explanation": text}`, as the explainer's prompts ask for. */
export function explanationReply(text: string): ChatReply {
  return { kind: 'ok', content: JSON.stringify({ explanation: text }) };
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
    'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  if (res.destroyed) return; // the client gave up (a cancelled run)
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function completion(
  request: ChatRequest,
  index: number,
  content: string,
  usage = { prompt: 100, completion: 20 },
) {
  return {
    id: `chatcmpl-${index}`,
    object: 'chat.completion',
    created: Math.floor(request.receivedAt / 1000),
    model: request.body.model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
}

function errorBody(message: string, type: string, code?: string, param?: string) {
  return {
    error: {
      message,
      type,
      ...(code === undefined ? {} : { code }),
      ...(param === undefined ? {} : { param }),
    },
  };
}

/**
 * A loopback server speaking OpenAI's Chat Completions protocol over real HTTP, answering as
 * `script` says: answers, delays, HTTP errors (with headers such as Retry-After), hangs, or
 * answers released by the test. Nothing leaves the machine.
 */
export async function startFakeChatCompletions(
  script: ChatScript,
  options: FakeChatCompletionsOptions = {},
): Promise<FakeChatCompletions> {
  const requests: ChatRequest[] = [];
  const allRequests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const server = createServer((req, res) => {
    let rawBody = '';
    req.on('data', (chunk) => {
      rawBody += chunk;
    });
    req.on('end', () => {
      const received: ReceivedRequest = { ...recordRequest(req), rawBody };
      allRequests.push(received);
      const cors = options.cors ? corsHeaders(req) : {};
      if (options.cors && req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      const file = req.method === 'GET' ? options.files?.[received.path] : undefined;
      if (file) {
        res.writeHead(200, { ...cors, 'Content-Type': file.type }).end(file.body);
        return;
      }
      if (req.method !== 'POST' || received.path !== '/v1/chat/completions') {
        const message = `No route ${req.method} ${received.path}`;
        sendJson(res, 404, errorBody(message, 'invalid_request_error'), cors);
        return;
      }
      let body: ChatCompletionBody;
      try {
        body = JSON.parse(rawBody) as ChatCompletionBody;
      } catch {
        sendJson(res, 400, errorBody('The body is not JSON.', 'invalid_request_error'), cors);
        return;
      }
      const request: ChatRequest = { ...received, body };
      const index = requests.push(request) - 1;
      const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (options.acceptKey !== undefined && key !== options.acceptKey) {
        const message = `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`;
        sendJson(res, 401, errorBody(message, 'invalid_request_error', 'invalid_api_key'), cors);
        return;
      }
      const reply = script(request, index);
      if (reply.kind === 'hang') return;
      if (reply.kind === 'deferred') {
        void reply.release.then((content) =>
          sendJson(res, 200, completion(request, index, content), cors),
        );
        return;
      }
      later(reply.delayMs ?? 0, () => {
        if (reply.kind === 'ok') {
          sendJson(res, 200, completion(request, index, reply.content, reply.usage), cors);
          return;
        }
        const message = reply.message ?? `scripted ${reply.status}`;
        const body = errorBody(message, reply.type ?? 'scripted', reply.code, reply.param);
        sendJson(res, reply.status, body, { ...cors, ...reply.headers });
      });
    });
  });
  const loopback = await listenOnLoopback(server);
  return {
    url: loopback.url,
    baseURL: `${loopback.url}/v1`,
    requests,
    allRequests,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      return loopback.close();
    },
  };
}
