/**
 * Import a framework file into a module folder: detect the format, read it, map it onto the module that may
 * already be there (a re-import), and write module.json, index.mdx and the review file. Node-only (file system);
 * the CLI (scripts/standards.ts) and the tests call it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { moduleFileSchema } from '@/lib/content/schema';
import { ImportRefusal, FORMATS, type Framework, type StandardsFormat } from './framework';
import { isCasePackage, readCase } from './case-read';
import { isMatrix, readMatrix } from './matrix-read';
import { isMoodleCsv, readMoodle } from './moodle-read';
import { toModule, type ImportedModule, type PreviousModule, type ReviewFile } from './to-module';
import { itemId } from './case-write';

export const REVIEW_FILE = 'import-review.json';

function detectFormat(text: string): StandardsFormat | undefined {
  if (isMoodleCsv(text)) return 'moodle';
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (isCasePackage(json)) return 'case';
  if (isMatrix(json)) return 'matrix';
  return undefined;
}

/** Read a framework file, refusing with the file's name when it is not (the claimed) one of the three formats. */
export function readFramework(file: string, claimed?: string): Framework {
  if (claimed !== undefined && !FORMATS.includes(claimed as StandardsFormat)) {
    throw new ImportRefusal(file, [`unknown format "${claimed}": use case, matrix or moodle`]);
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ImportRefusal(file, [
      `cannot be read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    ]);
  }
  const detected = detectFormat(text);
  const names = {
    case: 'a CASE package',
    matrix: 'a Mahara .matrix file',
    moodle: 'a Moodle competency framework CSV',
  };
  if (claimed && detected !== claimed) {
    throw new ImportRefusal(file, [
      `not ${names[claimed as StandardsFormat]}${detected ? ` (it looks like ${names[detected]})` : ''}`,
    ]);
  }
  const format = detected;
  if (!format) {
    throw new ImportRefusal(file, [
      'not a framework file Criterion can read: expected a CASE package (JSON), a Mahara .matrix file or a Moodle competency framework CSV',
    ]);
  }
  if (format === 'moodle') return readMoodle(file, text);
  const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  return format === 'case' ? readCase(file, json) : readMatrix(file, json);
}

interface OtherModules {
  prefixes: Set<string>;
  /** CASE identifier, Criterion id or kept source id -> Criterion id. */
  ids: Map<string, string>;
}

function readOtherModules(outDir: string, except: string): OtherModules {
  const prefixes = new Set<string>();
  const ids = new Map<string, string>();
  if (!fs.existsSync(outDir)) return { prefixes, ids };
  for (const slug of fs.readdirSync(outDir).sort()) {
    if (slug === except) continue;
    const file = path.join(outDir, slug, 'module.json');
    if (!fs.existsSync(file)) continue;
    const parsed = moduleFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) continue;
    prefixes.add(parsed.data.prefix);
    for (const g of parsed.data.groups) {
      for (const it of g.items) {
        ids.set(it.id, it.id);
        ids.set(itemId(it.id), it.id);
      }
    }
    for (const [id, v] of Object.entries(parsed.data.source?.items ?? {})) ids.set(v.sourceId, id);
  }
  return { prefixes, ids };
}

export interface ImportOptions {
  file: string;
  out: string;
  slug?: string;
  prefix?: string;
  format?: string;
}

export function importFramework(opts: ImportOptions): ImportedModule {
  const fw = readFramework(opts.file, opts.format);
  // The slug decides which module a re-import replaces, so work it out before looking for the previous one.
  const probe = toModule(fw, {
    ...(opts.slug && { slug: opts.slug }),
    ...(opts.prefix && { prefix: opts.prefix }),
    usedPrefixes: new Set(),
    resolveExternal: () => undefined,
  });
  const slug = probe.slug;
  const others = readOtherModules(opts.out, slug);
  const previous = readPrevious(path.join(opts.out, slug));
  return toModule(fw, {
    slug,
    ...(opts.prefix && { prefix: opts.prefix }),
    ...(previous && { previous }),
    usedPrefixes: others.prefixes,
    resolveExternal: (id) => others.ids.get(id),
  });
}

function readPrevious(dir: string): PreviousModule | undefined {
  const file = path.join(dir, 'module.json');
  if (!fs.existsSync(file)) return undefined;
  const parsed = moduleFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid module: fix or remove it before importing over it`);
  const mdxFile = path.join(dir, 'index.mdx');
  return { data: parsed.data, mdx: fs.existsSync(mdxFile) ? fs.readFileSync(mdxFile, 'utf8') : '' };
}

export function writeImported(out: string, m: ImportedModule): string {
  const dir = path.join(out, m.slug);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'module.json'), `${JSON.stringify(m.data, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'index.mdx'), m.mdx);
  fs.writeFileSync(path.join(dir, REVIEW_FILE), `${JSON.stringify(m.review, null, 2)}\n`);
  return dir;
}

/**
 * Accepted proposals (accept: true in the review file) join content/crosswalks.json; the rest stay proposed.
 * Returns how many pairs were added.
 */
export function acceptProposals(out: string, slug: string, crosswalksFile: string): number {
  const reviewPath = path.join(out, slug, REVIEW_FILE);
  const review = JSON.parse(fs.readFileSync(reviewPath, 'utf8')) as ReviewFile;
  const pairs = JSON.parse(fs.readFileSync(crosswalksFile, 'utf8')) as { a: string; b: string; note: string }[];
  const key = (a: string, b: string) => [a, b].sort().join(' ');
  const have = new Set(pairs.map((p) => key(p.a, p.b)));
  let added = 0;
  for (const p of review.proposals.filter((x) => x.accept)) {
    if (have.has(key(p.a, p.b))) continue;
    pairs.push({ a: p.a, b: p.b, note: p.note });
    have.add(key(p.a, p.b));
    added += 1;
  }
  review.proposals = review.proposals.filter((x) => !x.accept);
  fs.writeFileSync(crosswalksFile, `${JSON.stringify(pairs, null, 2)}\n`);
  fs.writeFileSync(reviewPath, `${JSON.stringify(review, null, 2)}\n`);
  return added;
}
