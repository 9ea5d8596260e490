'use server';
import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/action';
import { preferencesSchema, savePreferences } from '@/lib/notifications/inbox';

/** The signed-in person's own choices, per kind: in Criterion only, email at once, or the daily digest. */
export const savePreferencesAction = validatedAction(preferencesSchema, async (user, input) => {
  await savePreferences(user, input);
  revalidatePath('/account/notifications');
});
