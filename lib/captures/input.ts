import { z } from 'zod';

/** What the phone declares before sending a capture's bytes (POST /api/uploads). Messages are for the learner. */
export const startUploadSchema = z.object({
  idempotencyKey: z
    .string({ error: 'The capture has no key; remove it and capture it again.' })
    .regex(/^[A-Za-z0-9_-]{8,100}$/, 'The capture has no usable key; remove it and capture it again.'),
  fileName: z
    .string({ error: 'The file has no name.' })
    .trim()
    .min(1, 'The file has no name.')
    .max(200, 'The file name is longer than 200 characters.'),
  type: z.string({ error: 'Say what kind of file this is.' }).trim().max(100, 'The file type is not one we know.'),
  size: z.coerce
    .number({ error: 'Say how large the file is.' })
    .int('Say how large the file is, in bytes.')
    .positive('This file is empty. Capture it again.')
    .max(Number.MAX_SAFE_INTEGER, 'This file is too large.'),
  sha256: z
    .string({ error: 'The file has no checksum; capture it again.' })
    .regex(/^[0-9a-fA-F]{64}$/, 'The file checksum is not a SHA-256; capture it again.')
    .transform((v) => v.toLowerCase()),
});
export type StartUpload = z.output<typeof startUploadSchema>;

/** Where a piece starts (PUT /api/uploads/[id]?offset=N). */
export const offsetSchema = z.coerce
  .number({ error: 'Say where this piece of the file starts.' })
  .int('Say where this piece of the file starts, in bytes.')
  .min(0, 'Say where this piece of the file starts, in bytes.')
  .max(Number.MAX_SAFE_INTEGER, 'Say where this piece of the file starts, in bytes.');

/** The evidence the capture becomes (POST /api/uploads/[id]): the fields any file evidence has. */
export const finalizeFieldsSchema = z.object({
  title: z.unknown(),
  occurredOn: z.unknown(),
  description: z.unknown().optional(),
  criteria: z.unknown().optional(),
});
