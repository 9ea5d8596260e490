/**
 * Read content/ from disk and build the index. Synchronous on purpose: content is small, read once per
 * process, and pages can then ask for modules and items without awaiting anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildIndex, type ContentIndex, type ContentSources, type ModuleSource } from './build';
import { ContentError, displayPath } from './errors';

function defaultContentDir(): string {
  return path.join(process.cwd(), 'content');
}

function readJson(file: string, problems: string[]): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file is missing' : `cannot read JSON: ${(e as Error).message}`;
    problems.push(`${displayPath(file)}: ${reason}`);
    return undefined;
  }
}

/** Read the raw files under `dir` without validating them (tests build variations of real content). */
export function readContentSources(dir: string = defaultContentDir()): ContentSources {
  const problems: string[] = [];
  const modulesDir = path.join(dir, 'modules');
  if (!fs.existsSync(modulesDir)) throw new ContentError([`${displayPath(modulesDir)}: folder is missing`]);

  const modules: ModuleSource[] = [];
  const slugs = fs
    .readdirSync(modulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const slug of slugs) {
    const mdxFile = path.join(modulesDir, slug, 'index.mdx');
    const moduleFile = path.join(modulesDir, slug, 'module.json');
    if (!fs.existsSync(mdxFile)) {
      problems.push(`${displayPath(mdxFile)}: file is missing`);
      continue;
    }
    const data = readJson(moduleFile, problems);
    if (data === undefined) continue;
    modules.push({ slug, mdxFile, moduleFile, mdxSource: fs.readFileSync(mdxFile, 'utf8'), data });
  }

  const crosswalksFile = path.join(dir, 'crosswalks.json');
  const crosswalks = readJson(crosswalksFile, problems);
  return { dir, modules, crosswalksFile, crosswalks: crosswalks ?? [], problems };
}

/** Validate and index everything under `dir` (content/ by default). Throws ContentError on broken content. */
export function loadContent(dir: string = defaultContentDir()): ContentIndex {
  return buildIndex(readContentSources(dir));
}

let cached: ContentIndex | undefined;

/** The index for content/, loaded on first use and kept for the life of the process. */
export function getContent(): ContentIndex {
  cached ??= loadContent();
  return cached;
}
