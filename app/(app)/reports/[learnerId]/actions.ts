'use server';
import { validatedAction } from '@/lib/action';
import { decide, saveAssessment } from '@/lib/reports/assess';
import { decideSchema, saveAssessmentSchema } from '@/lib/reports/schemas';

/** The assigned assessor's working notes on a version (lib checks report.assess for the learner). */
export const saveAssessmentAction = validatedAction(saveAssessmentSchema, (user, input) => saveAssessment(user, input));

/** Refer back or sign off the exact version shown (its hash comes from the page and is checked). */
export const decideAction = validatedAction(decideSchema, (user, input) => decide(user, input));
