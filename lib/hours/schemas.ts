import { z } from 'zod';
import { uuidSchema } from '@/lib/ids';
import { isoDaySchema } from '@/lib/validate';

export const ACTIVITY_MAX = 300;

/**
 * A number typed into a form box (text) or sent as a number; anything else (a list, an object, true) is refused rather
 * than coerced. `blank` is what an empty box means, or undefined when the box must be filled.
 */
const formNumber = (message: string, blank?: number) =>
  z.preprocess(
    (v) => {
      if (v == null || (typeof v === 'string' && v.trim() === '')) return blank;
      return typeof v === 'string' ? Number(v.trim()) : v;
    },
    z.number({ error: message }).refine(Number.isFinite, message),
  );

const wholeNumber = (what: string, max: number, tooMany: string) =>
  formNumber(`Enter the ${what} as a number.`, 0).pipe(
    z.number().int(`Enter whole ${what}.`).min(0, `The ${what} cannot be negative.`).max(max, tooMany),
  );

/** One entry of learning time, as the learner's form sends it (hours and minutes in two boxes). */
export const logHoursSchema = z
  .object({
    spentOn: isoDaySchema('Enter the day you spent the time, as day, month and year.'),
    hours: wholeNumber('hours', 24, 'One entry is at most 24 hours: log longer spells day by day.'),
    minutes: wholeNumber('minutes', 59, 'Enter up to 59 minutes; put whole hours in the hours box.'),
    activity: z
      .string({ error: 'Say what you did.' })
      .trim()
      .min(1, 'Say what you did, for example “read the EE2 module” or “shadowed the sales team”.')
      .max(ACTIVITY_MAX, `Keep the activity under ${ACTIVITY_MAX} characters.`),
    moduleSlug: z.preprocess(
      (v) => (v === '' || v == null ? null : v),
      z
        .string()
        .regex(/^[a-z0-9-]{1,80}$/, 'Choose a module from the list.')
        .nullable(),
    ),
  })
  .transform(({ hours, minutes, ...rest }) => ({ ...rest, minutes: hours * 60 + minutes }))
  .refine((v) => v.minutes >= 1, { message: 'Enter how long you spent: at least one minute.', path: ['minutes'] })
  .refine((v) => v.minutes <= 24 * 60, { message: 'One entry is at most 24 hours.', path: ['hours'] });

export const withdrawHoursSchema = z.object({ id: uuidSchema('That entry was not sent the way the page sends it.') });

/** A cohort's planned learning time, in hours per week (halves allowed); 0 plans none. */
export const hourPlanSchema = z.object({
  cohortId: uuidSchema(),
  hoursPerWeek: formNumber('Enter the planned hours per week as a number.').pipe(
    z
      .number()
      .min(0, 'The planned hours cannot be negative.')
      .max(168, 'A week has 168 hours.')
      .refine((h) => Number.isInteger(h * 2), 'Enter whole or half hours, for example 6 or 7.5.'),
  ),
});

export type LogHoursInput = z.infer<typeof logHoursSchema>;
