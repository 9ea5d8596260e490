/**
 * Text as it arrives from outside, made safe to store. Shared by the route handlers and the server actions, and
 * by the worksheet answers (which the browser checks too), so it has no server-only imports.
 */

// PostgreSQL cannot store U+0000 in text or jsonb, nor half a surrogate pair in jsonb; neither is anything a person typed.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops NUL and turns half an emoji into U+FFFD, as the worksheets always have. */
export function cleanText(s: string): string {
  return s.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/** cleanText on every string (keys included) of parsed JSON or of a form turned into an object; files are left alone. */
export function cleanDeep(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v)]));
  }
  return value;
}

/** The bytes as UTF-8, or null when they are not UTF-8 (rather than replacing what cannot be read with U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const REPLACEMENT_BYTES = [0xef, 0xbf, 0xbd];

/**
 * Watches a body go by for the UTF-8 bytes of U+FFFD. A form parser turns bytes that are not UTF-8 into U+FFFD;
 * when a text field holds U+FFFD but the body never carried those bytes, the field arrived as invalid UTF-8.
 */
export function replacementCharacterWatcher() {
  let seen = false;
  let tail: number[] = [];
  return {
    push(chunk: Uint8Array) {
      if (seen) return;
      const joined = tail.length
        ? Buffer.concat([Buffer.from(tail), chunk])
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      seen = joined.includes(Buffer.from(REPLACEMENT_BYTES));
      tail = [...joined.subarray(Math.max(0, joined.length - 2))];
    },
    get seen() {
      return seen;
    },
  };
}

/** True when a form's text fields hold characters that came from bytes that were not UTF-8. */
export function formHasUndecodableText(form: FormData, bodyHadReplacementBytes: boolean): boolean {
  if (bodyHadReplacementBytes) return false;
  for (const [, value] of form.entries()) if (typeof value === 'string' && value.includes('\uFFFD')) return true;
  return false;
}
