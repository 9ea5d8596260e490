'use client';
import { createContext, useContext } from 'react';
import type { AutosaveState } from '@/components/autosave/engine';
import type { SectionAnswer, Worksheet, WorksheetAnswers } from '@/lib/worksheets/answers';
import type { CommentView } from '@/lib/worksheets/types';

export interface WorksheetContextValue {
  worksheet: Worksheet;
  state: AutosaveState<WorksheetAnswers>;
  /** Replace one section's answer; autosave does the rest. */
  setSection(sectionId: string, value: SectionAnswer): void;
  /** fieldKey -> message for answers over a limit. */
  problems: ReadonlyMap<string, string>;
  commentsBySection: ReadonlyMap<string, CommentView[]>;
}

export const WorksheetContext = createContext<WorksheetContextValue | null>(null);

export function useWorksheet(): WorksheetContextValue {
  const value = useContext(WorksheetContext);
  if (!value) throw new Error('<WorksheetSection> must be inside <WorksheetEditor>');
  return value;
}
