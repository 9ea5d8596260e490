import path from 'node:path';

/**
 * File settings, read when needed (not at import) so tests can point UPLOAD_DIR at a temporary folder.
 * The same variables are validated at start-up by lib/env.ts; the defaults here match it.
 */
export function fileSettings() {
  const mb = Number(process.env.MAX_UPLOAD_MB || 20);
  return {
    storage: process.env.FILE_STORAGE === 's3' ? ('s3' as const) : ('local' as const),
    uploadDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.UPLOAD_DIR || '.data/uploads'),
    maxUploadMb: Number.isFinite(mb) && mb > 0 ? mb : 20,
    maxUploadBytes: Math.floor((Number.isFinite(mb) && mb > 0 ? mb : 20) * 1024 * 1024),
  };
}
