/**
 * Validate and compile all content: `tsx scripts/check-content.ts` (runs before `next build`).
 * Prints one line per module; on broken content prints the problems and exits 1.
 */
import { isDeepStrictEqual } from 'node:util';
import { ContentError, compileModuleBody, loadContent } from '../lib/content';
import { splitFrontmatter } from '../lib/content/frontmatter';
import type { ItemKind } from '../lib/content';

async function main(): Promise<void> {
  const index = loadContent();
  for (const mod of index.modules) {
    const counts: Record<ItemKind, number> = { pc: 0, k: 0, lo: 0, ac: 0, range: 0 };
    for (const item of index.items.values()) if (item.moduleSlug === mod.slug) counts[item.kind] += 1;

    const { code, frontmatter } = await compileModuleBody(index, mod.slug);
    // Our quick frontmatter reader must agree with the YAML parser mdx-bundler uses.
    const ours = splitFrontmatter(index.mdx.get(mod.slug)!.source).data;
    if (!isDeepStrictEqual(ours, frontmatter)) {
      throw new ContentError([
        `${index.mdx.get(mod.slug)!.file}: frontmatter reads differently as YAML: ${JSON.stringify(frontmatter)}`,
      ]);
    }

    const parts = (Object.keys(counts) as ItemKind[]).filter((k) => counts[k] > 0).map((k) => `${k} ${counts[k]}`);
    if (mod.worksheet)
      parts.push(`worksheet sections ${mod.worksheet.sections.length}, evidences ${mod.worksheet.evidences.length}`);
    console.log(
      `ok  ${mod.slug.padEnd(32)} ${mod.prefix.padEnd(5)} ${mod.kind.padEnd(9)} ${parts.join(', ')}; mdx ${(code.length / 1024).toFixed(1)} kB`,
    );
  }
  console.log(`ok  crosswalks: ${index.crosswalks.length} pairs`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ContentError ? `Content check failed:\n${e.message}` : e);
  process.exit(1);
});
