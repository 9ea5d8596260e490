import type { NotificationKind, NotificationMode, Role } from '@/db/schema';

/**
 * The kinds of notification, in the order the preferences page lists them, with the words a person reads. Who receives
 * which is decided where each change happens (lib/evidence, lib/reports, lib/worksheets, lib/reviews, lib/qa).
 */
export const KINDS: { kind: NotificationKind; label: string; hint: string; roles: Role[] }[] = [
  {
    kind: 'evidence_judged',
    label: 'Evidence judged',
    hint: 'Your assessor judged a criterion of your work.',
    roles: ['learner'],
  },
  {
    kind: 'report_decided',
    label: 'Report signed off or referred',
    hint: 'Your assessor decided on your report.',
    roles: ['learner'],
  },
  {
    kind: 'worksheet_comment',
    label: 'Coach comments',
    hint: 'Your coach commented on a worksheet you handed in.',
    roles: ['learner'],
  },
  {
    kind: 'review_signed',
    label: 'Progress review signed',
    hint: 'Someone signed a progress review you take part in.',
    roles: ['learner', 'coach'],
  },
  {
    kind: 'review_due',
    label: 'Progress review due',
    hint: 'A progress review is due within a week, or overdue.',
    roles: ['learner', 'coach'],
  },
  {
    kind: 'target_due',
    label: 'Target due',
    hint: 'A target agreed at a review is due within a week.',
    roles: ['learner'],
  },
  {
    kind: 'witness_confirmed',
    label: 'Witness confirmed',
    hint: 'A witness answered one of your statements: confirmed it, or said it is not accurate.',
    roles: ['learner'],
  },
  {
    kind: 'iqa_feedback',
    label: 'Quality feedback',
    hint: 'An internal quality assurer gave a verdict on one of your assessment decisions.',
    roles: ['assessor'],
  },
];

export const MODES: { mode: NotificationMode; label: string }[] = [
  { mode: 'in_app', label: 'In Criterion only' },
  { mode: 'email', label: 'Email at once' },
  { mode: 'digest', label: 'Daily email digest' },
];

/** Until someone chooses: an email at once, so nobody has to visit to learn that something needs them. */
export const DEFAULT_MODE: NotificationMode = 'email';

/** The kinds a role can receive (the settings page offers only these; the others keep their value). */
export const kindsFor = (role: Role) => KINDS.filter((k) => k.roles.includes(role));

export const KIND_VALUES = KINDS.map((k) => k.kind) as [NotificationKind, ...NotificationKind[]];
export const MODE_VALUES = MODES.map((m) => m.mode) as [NotificationMode, ...NotificationMode[]];
