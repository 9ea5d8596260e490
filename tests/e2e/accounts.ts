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

/** Extra accounts so each e2e spec works on its own learner and specs can run in parallel. */
export const E2E_USERS: { email: string; name: string; role: Role; assigned?: boolean }[] = [
  { email: 'worksheet.learner@e2e.example', name: 'Wendy Worksheet', role: 'learner', assigned: true },
  { email: 'evidence.learner@e2e.example', name: 'Eddie Evidence', role: 'learner', assigned: true },
  { email: 'report.learner@e2e.example', name: 'Rita Report', role: 'learner', assigned: true },
  // report.spec's retry: its first attempt leaves Rita's report submitted, so a retry starts again with Rosa.
  { email: 'report.retry@e2e.example', name: 'Rosa Retry', role: 'learner', assigned: true },
  { email: 'progress.learner@e2e.example', name: 'Paul Progress', role: 'learner', assigned: true },
  { email: 'keyboard.learner@e2e.example', name: 'Kim Keyboard', role: 'learner', assigned: true },
  { email: 'other.assessor@e2e.example', name: 'Oscar Otherassessor', role: 'assessor' },
  { email: 'other.coach@e2e.example', name: 'Olive Othercoach', role: 'coach' },
];
