'use client';
import type { ChecklistSection } from '@/lib/worksheets/answers';

/** Tick boxes, one per item of the section. The whole label is the tap target (at least 44 px high). */
export function Checklist({
  section,
  ticks,
  onChange,
  labelledBy,
}: {
  section: ChecklistSection;
  ticks: Record<string, boolean>;
  onChange(ticks: Record<string, boolean>): void;
  labelledBy: string;
}) {
  const count = section.items.filter((i) => ticks[i.id]).length;
  const toggle = (id: string, on: boolean) => {
    const next = { ...ticks };
    if (on) next[id] = true;
    else delete next[id];
    onChange(next);
  };
  return (
    <fieldset aria-labelledby={labelledBy}>
      <div className="grid gap-2 sm:grid-cols-2">
        {section.items.map((item) => {
          const id = `${section.id}-${item.id}`;
          return (
            <label
              key={item.id}
              htmlFor={id}
              className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-line bg-white px-3 py-2.5 text-[15px] leading-snug hover:border-brand-200 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
            >
              <input
                id={id}
                type="checkbox"
                checked={!!ticks[item.id]}
                onChange={(e) => toggle(item.id, e.target.checked)}
                className="mt-0.5 size-5 shrink-0 cursor-pointer accent-brand-600"
              />
              <span>{item.text}</span>
            </label>
          );
        })}
      </div>
      <div className="mt-2 text-sm text-muted tabular-nums">
        {count} of {section.items.length} ticked
      </div>
    </fieldset>
  );
}
