/** Write modules to a folder, one file each: `<dir>/<slug>.case.json` (CASE 1.1) or `<dir>/<slug>.matrix` (Mahara). */
import fs from 'node:fs';
import path from 'node:path';
import type { ContentIndex } from '@/lib/content/build';
import { casePackage } from './case-write';
import { matrixFile } from './matrix-write';

export type ExportFormat = 'case' | 'matrix';

export function exportModules(
  index: ContentIndex,
  slug: string | undefined,
  out: string,
  baseUrl: string,
  format: ExportFormat = 'case',
): string[] {
  const modules = slug ? index.modules.filter((m) => m.slug === slug) : index.modules;
  if (slug && !modules.length)
    throw new Error(`no module "${slug}" (modules: ${index.modules.map((m) => m.slug).join(', ')})`);
  fs.mkdirSync(out, { recursive: true });
  return modules.map((m) => {
    const file = path.join(out, format === 'case' ? `${m.slug}.case.json` : `${m.slug}.matrix`);
    const data = format === 'case' ? casePackage(index, m, baseUrl) : matrixFile(index, m);
    fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
    return file;
  });
}
