import { forbidden, notFound } from 'next/navigation';

/** A server action's refusal, as the page's form receives it. */
export interface ActionFailure {
  ok: false;
  status: number;
  error: string;
  fieldErrors?: Record<string, string>;
  current?: unknown;
}

/**
 * Errors meant for the person using the portal. Anything else is logged and shown as a generic failure,
 * so internal details never reach the browser. Each knows how it is answered: as a route handler's response,
 * a server action's result or a page; `errorResponse`, `actionError` and `orPageError` below are the one place
 * where any thrown value is mapped.
 */
export class PublicError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** What the person may see beyond the message (the stored version of a conflict, say). */
  protected get details(): { current?: unknown } {
    return {};
  }

  /** A route handler's answer: `{ error, fieldErrors?, current? }` with the error's status. */
  toResponse(): Response {
    const body: Record<string, unknown> = { error: this.message };
    if (this.fieldErrors) body.fieldErrors = this.fieldErrors;
    const { current } = this.details;
    if (current !== undefined) body.current = current;
    return Response.json(body, { status: this.status });
  }

  /** A server action's answer. */
  toActionResult(): ActionFailure {
    return {
      ok: false,
      status: this.status,
      error: this.message,
      fieldErrors: this.fieldErrors,
      current: this.details.current,
    };
  }

  /** A page's answer: Next's not-found or forbidden page (with that status); anything else is the error page. */
  toPage(): never {
    if (this.status === 404) notFound();
    if (this.status === 403) forbidden();
    throw this;
  }
}

export class ValidationError extends PublicError {
  constructor(message: string, fieldErrors?: Record<string, string>) {
    super(message, 400, fieldErrors);
  }
}
export class UnauthenticatedError extends PublicError {
  constructor(message = 'Please sign in to continue.') {
    super(message, 401);
  }
}
export class ForbiddenError extends PublicError {
  constructor(message = 'You do not have permission to do that.') {
    super(message, 403);
  }
}
export class NotFoundError extends PublicError {
  constructor(message = 'We could not find that.') {
    super(message, 404);
  }
}
export class ConflictError<T = unknown> extends PublicError {
  constructor(
    message: string,
    readonly current?: T,
  ) {
    super(message, 409);
  }

  protected override get details(): { current?: unknown } {
    return { current: this.current };
  }
}
export class TooManyRequestsError extends PublicError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}

export function isPublicError(e: unknown): e is PublicError {
  return e instanceof PublicError;
}

/** Any thrown value as a route handler's answer: a public error's own, else a logged, generic 500. */
export function errorResponse(e: unknown): Response {
  if (isPublicError(e)) return e.toResponse();
  console.error(e);
  return Response.json({ error: 'Something went wrong on our side and nothing was saved.' }, { status: 500 });
}

/** Any thrown value as a server action's answer: a public error's own, else a logged, generic 500. */
export function actionError(e: unknown): ActionFailure {
  if (isPublicError(e)) return e.toActionResult();
  console.error(e);
  return { ok: false, status: 500, error: 'Something went wrong on our side and nothing was saved. Please try again.' };
}

/** For pages: a lib 404 or 403 becomes Next's not-found or forbidden page (with the right status). */
export async function orPageError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isPublicError(e)) e.toPage();
    throw e;
  }
}

/** What a person whose password was set for them (by an admin or an import) gets from anything else they try. */
export const MUST_CHANGE_PASSWORD =
  'Choose your own password first: the one you were given must be changed before you carry on (Account, Change password).';
