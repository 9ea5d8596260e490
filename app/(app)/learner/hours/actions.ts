'use server';
import { validatedAction } from '@/lib/action';
import { logHoursSchema, withdrawHoursSchema } from '@/lib/hours/schemas';
import { logHours, withdrawHours } from '@/lib/hours/write';

/** The signed-in learner logs time spent on their own programme. */
export const logHoursAction = validatedAction(logHoursSchema, (user, input) => logHours(user, input));
/** The signed-in learner withdraws one of their own entries logged in error. */
export const withdrawHoursAction = validatedAction(withdrawHoursSchema, (user, input) => withdrawHours(user, input));
