'use server';
import { validatedAction } from '@/lib/action';
import { revokeBadge, revokeBadgeSchema } from '@/lib/badges/badges';

// Revoking an Open Badge (issue 22): administrators only, with a reason; the rule, the row and the audit in lib/badges.
export const revokeBadgeAction = validatedAction(revokeBadgeSchema, (user, input) => revokeBadge(user, input));
