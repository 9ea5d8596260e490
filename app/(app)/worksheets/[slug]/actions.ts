'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction, type ActionResult } from '@/lib/action';
import { submitWorksheet } from '@/lib/worksheets/submissions';
import type { SubmissionSummary } from '@/lib/worksheets/types';

const handInSchema = z.object({
  slug: z.string().min(1).max(200),
  version: z.coerce
    .number()
    .int()
    .min(1, { error: 'Your answers have not been saved yet. Answer a section, wait for “Saved”, then hand in.' }),
});

const run = validatedAction(handInSchema, async (user, input) => {
  const submission = await submitWorksheet(user, input.slug, { version: input.version });
  revalidatePath(`/worksheets/${input.slug}`);
  return submission;
});

/** Hands the saved answers (exactly `version`) to the learner's coach. */
export async function handInWorksheet(input: {
  slug: string;
  version: number;
}): Promise<ActionResult<SubmissionSummary>> {
  return run(input);
}
