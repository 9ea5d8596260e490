import { PublicError } from '@/lib/errors';

/** 413: the upload was refused while it was still arriving, so nothing was kept. */
export class FileTooLargeError extends PublicError {
  constructor(limitMb: number) {
    super(
      `This file is larger than the ${limitMb} MB limit. Make it smaller (for example, export a PDF at lower quality or trim a recording) and try again.`,
      413,
      {
        file: `Files can be up to ${limitMb} MB.`,
      },
    );
  }
}

/** The store is misconfigured: an operator must fix it; learners only see a generic failure. */
export class FileStoreConfigError extends Error {}
