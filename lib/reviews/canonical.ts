import { canonicalJson } from '@/lib/hash';

/**
 * The document every signature and the lock bind: the review as a whole, canonically written (sorted keys). The
 * database checks a locked review's canonical text against its own columns (db/sql/011_reviews.sql).
 */
export function canonicalReview(r: {
  id: string;
  learnerId: string;
  number: number;
  amendsId: string | null;
  requiredSigners: string[];
  record: unknown;
  content: unknown;
}): string {
  return canonicalJson({
    reviewId: r.id,
    learnerId: r.learnerId,
    number: r.number,
    amendsId: r.amendsId ?? null,
    requiredSigners: r.requiredSigners,
    record: r.record,
    content: r.content,
  });
}
