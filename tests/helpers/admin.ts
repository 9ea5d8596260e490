import type { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import * as accounts from '@/lib/admin/accounts';
import * as assignments from '@/lib/admin/assignments';
import * as cohorts from '@/lib/admin/cohorts';
import * as enrolments from '@/lib/admin/enrolments';
import * as importing from '@/lib/admin/import';
import {
  addMembersInput,
  assignStaffInput,
  createAccountInput,
  createCohortInput,
  enrolInput,
  importInput,
  removeMemberInput,
  resetPasswordInput,
  setActiveInput,
  unassignStaffInput,
  unenrolInput,
} from '@/lib/admin/schemas';
import * as account from '@/lib/auth/account';
import type { SessionUser } from '@/lib/auth/session';
import type { Actor } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validate';

/**
 * The administration use cases as their actions call them: the input parsed at the boundary first (a refusal there
 * is the ValidationError the action answers with), then the use case with the typed input.
 */
function parsed<S extends z.ZodType, R>(
  schema: S,
  work: (actor: Actor, input: z.output<S>, db?: DbOrTx) => Promise<R>,
) {
  return async (actor: Actor, raw: z.input<S>, db?: DbOrTx) => work(actor, parseOrThrow(schema, raw), db);
}

export const createAccount = parsed(createAccountInput, accounts.createAccount);
export const setAccountActive = parsed(setActiveInput, accounts.setAccountActive);
export const resetPassword = parsed(resetPasswordInput, accounts.resetPassword);
export const assignStaff = parsed(assignStaffInput, assignments.assignStaff);
export const unassignStaff = parsed(unassignStaffInput, assignments.unassignStaff);
export const createCohort = parsed(createCohortInput, cohorts.createCohort);
export const addMembers = parsed(addMembersInput, cohorts.addMembers);
export const removeMember = parsed(removeMemberInput, cohorts.removeMember);
export const enrol = parsed(enrolInput, enrolments.enrol);
export const unenrol = parsed(unenrolInput, enrolments.unenrol);
export const previewImport = parsed(importInput, importing.previewImport);
export const commitImport = parsed(importInput, importing.commitImport);

export async function changeOwnPassword(
  user: SessionUser,
  raw: z.input<typeof account.changePasswordInput>,
  ip: string,
) {
  return account.changeOwnPassword(user, parseOrThrow(account.changePasswordInput, raw), ip);
}
