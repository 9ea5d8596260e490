'use client';
import { useEffect, useRef, useState } from 'react';
import { formatNumber } from '@/lib/format';
import { CELL_MAX_LENGTH, fieldKey, newRow, type TableRow, type TableSection } from '@/lib/worksheets/answers';
import { CharCounter } from './CharCounter';
import { CrossIcon, PlusIcon } from './icons';
import { buttonClass } from '@/components/ui/Button';
import { textareaClass } from './styles';

interface Props {
  section: TableSection;
  rows: TableRow[];
  onChange(rows: TableRow[]): void;
  /** fieldKey -> message, for cells over the limit. */
  problems: ReadonlyMap<string, string>;
}

/**
 * A response table with a column per definition column and rows the learner adds and removes. On a phone each
 * row is a card with its labels shown; from `sm` up the labels become column headings.
 */
export function ResponseTable({ section, rows, onChange, problems }: Props) {
  // An empty table still offers one row to type in; it becomes a real row with the first keystroke.
  const [blank] = useState(() => newRow(section));
  const shown = rows.length ? rows : [blank];
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const [removed, setRemoved] = useState<{ row: TableRow; index: number } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const atMax = shown.length >= section.maxRows;

  useEffect(() => {
    if (!focusRow) return;
    container.current?.querySelector<HTMLTextAreaElement>(`[data-row="${focusRow}"] textarea`)?.focus();
    // The request is done once the new row's box has focus (it only exists after the render that added it).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setFocusRow(null);
  }, [focusRow]);

  const setCell = (rowId: string, columnId: string, text: string) => {
    setRemoved(null);
    onChange(shown.map((r) => (r.id === rowId ? { ...r, cells: { ...r.cells, [columnId]: text } } : r)));
  };

  const add = () => {
    if (atMax) return;
    const row = newRow(section);
    setRemoved(null);
    onChange([...shown, row]);
    setFocusRow(row.id);
  };

  const remove = (index: number) => {
    const row = shown[index]!;
    const next = shown.filter((_, i) => i !== index);
    const hasText = Object.values(row.cells).some((v) => v.trim());
    setRemoved(hasText ? { row, index } : null);
    onChange(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    if (neighbour) setFocusRow(neighbour.id);
    else addButton.current?.focus();
  };

  const undo = () => {
    if (!removed) return;
    const next = [...rows];
    next.splice(Math.min(removed.index, next.length), 0, removed.row);
    onChange(next);
    setFocusRow(removed.row.id);
    setRemoved(null);
  };

  const cols = section.columns;
  // Any number of columns: the count goes in a CSS variable that the sm: grid template reads.
  const grid = 'sm:grid sm:grid-cols-[2rem_repeat(var(--cols),minmax(0,1fr))_2.75rem] sm:gap-3';
  const colsVar = { '--cols': cols.length } as React.CSSProperties;

  return (
    <div ref={container} style={colsVar}>
      <div aria-hidden="true" className={`hidden pb-1 text-sm font-semibold text-brand-900 ${grid}`}>
        <span />
        {cols.map((c) => (
          <span key={c.id}>{c.label}</span>
        ))}
        <span />
      </div>
      <ol className="space-y-3 sm:space-y-2" aria-label={section.title}>
        {shown.map((row, i) => (
          <li
            key={row.id}
            data-row={row.id}
            className={`rounded-lg border border-line bg-canvas/60 p-3 sm:rounded-none sm:border-0 sm:bg-transparent sm:p-0 ${grid}`}
          >
            <div className="mb-2 flex items-center justify-between sm:mb-0 sm:block sm:pt-2.5 sm:text-right">
              <span className="text-sm font-semibold text-muted tabular-nums">
                <span className="sm:hidden">Row </span>
                {i + 1}
              </span>
              <RemoveButton index={i} onRemove={remove} className="sm:hidden" />
            </div>
            {cols.map((col) => {
              const id = `${section.id}-${row.id}-${col.id}`;
              const problem = problems.get(fieldKey(section.id, row.id, col.id));
              const value = row.cells[col.id] ?? '';
              return (
                <div key={col.id} className="mb-3 last:mb-0 sm:mb-0">
                  <label htmlFor={id} className="mb-1 block text-sm font-medium text-ink sm:sr-only">
                    {col.label}
                  </label>
                  <textarea
                    id={id}
                    // The visible label plus the row, so each of the many boxes has its own name.
                    aria-label={`${col.label}, row ${i + 1}`}
                    value={value}
                    rows={2}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={`${id}-count`}
                    onChange={(e) => setCell(row.id, col.id, e.target.value)}
                    className={`${textareaClass} min-h-[3.25rem] sm:min-h-[4.5rem]`}
                  />
                  <CharCounter
                    id={`${id}-count`}
                    text={value}
                    max={CELL_MAX_LENGTH}
                    quietBelow={CELL_MAX_LENGTH * 0.8}
                  />
                </div>
              );
            })}
            <div className="hidden sm:block sm:pt-1">
              <RemoveButton index={i} onRemove={remove} />
            </div>
          </li>
        ))}
      </ol>

      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <button
          ref={addButton}
          type="button"
          onClick={add}
          disabled={atMax}
          className={buttonClass({ variant: 'outline', size: 'touch' })}
        >
          <PlusIcon /> Add a row
        </button>
        <span className="text-sm text-muted">
          {atMax
            ? `You have reached the most rows this table takes (${formatNumber(section.maxRows)}).`
            : `${formatNumber(shown.length)} of up to ${formatNumber(section.maxRows)} rows`}
        </span>
      </div>
      <div aria-live="polite" className="mt-2 text-sm">
        {removed ? (
          <span className="inline-flex flex-wrap items-center gap-2 rounded-md bg-brand-50 px-3 py-1.5 text-brand-900">
            Row {removed.index + 1} removed.
            <button type="button" onClick={undo} className="font-semibold text-brand-700 underline underline-offset-2">
              Undo
            </button>
          </span>
        ) : null}
      </div>
    </div>
  );
}

function RemoveButton({
  index,
  onRemove,
  className = '',
}: {
  index: number;
  onRemove(i: number): void;
  className?: string;
}) {
  return (
    <button
      type="button"
      onClick={() => onRemove(index)}
      className={`inline-flex min-h-11 min-w-11 items-center justify-center gap-1.5 rounded-lg px-2 text-sm font-medium text-muted hover:bg-notyet/10 hover:text-notyet ${className}`}
    >
      <CrossIcon />
      <span className="sm:sr-only">
        Remove<span className="sr-only"> row {index + 1}</span>
      </span>
    </button>
  );
}
