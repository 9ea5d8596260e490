'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction, type ActionResult } from '@/lib/action';
import { addComment } from '@/lib/worksheets/comments';

const commentSchema = z.object({
  submissionId: z.string().min(1).max(64),
  // An empty field means a comment on the whole worksheet.
  sectionId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => (v ? v : null)),
  // The 5,000 limit is checked (and worded) in lib; this only stops absurd payloads early.
  body: z
    .string({ error: 'Write your comment before saving it.' })
    .max(50_000, { error: 'Your comment is far too long to save. Shorten it and try again.' }),
});

const run = validatedAction(commentSchema, async (user, input) => {
  const comment = await addComment(user, input);
  revalidatePath(`/hand-ins/${input.submissionId}`);
  return comment;
});

/** useActionState signature: (previous result, form data). */
export async function postComment(
  _previous: ActionResult<{ id: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ id: string }>> {
  return run(formData);
}
