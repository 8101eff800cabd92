import { EccoError } from '@explainable-ecco/core';
import { describe, expect, it } from 'vitest';
import { toErrorPayload } from '../src/pipeline/error-payload.js';

describe('toErrorPayload', () => {
  it('keeps code, message, hint and details apart', () => {
    const error = new EccoError('LAYER_RANGE_INVALID', 'Layers 5–9 are not captured.', {
      hint: 'Captured layers: 0, 1, 2, 3.',
      details: { available: [0, 1, 2, 3] },
    });
    expect(toErrorPayload(error)).toEqual({
      code: 'LAYER_RANGE_INVALID',
      message: 'Layers 5–9 are not captured.',
      hint: 'Captured layers: 0, 1, 2, 3.',
      details: { available: [0, 1, 2, 3] },
    });
  });

  it('recognises EccoErrors that crossed a realm (plain objects)', () => {
    const plain = { name: 'EccoError', code: 'MODEL_NOT_FOUND', message: 'No config.json.' };
    expect(toErrorPayload(plain)).toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: 'No config.json.',
    });
  });

  it('redacts the given secrets and key-shaped strings everywhere', () => {
    const key = 'my-private-token-123';
    const error = new EccoError('PROVIDER_ERROR', `401 for ${key} (sk-abcdefghijklmnopqrstu)`, {
      hint: `Check ${key}.`,
      details: { header: `Bearer ${key}` },
    });
    const text = JSON.stringify(toErrorPayload(error, [key]));
    expect(text).not.toContain(key);
    expect(text).not.toContain('sk-abcdefghijklmnopqrstu');
    expect(text).toContain('[redacted]');
  });

  it('maps AbortError to ABORTED and anything else to INTERNAL with advice', () => {
    expect(toErrorPayload(new DOMException('stop', 'AbortError')).code).toBe('ABORTED');
    const internal = toErrorPayload(new TypeError('x is undefined'));
    expect(internal.code).toBe('INTERNAL');
    expect(internal.message).toContain('x is undefined');
    expect(internal.hint).toMatch(/Reload/);
  });

  it('drops details that cannot be copied instead of failing', () => {
    const details: Record<string, unknown> = {};
    details.self = details;
    const payload = toErrorPayload(new EccoError('INTERNAL', 'Cyclic.', { details }));
    expect(payload).toEqual({ code: 'INTERNAL', message: 'Cyclic.' });
  });
});
