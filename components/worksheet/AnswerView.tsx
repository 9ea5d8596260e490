import {
  checklistTicks,
  reflectionText,
  tableRows,
  type WorksheetAnswers,
  type WorksheetSection,
} from '@/lib/worksheets/answers';
import { CheckIcon } from './icons';

const Empty = () => <div className="text-sm italic text-muted">No answer</div>;

/**
 * One section's answer, read-only: for the coach's review, a past hand-in and the side-by-side conflict view.
 * Learner text is rendered as text (React escapes it); line breaks are kept with CSS.
 */
export function AnswerView({ section, answers }: { section: WorksheetSection; answers: WorksheetAnswers }) {
  if (section.kind === 'reflection') {
    const text = reflectionText(answers, section.id);
    if (!text.trim()) return <Empty />;
    return (
      <div className="whitespace-pre-wrap break-words rounded-lg bg-canvas px-3 py-2 text-[15px] leading-relaxed">
        {text}
      </div>
    );
  }

  if (section.kind === 'checklist') {
    const ticks = checklistTicks(answers, section.id);
    const count = section.items.filter((i) => ticks[i.id]).length;
    return (
      <div>
        <div className="mb-2 text-sm text-muted">
          {count} of {section.items.length} ticked
        </div>
        <ul className="grid gap-1.5 sm:grid-cols-2">
          {section.items.map((item) => (
            <li
              key={item.id}
              className={`flex items-start gap-2 text-sm leading-snug ${ticks[item.id] ? 'text-ink' : 'text-muted'}`}
            >
              {ticks[item.id] ? (
                <span className="mt-0.5 inline-flex size-4 shrink-0 items-center justify-center rounded bg-met text-white">
                  <CheckIcon className="size-3" />
                </span>
              ) : (
                <span
                  aria-hidden="true"
                  className="mt-0.5 inline-block size-4 shrink-0 rounded border border-line bg-white"
                />
              )}
              <span>
                <span className="sr-only">{ticks[item.id] ? 'Ticked: ' : 'Not ticked: '}</span>
                {item.text}
              </span>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  const rows = tableRows(answers, section.id).filter((r) => Object.values(r.cells).some((v) => v.trim()));
  if (!rows.length) return <Empty />;
  return (
    <>
      <table className="hidden w-full table-fixed border-collapse text-left text-[15px] sm:table">
        <thead>
          <tr className="border-b border-line text-sm text-brand-900">
            <th scope="col" className="w-10 py-2 pr-2 font-semibold">
              <span className="sr-only">Row</span>
            </th>
            {section.columns.map((c) => (
              <th key={c.id} scope="col" className="py-2 pr-3 font-semibold">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id} className="border-b border-line/70 align-top last:border-0">
              <td className="py-2 pr-2 text-sm text-muted tabular-nums">{i + 1}</td>
              {section.columns.map((c) => (
                <td key={c.id} className="whitespace-pre-wrap break-words py-2 pr-3 leading-relaxed">
                  {r.cells[c.id] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ol className="space-y-2 sm:hidden">
        {rows.map((r, i) => (
          <li key={r.id} className="rounded-lg bg-canvas px-3 py-2">
            <div className="text-xs font-semibold text-muted">Row {i + 1}</div>
            <dl>
              {section.columns.map((c) => (
                <div key={c.id} className="mt-1">
                  <dt className="text-xs font-semibold text-brand-900">{c.label}</dt>
                  <dd className="whitespace-pre-wrap break-words text-[15px] leading-relaxed">
                    {r.cells[c.id] || '—'}
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}
