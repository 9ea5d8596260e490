'use server';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/action';
import { judgementSchema, recordJudgement } from '@/lib/evidence/judgements';

/** Inline judging on the assessor's view of a learner: the page reloads its data and stays where it is. */
export const judgeCriterion = validatedAction(judgementSchema, async (user, input) => {
  const result = await recordJudgement(user, input);
  revalidatePath(`/learners/${input.learnerId}`);
  return result;
});
