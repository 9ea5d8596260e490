import { describe, expect, it } from 'vitest';
import { readBodyWithin, readJsonWithin } from '@/lib/body';
import type { PublicError } from '@/lib/errors';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('accepted');
    },
    (e: unknown) => e as PublicError,
  );
const put = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('http://x/', { method: 'PUT', body, headers });

describe('the one capped body reader', () => {
  it('answers 413 for a JSON body over its cap, announced or not', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(2000) });
    const announced = await refusal(
      readJsonWithin(put(big, { 'content-length': String(big.length) }), 1000, { tooLarge: 'Shorten it.' }),
    );
    expect([announced.status, announced.message]).toEqual([413, 'Shorten it.']);
    const streamed = await refusal(readJsonWithin(put(big), 1000));
    expect([streamed.status, streamed.message]).toEqual([
      413,
      'What you sent is too long to save. Shorten the text and try again.',
    ]);
    expect((await refusal(readBodyWithin(put(big), 1000, 'Too big.'))).status).toBe(413);
  });

  it('reads what fits, and refuses what is not JSON or not UTF-8 with 400', async () => {
    expect(await readJsonWithin(put('{"a":"b\\u0000c"}'), 1000)).toEqual({ a: 'bc' });
    const notJson = await refusal(readJsonWithin(put('{"a":'), 1000, { unreadable: 'Could not read it.' }));
    expect([notJson.status, notJson.message]).toEqual([400, 'Could not read it.']);
    const notUtf8 = await refusal(readJsonWithin(put(new Uint8Array([0x7b, 0x80, 0x7d])), 1000));
    expect(notUtf8.status).toBe(400);
    const empty = await refusal(readJsonWithin(put(null), 1000, { empty: 'Nothing came.' }));
    expect([empty.status, empty.message]).toEqual([400, 'Nothing came.']);
  });
});
