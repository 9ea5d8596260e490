import type { PortfolioExport } from './types';

/** "criterion-amira-khan-ee2-2026-05-01.json": ASCII only, so every browser and file system keeps it as is. */
export function exportFileName(
  record: Pick<PortfolioExport, 'learner' | 'module' | 'generatedAt'>,
  ext: string,
): string {
  const ascii = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return `criterion-${ascii(record.learner.name) || 'learner'}-${ascii(record.module.code) || record.module.slug}-${record.generatedAt.slice(0, 10)}.${ext}`;
}
