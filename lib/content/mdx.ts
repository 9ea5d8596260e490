/**
 * Compile a module's MDX body with mdx-bundler (esbuild). Server-only in practice: it is imported lazily so
 * code that only needs content data never loads the compiler.
 *
 * Compiled once per process: the promise is cached, so concurrent first requests share one compile. A failed
 * compile is not cached, so the next request retries rather than failing for the life of the process.
 */
import path from 'node:path';
import type { ContentIndex } from './build';
import { displayPath } from './errors';
import { getContent } from './load';

const compiled = new Map<string, Promise<string>>();

/** Compile one module's index.mdx from a given index (no caching); check-content uses this directly. */
export async function compileModuleBody(index: ContentIndex, slug: string): Promise<{ code: string; frontmatter: Record<string, unknown> }> {
  const entry = index.mdx.get(slug);
  if (!entry) throw new Error(`unknown module "${slug}"`);
  const { bundleMDX } = await import('mdx-bundler');
  try {
    const result = await bundleMDX({ source: entry.source, cwd: path.dirname(entry.file) });
    return { code: result.code, frontmatter: result.frontmatter as Record<string, unknown> };
  } catch (e) {
    throw new Error(`${displayPath(entry.file)}: MDX does not compile: ${(e as Error).message}`, { cause: e });
  }
}

/** The compiled body code for `getMDXComponent(code)`; pass interactive parts in through `components`. */
export function getModuleBodyCode(slug: string): Promise<string> {
  let pending = compiled.get(slug);
  if (!pending) {
    pending = compileModuleBody(getContent(), slug).then((r) => r.code);
    pending.catch(() => compiled.delete(slug));
    compiled.set(slug, pending);
  }
  return pending;
}
