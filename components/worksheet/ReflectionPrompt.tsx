'use client';
import type { ReflectionSection } from '@/lib/worksheets/answers';
import { CharCounter } from './CharCounter';
import { textareaClass } from './styles';

/** A free-text answer to the section's prompt, with a live character count against the section's limit. */
export function ReflectionPrompt({
  section,
  text,
  onChange,
  labelledBy,
  describedBy,
  problem,
}: {
  section: ReflectionSection;
  text: string;
  onChange(text: string): void;
  labelledBy: string;
  describedBy: string;
  problem?: string;
}) {
  const id = `${section.id}-answer`;
  return (
    <div>
      <textarea
        id={id}
        value={text}
        rows={5}
        aria-labelledby={labelledBy}
        aria-describedby={`${describedBy} ${id}-count`}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={`${textareaClass} min-h-[8rem]`}
      />
      <CharCounter id={`${id}-count`} text={text} max={section.maxLength} />
    </div>
  );
}
