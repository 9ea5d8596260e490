'use client';
import { checklistTicks, fieldKey, reflectionText, sectionHasContent, tableRows } from '@/lib/worksheets/answers';
import { Checklist } from './Checklist';
import { CommentList } from './CommentList';
import { useWorksheet } from './context';
import { ReflectionPrompt } from './ReflectionPrompt';
import { ResponseTable } from './ResponseTable';
import { SectionCard } from './SectionCard';

/**
 * What an MDX worksheet writes as `<WorksheetSection id="..." />`: the live form for that section of the
 * worksheet's content definition, with the learner's answers and the coach's comments on it.
 */
export function WorksheetSection({ id }: { id: string }) {
  const { worksheet, state, setSection, problems, commentsBySection } = useWorksheet();
  const section = worksheet.sections.find((s) => s.id === id);
  if (!section) return null;
  const comments = commentsBySection.get(id) ?? [];
  const titleId = `${id}-title`;

  let field: React.ReactNode;
  if (section.kind === 'table') {
    field = (
      <ResponseTable
        section={section}
        rows={tableRows(state.value, id)}
        onChange={(rows) => setSection(id, rows)}
        problems={problems}
      />
    );
  } else if (section.kind === 'checklist') {
    field = (
      <Checklist
        section={section}
        ticks={checklistTicks(state.value, id)}
        onChange={(t) => setSection(id, t)}
        labelledBy={titleId}
      />
    );
  } else {
    field = (
      <ReflectionPrompt
        section={section}
        text={reflectionText(state.value, id)}
        onChange={(t) => setSection(id, t)}
        labelledBy={titleId}
        describedBy={`${id}-prompt`}
        problem={problems.get(fieldKey(id))}
      />
    );
  }

  return (
    <SectionCard
      section={section}
      answered={sectionHasContent(section, state.value)}
      after={comments.length ? <CommentList comments={comments} heading="Your coach’s comments" /> : undefined}
    >
      {field}
    </SectionCard>
  );
}
