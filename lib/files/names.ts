/**
 * Names of uploaded files are shown to people and put in download headers, never used as paths.
 * Sanitising keeps them readable while removing what could mislead (path parts, control and
 * bidirectional-override characters that can disguise "exe.pdf" as "fdp.exe").
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI_AND_INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function displayFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let clean = base.normalize('NFC').replace(CONTROL, '').replace(BIDI_AND_INVISIBLE, '').replace(/\s+/g, ' ').trim();
  clean = clean.replace(/^\.+/, '');
  if (clean.length > 150) {
    const ext = extensionOf(clean);
    clean = ext ? `${clean.slice(0, 140 - ext.length).trimEnd()}….${ext}` : clean.slice(0, 150);
  }
  return clean || 'file';
}

/** Lower-case extension without the dot, or '' when there is none. */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/** RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
