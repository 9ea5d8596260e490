/**
 * What a sign-off needs, as plain functions: the assessor's page shows these as a live checklist and
 * the server refuses with the same sentences. Browser-safe.
 */
import type { AssessmentData, ReportUnit, SignOffBasis } from './types';

function criteriaOf(unit: ReportUnit) {
  return unit.outcomes.flatMap((o) => o.criteria);
}

export interface SignOffCheck {
  id: 'judged' | 'met' | 'range' | 'discussion';
  ok: boolean;
  label: string;
  problem: string | null;
}

const list = (xs: string[]) => xs.join(', ');

export function signOffChecks(unit: ReportUnit, data: AssessmentData): SignOffCheck[] {
  const criteria = criteriaOf(unit);
  const unjudged = criteria.filter((c) => !data.acs[c.id]?.outcome).map((c) => c.number);
  const notMet = criteria.filter((c) => data.acs[c.id]?.outcome === 'not_yet_met').map((c) => c.number);
  const unmarked = criteria
    .filter((c) => c.range.some((b) => b.items.some((i) => !data.range[i.id])))
    .map((c) => c.number);
  const usesDiscussion = Object.values(data.range).includes('discussion') || data.discussion.acIds.length > 0;
  return [
    {
      id: 'judged',
      ok: unjudged.length === 0,
      label: `Every criterion judged (${criteria.length - unjudged.length} of ${criteria.length})`,
      problem: unjudged.length
        ? `Judge every criterion: ${list(unjudged)} ${unjudged.length === 1 ? 'has' : 'have'} no decision yet.`
        : null,
    },
    {
      id: 'met',
      ok: notMet.length === 0,
      label: 'Every criterion met',
      problem: notMet.length
        ? `Every criterion must be met to sign off: ${list(notMet)} ${notMet.length === 1 ? 'is' : 'are'} not yet met. Refer the report back instead, or record a professional discussion that covers the gap.`
        : null,
    },
    {
      id: 'range',
      ok: unmarked.length === 0,
      label: 'Every range item marked',
      problem: unmarked.length
        ? `Mark every range item as covered, covered in discussion, or not relevant to the learner's organisation: ${list(unmarked)} ${unmarked.length === 1 ? 'has' : 'have'} unmarked items.`
        : null,
    },
    {
      id: 'discussion',
      ok: !usesDiscussion || Boolean(data.discussion.notes.trim()),
      label: usesDiscussion ? 'Professional discussion recorded' : 'No professional discussion needed',
      problem:
        usesDiscussion && !data.discussion.notes.trim()
          ? 'Record the professional discussion that covers the gaps (what was asked and what the learner showed).'
          : null,
    },
  ];
}

export function signOffProblems(unit: ReportUnit, data: AssessmentData): string[] {
  return signOffChecks(unit, data).flatMap((c) => (c.problem ? [c.problem] : []));
}

export function referralProblems(unit: ReportUnit, data: AssessmentData): string[] {
  const problems: string[] = [];
  if (!data.feedback.trim()) problems.push('Write feedback for the learner: what to change before they resubmit.');
  const orphan = criteriaOf(unit)
    .filter((c) => data.acs[c.id]?.feedback?.trim() && !data.acs[c.id]?.outcome)
    .map((c) => c.number);
  if (orphan.length)
    problems.push(
      `Choose met or not yet met for ${list(orphan)}: you wrote feedback for ${orphan.length === 1 ? 'it' : 'them'}.`,
    );
  return problems;
}

/**
 * Criteria that confirm-all cannot record as met: those with no counted section linked and no evidence mapped (there is
 * nothing to point at), and those the assessor's notes already say are not yet met. Each needs the per-criterion path.
 */
export function confirmAllBlockers(unit: ReportUnit, basis: SignOffBasis, data: AssessmentData): string[] {
  const criteria = criteriaOf(unit);
  const bare = criteria.filter((c) => !basis[c.id]?.sections.length && !basis[c.id]?.evidence.length);
  const notMet = criteria.filter((c) => data.acs[c.id]?.outcome === 'not_yet_met');
  return [
    ...(bare.length
      ? [
          `${list(bare.map((c) => c.number))} ${bare.length === 1 ? 'has' : 'have'} no section of the report linked and no evidence mapped: judge ${bare.length === 1 ? 'it' : 'them'} on ${bare.length === 1 ? 'its own card' : 'their own cards'}.`,
        ]
      : []),
    ...(notMet.length
      ? [
          `Your notes say ${list(notMet.map((c) => c.number))} ${notMet.length === 1 ? 'is' : 'are'} not yet met: refer the report back, or change ${notMet.length === 1 ? 'that decision' : 'those decisions'} on the cards.`,
        ]
      : []),
  ];
}

/**
 * What confirm-all shows and then sends: every criterion met (with any feedback the assessor wrote), and each range
 * item the assessor has not marked pre-marked "covered" because its criterion has a linked section or mapped evidence.
 * Nothing else is added: the discussion and the overall feedback are the assessor's own notes.
 */
export function confirmAllProposal(
  unit: ReportUnit,
  basis: SignOffBasis,
  data: AssessmentData,
): { data: AssessmentData; premarked: Set<string> } {
  const acs: AssessmentData['acs'] = { ...data.acs };
  const range = { ...data.range };
  const premarked = new Set<string>();
  for (const c of criteriaOf(unit)) {
    acs[c.id] = { ...data.acs[c.id], outcome: 'met' };
    if (!basis[c.id]?.sections.length && !basis[c.id]?.evidence.length) continue;
    for (const item of c.range.flatMap((b) => b.items)) {
      if (range[item.id]) continue;
      range[item.id] = 'covered';
      premarked.add(item.id);
    }
  }
  return { data: { ...data, acs, range }, premarked };
}
