'use server';
import { validatedAction } from '@/lib/action';
import {
  createEqaVisit,
  createEqaVisitSchema,
  endEqaVisit,
  shareSample,
  unshareSample,
  visitIdSchema,
  visitSampleSchema,
} from '@/lib/qa/eqa';

// External quality assurers' visits (issue 20). Thin wrappers: session and input here; the rules (administrators only,
// one transaction, audit) in lib/qa/eqa.ts.
export const createEqaVisitAction = validatedAction(createEqaVisitSchema, (user, input) => createEqaVisit(user, input));
export const shareSampleAction = validatedAction(visitSampleSchema, (user, input) => shareSample(user, input));
export const unshareSampleAction = validatedAction(visitSampleSchema, (user, input) => unshareSample(user, input));
export const endEqaVisitAction = validatedAction(visitIdSchema, (user, input) => endEqaVisit(user, input));
