'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { markAllRead, markRead, markReadSchema } from '@/lib/notifications/inbox';

// A person's own notifications only: lib/notifications/inbox.ts takes the recipient from the session, never the form.

export const markReadAction = validatedAction(markReadSchema, async (user, input) => {
  await markRead(user, input);
  revalidatePath('/notifications');
});

// The button says what it does; the field makes the call say it too.
const markAllInput = z.object({ all: z.literal('read', 'Press "Mark all as read" to mark every notification read.') });

export const markAllReadAction = validatedAction(markAllInput, async (user) => {
  const out = await markAllRead(user);
  revalidatePath('/notifications');
  return out;
});
