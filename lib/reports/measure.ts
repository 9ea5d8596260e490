import { sha256Hex } from '@/lib/hash';
import { countReport, type ReportCount } from '@/lib/wordcount';
import type { UnitRules } from './types';

/**
 * The server's own measure of a report at submission and sign-off: the shared counter (never a number
 * sent by the browser) and the content hash. Kept free of database and Next imports so the benchmark
 * times exactly this path.
 */
export function measureReport(content: string, rules: UnitRules): { count: ReportCount; hash: string } {
  return { count: countReport(content, rules), hash: sha256Hex(content) };
}
