import { PublicError } from '@/lib/errors';
import { parseJsonBytes } from '@/lib/files/body';

/**
 * Reads a request body up to `max` bytes and stops reading beyond it, so a 200,000-word paste or a
 * huge upload is refused (413) without being held in memory. Content-Length is checked first when sent.
 */
export async function readBodyCapped(req: Request, max: number, tooLarge: string): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw new PublicError(tooLarge, 413);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new PublicError(tooLarge, 413);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readJsonCapped(req: Request, max: number, tooLarge: string): Promise<unknown> {
  const bytes = await readBodyCapped(req, max, tooLarge);
  return parseJsonBytes(bytes, 'The request could not be read. Reload the page and try again; your text is kept on this page.');
}
