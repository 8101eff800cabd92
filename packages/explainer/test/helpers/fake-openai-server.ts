import type { ChatReply, ChatRequest } from '@explainable-ecco/test-kit';

// bench/throughput.ts imports the stand-in from here; the tests take it from test-kit.
export { startFakeChatCompletions as startFakeOpenAI } from '@explainable-ecco/test-kit';

/** The factor a request is about, from the `<<wN>>` marker the test factorizations carry. */
export function markedFactor(request: ChatRequest): number {
  const last = request.body.messages[request.body.messages.length - 1]!.content;
  const m = /<<w(\d+)>>/.exec(last);
  if (!m) throw new Error(`no factor marker in: ${last.slice(0, 200)}`);
  return Number(m[1]);
}

/** The stand-in's plain answer: the explanation `w<N>` for the request's factor N. */
export function factorReply(request: ChatRequest): Extract<ChatReply, { kind: 'ok' }> {
  return { kind: 'ok', content: JSON.stringify({ explanation: `w${markedFactor(request)}` }) };
}

/**
 * `explain` options for the openai provider against a loopback stand-in: no examples in the
 * prompts and no cache (spread it, then override or add what a test needs).
 */
export function standInOptions(server: { baseURL: string }) {
  return {
    provider: 'openai' as const,
    baseURL: server.baseURL,
    examples: false as const,
    cache: false as const,
  };
}
