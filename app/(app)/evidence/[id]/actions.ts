'use server';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/action';
import { respondToJudgement, responseSchema } from '@/lib/evidence/judgements';

/** A learner's reply to a judgement, from the evidence page. */
export const respondToJudgementAction = validatedAction(responseSchema, async (user, input) => {
  const result = await respondToJudgement(user, input);
  revalidatePath('/evidence/[id]', 'page');
  return result;
});
