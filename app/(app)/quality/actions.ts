'use server';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/action';
import { closeActionSchema, closeQaAction, recordQaDecision } from '@/lib/qa/decisions';
import { countersign, countersignSchema } from '@/lib/qa/countersign';
import { drawQaSample } from '@/lib/qa/draw';
import { actionResponseSchema, respondToAction } from '@/lib/qa/responses';
import { decisionFormSchema, drawFormSchema } from '@/lib/qa/pages';
import { savePlan } from '@/lib/qa/plan';
import { planFormSchema } from '@/lib/qa/plan-form';

/** Draws a sample for a cohort by its current plan (lib/qa/draw.ts refuses anyone but an IQA of the cohort). */
export const drawSampleAction = validatedAction(drawFormSchema, async (user, input) => {
  const out = await drawQaSample(user, input);
  revalidatePath('/quality');
  return { sampleId: out.sampleId, items: out.items.length, candidates: out.candidateCount };
});

/** Agrees or disagrees with a sampled decision (lib/qa/decisions.ts refuses the IQA's own decisions, and stale forms). */
export const recordDecisionAction = validatedAction(decisionFormSchema, async (user, input) => {
  const out = await recordQaDecision(user, input);
  revalidatePath(`/quality/items/${input.itemId}`);
  revalidatePath('/quality');
  return { id: out.id, actionIds: out.actionIds };
});

/** Closes an action point once the assessor has responded (an IQA of the cohort; never about their own decision). */
export const closeActionAction = validatedAction(closeActionSchema, async (user, input) => {
  await closeQaAction(user, input);
  revalidatePath('/quality', 'layout');
  return { closed: input.actionId };
});

/**
 * Saves a cohort's sampling plan as its next version (lib/qa/plan.ts refuses anyone but an IQA of the cohort or an
 * admin, a save over a newer version, and a save that changes nothing).
 */
export const savePlanAction = validatedAction(planFormSchema, async (user, input) => {
  const plan = await savePlan(user, input);
  revalidatePath('/quality');
  revalidatePath(`/admin/cohorts/${input.cohortId}`);
  return { version: plan.version };
});

/** Countersigns a sign-off, binding the version hash the IQA was shown (lib/qa/countersign.ts refuses the rest). */
export const countersignAction = validatedAction(countersignSchema, async (user, input) => {
  const out = await countersign(user, input);
  revalidatePath('/quality', 'layout');
  return { id: out.id, completion: out.completion };
});

/** The sampled assessor's response to an action point (lib/qa/responses.ts refuses anyone else, and closed actions). */
export const respondToActionAction = validatedAction(actionResponseSchema, async (user, input) => {
  const out = await respondToAction(user, input);
  revalidatePath('/quality', 'layout');
  return { id: out.id, judgementId: out.judgementId };
});
