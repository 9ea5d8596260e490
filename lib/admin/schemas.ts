import { z } from 'zod';
import { passwordProblem } from '@/lib/auth/password-policy';
import { uuidSchema } from '@/lib/ids';

/**
 * Inputs of the administration actions. The server actions parse them once (validatedAction); the lib functions take
 * the parsed, typed result (z.output), so no caller can hand them unparsed data.
 */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'An email address can be at most 254 characters.')
  .pipe(z.email('Enter a valid email address, like name@example.org.'));

export const nameField = z
  .string()
  .trim()
  .min(1, 'Enter the person\u2019s name.')
  .max(120, 'A name can be at most 120 characters.');

const passwordField = z.string().superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Empty means "generate one for me". */
const optionalPassword = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(passwordField.optional());

const roleField = z.enum(['learner', 'assessor', 'coach', 'admin'], 'Choose a role.');
const staffRoleField = z.enum(['assessor', 'coach'], 'Choose assessor or coach.');
const uuidField = uuidSchema('That record could not be found.');
/** Module slugs are short; a long one is never a module, and is not echoed back in a message. */
const moduleSlugField = z.string().min(1, 'Choose a module.').max(200, 'There is no module with a name that long.');

export const createAccountInput = z.object({
  name: nameField,
  email: emailField,
  role: roleField,
  password: optionalPassword,
});

export const setActiveInput = z.object({
  userId: uuidField,
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .or(z.boolean()),
});

export const resetPasswordInput = z.object({ userId: uuidField, password: optionalPassword });

export const listAccountsInput = z.object({
  q: z.string().trim().max(200).optional().default(''),
  role: roleField.optional().or(z.literal('').transform(() => undefined)),
  status: z
    .enum(['active', 'disabled', ''])
    .optional()
    .transform((v) => v || undefined),
  /** Learners still missing an assessor, a coach or any module: the overview's "needs attention" links. */
  missing: z
    .enum(['assessor', 'coach', 'modules', ''])
    .optional()
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});

export const createCohortInput = z.object({
  name: z.string().trim().min(1, 'Give the cohort a name.').max(120, 'A cohort name can be at most 120 characters.'),
});

// A form sends one value, several values, or (nothing ticked) none at all.
const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

export const addMembersInput = z.object({
  cohortId: uuidField,
  learnerIds: z.preprocess(
    asList,
    z.array(uuidField).min(1, 'Choose at least one learner.').max(1000, 'Add at most 1,000 learners at a time.'),
  ),
});

export const removeMemberInput = z.object({ cohortId: uuidField, learnerId: uuidField });

/** Exactly one of learnerId / cohortId: assign to one learner, or to every learner of a cohort. */
export const assignStaffInput = z
  .object({
    staffId: uuidField,
    learnerId: uuidField.optional(),
    cohortId: uuidField.optional(),
  })
  .refine((v) => Boolean(v.learnerId) !== Boolean(v.cohortId), {
    message: 'Choose a learner or a cohort.',
    path: ['learnerId'],
  });

export const unassignStaffInput = z.object({ staffId: uuidField, learnerId: uuidField, staffRole: staffRoleField });

export const enrolInput = z
  .object({
    learnerId: uuidField.optional(),
    cohortId: uuidField.optional(),
    moduleSlugs: z.preprocess(
      asList,
      z.array(moduleSlugField).min(1, 'Choose at least one module.').max(100, 'Choose at most 100 modules.'),
    ),
  })
  .refine((v) => Boolean(v.learnerId) !== Boolean(v.cohortId), {
    message: 'Choose a learner or a cohort.',
    path: ['learnerId'],
  });

export const unenrolInput = z.object({ learnerId: uuidField, moduleSlug: moduleSlugField });

export const importInput = z.object({
  csv: z.string().max(2_000_000, 'The file is larger than 2 MB. Split it into smaller files.'),
});
