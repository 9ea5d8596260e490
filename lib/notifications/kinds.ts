import type { NotificationKind, NotificationMode } from '@/db/schema';

/**
 * The kinds of notification, in the order the preferences page lists them, with the words a person reads. Who receives
 * which is decided where each change happens (lib/evidence, lib/reports, lib/worksheets, lib/reviews, lib/qa).
 */
export const KINDS: { kind: NotificationKind; label: string; hint: string }[] = [
  { kind: 'evidence_judged', label: 'Evidence judged', hint: 'Your assessor judged a criterion of your work.' },
  { kind: 'report_decided', label: 'Report signed off or referred', hint: 'Your assessor decided on your report.' },
  { kind: 'worksheet_comment', label: 'Coach comments', hint: 'Your coach commented on a worksheet you handed in.' },
  {
    kind: 'review_signed',
    label: 'Progress review signed',
    hint: 'Someone signed a progress review you take part in.',
  },
  { kind: 'review_due', label: 'Progress review due', hint: 'A progress review is due within a week, or overdue.' },
  { kind: 'target_due', label: 'Target due', hint: 'A target agreed at a review is due within a week.' },
  { kind: 'witness_confirmed', label: 'Witness confirmed', hint: 'A witness confirmed one of your statements.' },
  {
    kind: 'iqa_feedback',
    label: 'Quality feedback',
    hint: 'An internal quality assurer gave a verdict on your decision.',
  },
];

export const MODES: { mode: NotificationMode; label: string }[] = [
  { mode: 'in_app', label: 'In Criterion only' },
  { mode: 'email', label: 'Email at once' },
  { mode: 'digest', label: 'Daily email digest' },
];

/** Until someone chooses: an email at once, so nobody has to visit to learn that something needs them. */
export const DEFAULT_MODE: NotificationMode = 'email';

export const KIND_VALUES = KINDS.map((k) => k.kind) as [NotificationKind, ...NotificationKind[]];
export const MODE_VALUES = MODES.map((m) => m.mode) as [NotificationMode, ...NotificationMode[]];
