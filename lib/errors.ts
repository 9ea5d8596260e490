/**
 * Errors meant for the person using the portal. Anything else is logged and shown as a generic failure,
 * so internal details never reach the browser.
 */
export class PublicError extends Error {
  constructor(message: string, readonly status: number, readonly fieldErrors?: Record<string, string>) {
    super(message);
    this.name = new.target.name;
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
  constructor(message: string, readonly current?: T) {
    super(message, 409);
  }
}
export class TooManyRequestsError extends PublicError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message, 429);
  }
}

export function isPublicError(e: unknown): e is PublicError {
  return e instanceof PublicError;
}

/** What a person whose password was set for them (by an admin or an import) gets from anything else they try. */
export const MUST_CHANGE_PASSWORD = 'Choose your own password first: the one you were given must be changed before you carry on (Account, Change password).';
