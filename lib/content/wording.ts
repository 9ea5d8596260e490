import { sha256Hex } from '@/lib/hash';
import { getItem } from './index';

/**
 * The fingerprint of a criterion's wording: the first 16 hex digits of the SHA-256 of its text. One definition for
 * the importer (which lists reworded items), for the mappings and judgements that record the wording they were made
 * on, and for the check that flags them when the module's wording has changed since (lib/evidence/wording.ts).
 */
export function wordingHash(text: string): string {
  return sha256Hex(text).slice(0, 16);
}

/** The fingerprint of a criterion's wording in the content this process serves; undefined for an unknown id. */
export function currentWording(criterionId: string): string | undefined {
  const item = getItem(criterionId);
  return item ? wordingHash(item.text) : undefined;
}
