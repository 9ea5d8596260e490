'use server';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/action';
import { respondToJudgement, responseSchema } from '@/lib/evidence/judgements';
import { requestWitnessLinkSchema } from '@/lib/links/schemas';
import { requestWitnessConfirmation } from '@/lib/links/witness';

/** A learner's reply to a judgement, from the evidence page. */
export const respondToJudgementAction = validatedAction(responseSchema, async (user, input) => {
  const result = await respondToJudgement(user, input);
  revalidatePath('/evidence/[id]', 'page');
  return result;
});

/** The learner asks for a link for the witness named on their statement; it is shown to them once. */
export const requestWitnessLinkAction = validatedAction(requestWitnessLinkSchema, async (user, input) => {
  const { url, to, name, expiresAt, emailed } = await requestWitnessConfirmation(user, input);
  revalidatePath('/evidence/[id]', 'page');
  return { url, to, name, expiresAt, emailed };
});
