import type { Role } from '../../db/schema';

export const DEMO_PASSWORD = 'criterion-demo';
export const E2E_PASSWORD = 'e2e-password-123';

export const DEMO = {
  learner: 'learner@example.com',
  learner2: 'learner2@example.com',
  assessor: 'assessor@example.com',
  coach: 'coach@example.com',
  admin: 'admin@example.com',
} as const;

interface E2eLearner {
  email: string;
  name: string;
}

/**
 * A spec that changes its learner's records (evidence recorded, a report submitted) cannot start again on the same
 * learner: a CI retry would meet what the failed attempt left. Its retry works on this twin, whom no attempt before
 * has touched. Names differ from the first learner's so staff pages never show two matches.
 */
const RETRY_TWINS: Record<string, E2eLearner> = {
  'evidence.learner@e2e.example': { email: 'evidence.retry@e2e.example', name: 'Evan Evidence' },
  'report.learner@e2e.example': { email: 'report.retry@e2e.example', name: 'Rosa Retry' },
  'keyboard.learner@e2e.example': { email: 'keyboard.retry@e2e.example', name: 'Kit Keyboard' },
  'review.learner@e2e.example': { email: 'review.retry@e2e.example', name: 'Rory Reviewretry' },
  'witness.learner@e2e.example': { email: 'witness.retry@e2e.example', name: 'Will Witnessretry' },
  'employer.learner@e2e.example': { email: 'employer.retry@e2e.example', name: 'Ella Employerretry' },
  'signoff.learner@e2e.example': { email: 'signoff.retry@e2e.example', name: 'Sid Signoffretry' },
  'shortcut.learner@e2e.example': { email: 'shortcut.retry@e2e.example', name: 'Nell Shortcutretry' },
  'signoffkeys.learner@e2e.example': { email: 'signoffkeys.retry@e2e.example', name: 'Kurt Keysignoffretry' },
  'capture.learner@e2e.example': { email: 'capture.retry@e2e.example', name: 'Cal Captureretry' },
  'editor.learner@e2e.example': { email: 'editor.retry@e2e.example', name: 'Edna Editorretry' },
};

/** Extra accounts so each e2e spec works on its own learner and specs can run in parallel. */
export const E2E_USERS: { email: string; name: string; role: Role; assigned?: boolean }[] = [
  { email: 'worksheet.learner@e2e.example', name: 'Wendy Worksheet', role: 'learner', assigned: true },
  { email: 'evidence.learner@e2e.example', name: 'Eddie Evidence', role: 'learner', assigned: true },
  { email: 'report.learner@e2e.example', name: 'Rita Report', role: 'learner', assigned: true },
  { email: 'progress.learner@e2e.example', name: 'Paul Progress', role: 'learner', assigned: true },
  { email: 'keyboard.learner@e2e.example', name: 'Kim Keyboard', role: 'learner', assigned: true },
  // In the winter intake, with a report Priya signed off (tests/e2e/seed.ts): the quality spec's countersignature.
  { email: 'countersign.learner@e2e.example', name: 'Cara Countersign', role: 'learner', assigned: true },
  { email: 'review.learner@e2e.example', name: 'Rhea Review', role: 'learner', assigned: true },
  // Unit 306/696 complete (every criterion met, the report signed off; tests/e2e/seed.ts): the record spec's badge.
  { email: 'badge.learner@e2e.example', name: 'Bea Badge', role: 'learner', assigned: true },
  { email: 'witness.learner@e2e.example', name: 'Wanda Witness', role: 'learner', assigned: true },
  { email: 'employer.learner@e2e.example', name: 'Emil Employer', role: 'learner', assigned: true },
  // With a submitted report (tests/e2e/seed.ts): every criterion linked (the fast sign-off), or all but 3.3 (shortcuts).
  { email: 'signoff.learner@e2e.example', name: 'Sam Signoff', role: 'learner', assigned: true },
  { email: 'shortcut.learner@e2e.example', name: 'Nora Shortcut', role: 'learner', assigned: true },
  // The same complete report, signed off with the keyboard alone.
  { email: 'signoffkeys.learner@e2e.example', name: 'Kay Keysignoff', role: 'learner', assigned: true },
  // Captures evidence on a phone, offline (tests/e2e/capture.spec.ts): starts with an empty library.
  { email: 'capture.learner@e2e.example', name: 'Cleo Capture', role: 'learner', assigned: true },
  // Writes in the word-processor editor (tests/e2e/report-editor.spec.ts).
  { email: 'editor.learner@e2e.example', name: 'Eli Editor', role: 'learner', assigned: true },
  ...Object.values(RETRY_TWINS).map((twin) => ({ ...twin, role: 'learner' as const, assigned: true })),
  { email: 'other.assessor@e2e.example', name: 'Oscar Otherassessor', role: 'assessor' },
  { email: 'other.coach@e2e.example', name: 'Olive Othercoach', role: 'coach' },
];

/** The learner a spec works on in this attempt (`testInfo.retry`): the first learner, or on a retry its twin. */
export function learnerForAttempt(email: string, retry: number): E2eLearner & { first: string } {
  const learner = retry === 0 ? E2E_USERS.find((u) => u.email === email) : RETRY_TWINS[email];
  if (!learner) throw new Error(`no e2e learner ${email}${retry ? ' retry twin' : ''}`);
  return { email: learner.email, name: learner.name, first: learner.name.split(' ')[0]! };
}
