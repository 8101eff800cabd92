import type { ChatRequest } from '@explainable-ecco/test-kit';

// bench/throughput.ts imports the stand-in from here; the tests take it from test-kit.
export { startFakeChatCompletions as startFakeOpenAI } from '@explainable-ecco/test-kit';

/** The factor a request is about, from the `<<wN>>` marker the test factorizations carry. */
export function markedFactor(request: ChatRequest): number {
  const last = request.body.messages[request.body.messages.length - 1]!.content;
  const m = /<<w(\d+)>>/.exec(last);
  if (!m) throw new Error(`no factor marker in: ${last.slice(0, 200)}`);
  return Number(m[1]);
}
