/**
 * A deliberately small frontmatter reader: flat `key: value` lines only. Loading content must be
 * synchronous and cheap (pages and tests call it), so we do not start the MDX compiler just to read five
 * fields. Anything outside this subset is rejected rather than guessed at, so what we read always matches
 * what mdx-bundler (gray-matter, full YAML) reads when it compiles the same file; check-content compares
 * the two.
 *
 * Values: "double quoted" (JSON rules), 'single quoted' (YAML rules), whole numbers, or plain text that
 * YAML would read the same way (no ": ", no " #", no leading quote or YAML indicator).
 */

export interface SplitSource {
  data: Record<string, string | number>;
  body: string;
}

export class FrontmatterError extends Error {}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const PLAIN_UNSAFE = /: |\s#|^[-?:,[\]{}#&*!|>'"%@`]/;

export function splitFrontmatter(source: string): SplitSource {
  const match = FENCE.exec(source);
  if (!match) throw new FrontmatterError('missing frontmatter (the file must start with a --- block)');
  const data: Record<string, string | number> = {};
  match[1].split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const m = /^([A-Za-z][A-Za-z0-9_]*):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) throw new FrontmatterError(`frontmatter line ${i + 2}: expected "key: value"`);
    const [, key, raw] = m;
    if (key in data) throw new FrontmatterError(`frontmatter line ${i + 2}: "${key}" appears twice`);
    data[key] = parseScalar(raw, i + 2);
  });
  return { data, body: source.slice(match[0].length) };
}

function parseScalar(raw: string, line: number): string | number {
  if (raw.startsWith('"')) {
    try {
      const v: unknown = JSON.parse(raw);
      if (typeof v === 'string') return v;
    } catch {
      /* reported below */
    }
    throw new FrontmatterError(`frontmatter line ${line}: bad double-quoted string`);
  }
  if (raw.startsWith("'")) {
    const inner = raw.slice(1, -1);
    // Inside single quotes YAML only allows a quote doubled ('') as an escaped quote.
    if (raw.length >= 2 && raw.endsWith("'") && !inner.replace(/''/g, '').includes("'")) {
      return inner.replace(/''/g, "'");
    }
    throw new FrontmatterError(`frontmatter line ${line}: bad single-quoted string`);
  }
  if (/^-?[0-9]+$/.test(raw)) return Number(raw);
  if (raw === '' || PLAIN_UNSAFE.test(raw) || /^(true|false|null|~|yes|no)$/i.test(raw) || /^[-+.0-9]/.test(raw)) {
    throw new FrontmatterError(`frontmatter line ${line}: quote this value: ${raw || '(empty)'}`);
  }
  return raw;
}
