import { createServer, type IncomingMessage } from 'node:http';
import { type LoopbackServer, listenOnLoopback } from '@explainable-ecco/test-kit';

/** What the loopback server saw of one request. */
export interface SeenRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; input: string | string[]; encoding_format?: string; dimensions?: number };
}

/** A scripted failure for the next request: status, JSON error body and headers. */
export interface Failure {
  status: number;
  message?: string;
  headers?: Record<string, string>;
}

/** The vector the server returns for a text: deterministic, so tests can check order and content. */
export function serverVector(text: string, dimensions: number): Float32Array {
  const v = new Float32Array(dimensions);
  for (let i = 0; i < text.length; i++)
    v[(text.charCodeAt(i) * 31 + i) % dimensions] += 1 + (i % 3);
  v[dimensions - 1] += text.length;
  return v;
}

/**
 * A loopback HTTP server that speaks OpenAI's `/v1/embeddings`: bearer auth, list or string
 * input, float or base64 encoding, `dimensions`, and OpenAI's error body shape.
 */
export class FakeOpenAIServer {
  readonly requests: SeenRequest[] = [];
  readonly failures: Failure[] = [];
  /** Ignore encoding_format and always send number lists (as some compatible servers do). */
  alwaysFloat = false;
  /** Return vectors of this length regardless of the request. */
  forcedDimensions: number | undefined;
  private loopback: LoopbackServer | undefined;

  constructor(private readonly defaultDimensions = 1536) {}

  get baseURL(): string {
    return `${this.loopback!.url}/v1`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    this.loopback = await listenOnLoopback(server);
    return this;
  }

  async stop(): Promise<void> {
    await this.loopback?.close();
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      return {
        status: 404,
        body: {
          error: { message: `No route ${req.method} ${req.url}`, type: 'invalid_request_error' },
        },
      };
    }
    const body = JSON.parse(raw) as SeenRequest['body'];
    this.requests.push({ path: req.url, authorization: req.headers.authorization, body });
    const failure = this.failures.shift();
    if (failure) {
      return {
        status: failure.status,
        headers: failure.headers,
        body: {
          error: {
            message: failure.message ?? `failure ${failure.status}`,
            type: 'server_error',
            param: null,
            code: null,
          },
        },
      };
    }
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const dimensions = this.forcedDimensions ?? body.dimensions ?? this.defaultDimensions;
    const data = inputs.map((text, index) => {
      const vector = serverVector(text, dimensions);
      const embedding =
        body.encoding_format === 'base64' && !this.alwaysFloat
          ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
          : Array.from(vector);
      return { object: 'embedding', index, embedding };
    });
    // Out of order on purpose: clients must sort by index.
    data.reverse();
    const tokens = inputs.reduce((n, t) => n + t.split(/\s+/).length, 0);
    return {
      status: 200,
      body: {
        object: 'list',
        data,
        model: body.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      },
    };
  }
}
