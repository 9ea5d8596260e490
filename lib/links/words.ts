import { formatDate } from '@/lib/format';
import type { WitnessConfirmation } from './types';

/**
 * A witness's answer in one line, the same on every page and in the printed record: "Confirmed by Sam Lee (Store
 * manager) on 7 December 2026", or "Disputed by ...", and "... an earlier version" once the statement has changed.
 */
export function confirmationWords(c: WitnessConfirmation): string {
  const who = c.role ? `${c.name} (${c.role})` : c.name;
  const verb = c.response === 'confirmed' ? 'Confirmed' : 'Disputed';
  const version = c.ofThisVersion ? '' : ', on an earlier version of this statement';
  return `${verb} by ${who} on ${formatDate(c.at)}${version}`;
}
