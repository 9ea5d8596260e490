/** Write CASE packages of modules to a folder: `<dir>/<slug>.case.json`, one per module. */
import fs from 'node:fs';
import path from 'node:path';
import type { ContentIndex } from '@/lib/content/build';
import { casePackage } from './case-write';

export function exportModules(index: ContentIndex, slug: string | undefined, out: string, baseUrl: string): string[] {
  const modules = slug ? index.modules.filter((m) => m.slug === slug) : index.modules;
  if (slug && !modules.length)
    throw new Error(`no module "${slug}" (modules: ${index.modules.map((m) => m.slug).join(', ')})`);
  fs.mkdirSync(out, { recursive: true });
  return modules.map((m) => {
    const file = path.join(out, `${m.slug}.case.json`);
    fs.writeFileSync(file, `${JSON.stringify(casePackage(index, m, baseUrl), null, 2)}\n`);
    return file;
  });
}
