/**
 * What Criterion's accessibility statement (/accessibility) claims about its own testing. Kept as data so a unit
 * test (tests/unit/accessibility-statement.test.ts) can hold each claim against the end-to-end suite that makes it
 * true: a journey named here must exist in tests/e2e, under the same title.
 */
export const KEYBOARD_JOURNEYS = [
  'sign in, open the worksheet from the menu and answer a question using only the keyboard',
  'record a written account, map it to criteria and save it using only the keyboard',
  'write in the report draft, import a .docx and submit it for assessment using only the keyboard',
] as const;

/** The end-to-end files whose journeys run axe on the pages they visit, per role. */
export const AXE_JOURNEYS: { file: string; who: string }[] = [
  { file: 'tests/e2e/evidence.spec.ts', who: 'learner and assessor: recording evidence and judging it' },
  { file: 'tests/e2e/worksheet.spec.ts', who: 'learner and coach: worksheets, hand-in and comments' },
  { file: 'tests/e2e/report.spec.ts', who: 'learner and assessor: the portfolio report, referral and sign-off' },
  {
    file: 'tests/e2e/report-editor.spec.ts',
    who: 'learner: writing the report in the word-processor editor, by keyboard, and in plain text',
  },
  {
    file: 'tests/e2e/signoff.spec.ts',
    who: 'assessor: signing off a complete report in one step (also with the keyboard alone), and the shortcuts for judging',
  },
  {
    file: 'tests/e2e/capture.spec.ts',
    who: 'learner on a phone: capturing a photo and a voice note offline, queued and uploaded once',
  },
  { file: 'tests/e2e/dashboards.spec.ts', who: 'coach and assessor: caseload, matrix and queue' },
  { file: 'tests/e2e/reviews.spec.ts', who: 'coach and learner: progress reviews, targets and learning hours' },
  { file: 'tests/e2e/quality.spec.ts', who: 'internal quality assurer: sampling, decisions and countersigning' },
  { file: 'tests/e2e/eqa.spec.ts', who: 'external quality assurer and administrator: the visit and its pack' },
  {
    file: 'tests/e2e/record.spec.ts',
    who: 'learner, assessor and administrator: the signed record, its download and import',
  },
  {
    file: 'tests/e2e/links.spec.ts',
    who: 'a witness and an employer without an account: confirming and signing by link',
  },
  { file: 'tests/e2e/admin.spec.ts', who: 'administrator: accounts, cohorts and imports' },
  { file: 'tests/e2e/erasure.spec.ts', who: 'administrator: erasing a learner’s personal data' },
  { file: 'tests/e2e/keyboard.spec.ts', who: 'learner: the keyboard-only journeys below' },
  { file: 'tests/e2e/modules.spec.ts', who: 'anyone: the modules and their criteria' },
  { file: 'tests/e2e/accessibility.spec.ts', who: 'anyone: this statement, the glossary and signing in' },
];
