import crypto from 'node:crypto';
import { countReport, type ReportCount } from '@/lib/wordcount';
import type { UnitRules } from './types';

/** SHA-256 of the text as UTF-8, hex: the same value PostgreSQL computes in db/sql/006_reports.sql. */
export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The server's own measure of a report at submission and sign-off: the shared counter (never a number
 * sent by the browser) and the content hash. Kept free of database and Next imports so the benchmark
 * times exactly this path.
 */
export function measureReport(content: string, rules: UnitRules): { count: ReportCount; hash: string } {
  return { count: countReport(content, rules), hash: sha256Hex(content) };
}
