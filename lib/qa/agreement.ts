import type { QaVerdict } from '@/db/schema';
import { formatMonth, monthOf } from '@/lib/format';

/**
 * An assessor's agreement rate over time (issue 20, IQA home): per assessor and per UK calendar month of the
 * assessor's decision, how many sampled decisions have a verdict, and how many of those the IQA agreed with. A verdict
 * that was superseded counts as its latest; a decision sampled twice counts once, with its newest verdict.
 */

/** One sampled item with its current verdict (the newest link of its decision chain). */
export interface VerdictRow {
  /** The judgement or report decision sampled: the same decision drawn in two samples is one decision. */
  subjectId: string;
  assessorId: string;
  assessorName: string;
  decidedAt: string;
  verdict: QaVerdict;
  verdictAt: string;
}

interface Tally {
  /** Sampled decisions with a current verdict. */
  withVerdict: number;
  agreed: number;
  /** agreed / withVerdict, 0 to 1. */
  rate: number;
}

export interface AssessorAgreement extends Tally {
  assessorId: string;
  assessorName: string;
  /** Oldest first; only months with at least one verdict. */
  months: (Tally & { month: string; label: string })[];
}

const tally = (withVerdict: number, agreed: number): Tally => ({
  withVerdict,
  agreed,
  rate: withVerdict ? agreed / withVerdict : 0,
});

/** The figures per assessor (by name) and month. */
export function agreementByMonth(rows: readonly VerdictRow[]): AssessorAgreement[] {
  const latest = new Map<string, VerdictRow>();
  for (const r of rows) {
    const seen = latest.get(r.subjectId);
    if (!seen || Date.parse(r.verdictAt) > Date.parse(seen.verdictAt)) latest.set(r.subjectId, r);
  }
  const byAssessor = new Map<string, { name: string; months: Map<string, [number, number]> }>();
  for (const r of latest.values()) {
    const a = byAssessor.get(r.assessorId) ?? { name: r.assessorName, months: new Map() };
    byAssessor.set(r.assessorId, a);
    const month = monthOf(r.decidedAt);
    const [n, agreed] = a.months.get(month) ?? [0, 0];
    a.months.set(month, [n + 1, agreed + (r.verdict === 'agree' ? 1 : 0)]);
  }
  return [...byAssessor.entries()]
    .map(([assessorId, a]) => {
      const months = [...a.months.entries()]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([month, [n, agreed]]) => ({ month, label: formatMonth(month), ...tally(n, agreed) }));
      const n = months.reduce((s, m) => s + m.withVerdict, 0);
      const agreed = months.reduce((s, m) => s + m.agreed, 0);
      return { assessorId, assessorName: a.name, months, ...tally(n, agreed) };
    })
    .sort((x, y) => x.assessorName.localeCompare(y.assessorName) || x.assessorId.localeCompare(y.assessorId));
}
