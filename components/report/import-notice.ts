import { formatNumber } from '@/lib/format';
import { words } from '@/lib/reports/format';
import { countReport, type ReportRules } from '@/lib/wordcount';

/**
 * What the editor says after a .docx import, counted by the one counter. Its own module, loaded when an import
 * finishes, so the counter and its wording are not part of the editor's first-load JavaScript (issue #19).
 */
export function importNotice(content: string, rules: ReportRules, fileName: string, notes: string[]): string {
  const c = countReport(content, rules);
  return [`Imported “${fileName}”: ${words(c.total)}, ${formatNumber(c.counted)} counted.`, ...notes].join(' ');
}
