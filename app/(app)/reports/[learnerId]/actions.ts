'use server';
import { validatedAction } from '@/lib/action';
import { confirmAll, decide, saveAssessment } from '@/lib/reports/assess';
import { confirmAllSchema, decideSchema, saveAssessmentSchema } from '@/lib/reports/schemas';

/** The assigned assessor's working notes on a version (lib checks report.assess for the learner). */
export const saveAssessmentAction = validatedAction(saveAssessmentSchema, (user, input) => saveAssessment(user, input));

/** Refer back or sign off the exact version shown (its hash comes from the page and is checked). */
export const decideAction = validatedAction(decideSchema, (user, input) => decide(user, input));

/** Confirm all criteria met and sign off in one step, each criterion still its own decision (lib re-checks every rule). */
export const confirmAllAction = validatedAction(confirmAllSchema, (user, input) => confirmAll(user, input));
