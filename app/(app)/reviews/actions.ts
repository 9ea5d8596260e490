'use server';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/action';
import {
  amendReviewSchema,
  claimTargetSchema,
  confirmTargetSchema,
  signReviewSchema,
  startReviewSchema,
} from '@/lib/reviews/schemas';
import { claimTarget, confirmTarget } from '@/lib/reviews/targets';
import { amendReview, signReview, startReview } from '@/lib/reviews/write';
import { askEmployerToSign } from '@/lib/links/review';
import { askEmployerSchema } from '@/lib/links/schemas';

/** The learner's coach opens their next progress review (or the one already open). */
export const startReviewAction = validatedAction(startReviewSchema, async (user, input) => {
  const out = await startReview(user, input);
  revalidatePath(`/coach/learners/${input.learnerId}`);
  return out;
});

/** The coach or the learner signs the review as they read it; the last signature locks it. */
export const signReviewAction = validatedAction(signReviewSchema, async (user, input) => {
  const out = await signReview(user, input);
  revalidatePath(`/reviews/${input.reviewId}`);
  return out;
});

/** The coach corrects a locked review with a new, linked one. */
export const amendReviewAction = validatedAction(amendReviewSchema, async (user, input) => amendReview(user, input));

/** The learner says one of their targets is achieved. */
export const claimTargetAction = validatedAction(claimTargetSchema, async (user, input) => {
  const out = await claimTarget(user, input);
  revalidatePath('/learner');
  return out;
});

/** The learner's coach confirms a target the learner marked achieved, or says not yet. */
export const confirmTargetAction = validatedAction(confirmTargetSchema, async (user, input) => {
  const out = await confirmTarget(user, input);
  revalidatePath(`/coach/learners/${input.learnerId}`);
  return out;
});

/** The coach asks the learner's employer to sign by single-use link; the link is shown to the coach once. */
export const askEmployerToSignAction = validatedAction(askEmployerSchema, async (user, input) => {
  const { url, to, name, expiresAt, emailed } = await askEmployerToSign(user, input);
  revalidatePath(`/reviews/${input.reviewId}`);
  return { url, to, name, expiresAt, emailed };
});
