'use server';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { createAccount, resetPassword, setAccountActive } from '@/lib/admin/accounts';
import { assignStaff, unassignStaff } from '@/lib/admin/assignments';
import { addMembers, createCohort, removeMember } from '@/lib/admin/cohorts';
import { enrol, unenrol } from '@/lib/admin/enrolments';
import { commitImport, previewImport } from '@/lib/admin/import';
import { eraseLearner, eraseLearnerInput } from '@/lib/erasure/erase';
import { assignIqa, iqaAssignmentSchema, unassignIqa } from '@/lib/qa/iqa';
import { qaSettingsSchema, saveQaSettings } from '@/lib/qa/settings';
import { hourPlanSchema } from '@/lib/hours/schemas';
import { setHourPlan } from '@/lib/hours/write';
import { setReviewInterval } from '@/lib/reviews/schedule';
import { reviewIntervalSchema } from '@/lib/reviews/schemas';
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

// Thin wrappers: session and input checks here, the rules (admin only, one transaction, audit) in lib/admin.
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const target = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => {
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    return { ...o, learnerId: blankToUndefined(o.learnerId), cohortId: blankToUndefined(o.cohortId) };
  }, schema);

export const createAccountAction = validatedAction(createAccountInput, (user, input) => createAccount(user, input));
export const setActiveAction = validatedAction(setActiveInput, (user, input) => setAccountActive(user, input));
export const resetPasswordAction = validatedAction(resetPasswordInput, (user, input) => resetPassword(user, input));
export const createCohortAction = validatedAction(createCohortInput, (user, input) => createCohort(user, input));
export const addMembersAction = validatedAction(addMembersInput, (user, input) => addMembers(user, input));
export const removeMemberAction = validatedAction(removeMemberInput, (user, input) => removeMember(user, input));
export const assignStaffAction = validatedAction(target(assignStaffInput), (user, input) => assignStaff(user, input));
export const unassignStaffAction = validatedAction(unassignStaffInput, (user, input) => unassignStaff(user, input));
export const enrolAction = validatedAction(target(enrolInput), (user, input) => enrol(user, input));
export const unenrolAction = validatedAction(unenrolInput, (user, input) => unenrol(user, input));
export const previewImportAction = validatedAction(importInput, (user, input) => previewImport(user, input));
export const importAction = validatedAction(importInput, (user, input) => commitImport(user, input));
// Who quality-assures a cohort (issue 20): lib/qa/iqa.ts checks the account is staff, and audits.
export const assignIqaAction = validatedAction(iqaAssignmentSchema, (user, input) => assignIqa(user, input));
export const unassignIqaAction = validatedAction(iqaAssignmentSchema, (user, input) => unassignIqa(user, input));
export const saveQaSettingsAction = validatedAction(qaSettingsSchema, (user, input) => saveQaSettings(user, input));
// Progress reviews (issue 21): how often a cohort's learners are reviewed.
export const setReviewIntervalAction = validatedAction(reviewIntervalSchema, (user, input) =>
  setReviewInterval(user, input),
);
// Learning hours (issue 21): the time a cohort's learners are planned to spend each week.
export const setHourPlanAction = validatedAction(hourPlanSchema, (user, input) => setHourPlan(user, input));
// Data protection (issue 22): erasure of a learner's personal data; lib/erasure checks the admin and the typed email.
export const eraseLearnerAction = validatedAction(eraseLearnerInput, (user, input) => eraseLearner(user, input));
