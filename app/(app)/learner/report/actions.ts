'use server';
import { validatedAction } from '@/lib/action';
import { submitSchema } from '@/lib/reports/schemas';
import { submitReport } from '@/lib/reports/submit';

/** The signed-in learner submits their own saved draft. */
export const submitReportAction = validatedAction(submitSchema, (user, input) => submitReport(user, user.id, input));
