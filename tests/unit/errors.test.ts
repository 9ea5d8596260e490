import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  actionError,
  ConflictError,
  errorResponse,
  ForbiddenError,
  NotFoundError,
  orPageError,
  PublicError,
  ValidationError,
} from '@/lib/errors';

// Next's own functions throw its page signals; forbidden() also needs experimental.authInterrupts, which only the app sets.
vi.mock('next/navigation', () => ({
  notFound: () => {
    throw Object.assign(new Error('not found page'), { digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
  },
  forbidden: () => {
    throw Object.assign(new Error('forbidden page'), { digest: 'NEXT_HTTP_ERROR_FALLBACK;403' });
  },
}));

afterEach(() => vi.restoreAllMocks());

describe('PublicError knows its own answer', () => {
  it("as a route response: status, message, field errors, and a conflict's stored version", async () => {
    const invalid = new ValidationError('Give your evidence a title.', {
      title: 'Give your evidence a title.',
    }).toResponse();
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      error: 'Give your evidence a title.',
      fieldErrors: { title: 'Give your evidence a title.' },
    });
    const stale = new ConflictError('Saved elsewhere.', { version: 7 }).toResponse();
    expect(stale.status).toBe(409);
    expect(await stale.json()).toEqual({ error: 'Saved elsewhere.', current: { version: 7 } });
    const tooLarge = new PublicError('Too long.', 413).toResponse();
    expect([tooLarge.status, await tooLarge.json()]).toEqual([413, { error: 'Too long.' }]);
  });

  it('as an action result', () => {
    expect(new ConflictError('Saved elsewhere.', { version: 7 }).toActionResult()).toEqual({
      ok: false,
      status: 409,
      error: 'Saved elsewhere.',
      current: { version: 7 },
    });
    expect(new ForbiddenError().toActionResult()).toEqual({
      ok: false,
      status: 403,
      error: 'You do not have permission to do that.',
    });
  });

  it('anything else is a generic 500 that says nothing of the cause, and is logged', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const secret = new Error('relation "users" does not exist');
    const res = errorResponse(secret);
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('relation');
    const result = actionError(secret);
    expect(result).toMatchObject({ ok: false, status: 500 });
    expect(result.error).not.toContain('relation');
    expect(log).toHaveBeenCalledTimes(2);
  });
});

describe('orPageError', () => {
  const digest = async (work: Promise<unknown>) =>
    (await orPageError(work).catch((e: unknown) => e)) as { digest?: string };

  it('passes a result through', async () => {
    await expect(orPageError(Promise.resolve(42))).resolves.toBe(42);
  });

  it("turns a 404 and a 403 into Next's not-found and forbidden pages", async () => {
    expect((await digest(Promise.reject(new NotFoundError()))).digest).toMatch(/HTTP_ERROR_FALLBACK;404/);
    expect((await digest(Promise.reject(new ForbiddenError()))).digest).toMatch(/HTTP_ERROR_FALLBACK;403/);
  });

  it('rethrows anything else for the error page', async () => {
    const invalid = new ValidationError('No.');
    await expect(orPageError(Promise.reject(invalid))).rejects.toBe(invalid);
    const other = new Error('boom');
    await expect(orPageError(Promise.reject(other))).rejects.toBe(other);
  });
});
