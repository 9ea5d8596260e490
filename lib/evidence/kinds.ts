/** Labels and help for each kind of evidence. Plain data: safe for client components. */
export type EvidenceKindId = 'account' | 'file' | 'link' | 'observation' | 'discussion' | 'witness' | 'worksheet';

export const KIND_INFO: Record<EvidenceKindId, { label: string; help: string; bodyLabel?: string }> = {
  account: {
    label: 'Written account',
    help: 'Describe in your own words something you did at work and how you did it.',
    bodyLabel: 'Your account',
  },
  file: { label: 'File', help: 'A document, photo, recording or spreadsheet that shows your work.' },
  link: {
    label: 'Link',
    help: 'A web page that shows your work, such as your business website or a social media post.',
  },
  witness: {
    label: 'Witness statement',
    help: 'What someone who saw your work (a customer, manager or colleague) says about it.',
    bodyLabel: "The witness's statement",
  },
  worksheet: { label: 'Submitted worksheet', help: 'A worksheet you have completed and submitted in the portal.' },
  observation: {
    label: 'Observation record',
    help: 'What you, the assessor, saw the learner do.',
    bodyLabel: 'What you observed',
  },
  discussion: {
    label: 'Professional discussion',
    help: 'A record of a discussion with the learner; use it to cover criteria other evidence does not show.',
    bodyLabel: 'Record of the discussion',
  },
};

export const LEARNER_KIND_IDS: EvidenceKindId[] = ['account', 'file', 'link', 'witness', 'worksheet'];
export const ASSESSOR_KIND_IDS: EvidenceKindId[] = ['observation', 'discussion'];
