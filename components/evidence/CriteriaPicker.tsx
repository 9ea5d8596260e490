'use client';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PickerItem, PickerModule } from '@/lib/evidence/picker-types';

export interface Mapping {
  id: string;
  note: string;
}

interface Props {
  modules: PickerModule[];
  equivalents: Record<string, string[]>;
  value: Mapping[];
  onChange: (next: Mapping[]) => void;
  error?: string;
  /** Extra suggestion shown above the list, e.g. the criteria a chosen worksheet covers. */
  suggestion?: { text: string; ids: string[] };
  noteLabel?: string;
  noteMax: number;
}

type Indexed = PickerItem & { moduleCode: string; moduleTitle: string };

/** The modules' criteria that match, at most MAX_MATCHES of them while searching, with the counts. */
export function filterModules(modules: PickerModule[], matches: (i: PickerItem) => boolean, searching: boolean) {
  const count = { matched: 0, shown: 0 };
  const filtered = modules
    .map((m) => ({
      ...m,
      big: m.groups.reduce((n, g) => n + g.items.length, 0) > LARGE_MODULE,
      groups: m.groups
        .map((g) => ({
          ...g,
          items: g.items.filter((i) => {
            if (!matches(i)) return false;
            count.matched += 1;
            if (searching && count.shown >= MAX_MATCHES) return false;
            count.shown += 1;
            return true;
          }),
        }))
        .filter((g) => g.items.length),
    }))
    .filter((m) => m.groups.length);
  return { filtered, ...count };
}

/** Modules with more criteria than this open heading by heading. */
const LARGE_MODULE = 150;
/** At most this many matches are listed for a search; more words narrow it. */
const MAX_MATCHES = 100;

/**
 * Choose the criteria a piece of evidence meets, grouped by module and group, with search; for each
 * chosen criterion a short note on why. When a chosen criterion has crosswalk equivalents in another
 * module the learner is enrolled on, they are offered with one button.
 */
export function CriteriaPicker({
  modules,
  equivalents,
  value,
  onChange,
  error,
  suggestion,
  noteLabel = 'Why does this evidence meet it?',
  noteMax,
}: Props) {
  const uid = useId();
  const [query, setQuery] = useState('');
  const index = useMemo(() => {
    const map = new Map<string, Indexed>();
    for (const m of modules)
      for (const g of m.groups)
        for (const i of g.items) map.set(i.id, { ...i, moduleCode: m.code, moduleTitle: m.title });
    return map;
  }, [modules]);
  const selected = new Set(value.map((v) => v.id));
  // A button that removes itself (Remove, Add …) would leave keyboard focus nowhere: say where it goes next.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const noteId = (id: string) => `${uid}-note-${id}`;
  const removeId = (id: string) => `${uid}-remove-${id}`;

  const toggle = (id: string, on: boolean) => {
    if (on && !selected.has(id)) onChange([...value, { id, note: '' }]);
    if (!on) onChange(value.filter((v) => v.id !== id));
  };
  /** Removed with its own button: focus the next chosen criterion's Remove, else the previous one's, else the search box. */
  const remove = (id: string) => {
    const at = value.findIndex((v) => v.id === id);
    const neighbour = value[at + 1] ?? value[at - 1];
    focusNext.current = neighbour ? removeId(neighbour.id) : `${uid}-search`;
    toggle(id, false);
  };
  /** Added with a button: focus the first added criterion's note, so the learner can say why it is met. */
  const addAll = (ids: string[]) => {
    const added = ids.filter((id) => !selected.has(id) && index.has(id));
    if (added.length) focusNext.current = noteId(added[0]!);
    onChange([...value, ...added.map((id) => ({ id, note: '' }))]);
  };
  const setNote = (id: string, note: string) => onChange(value.map((v) => (v.id === id ? { ...v, note } : v)));

  const q = query.trim().toLowerCase();
  const matches = (i: PickerItem) =>
    !q || i.label.toLowerCase().includes(q) || i.text.toLowerCase().includes(q) || i.id.includes(q);
  // A framework of a thousand statements would bury the list: matches are shown up to a limit, and without a
  // search a large module's headings start closed and draw their items only when opened.
  const { filtered, matched, shown } = filterModules(modules, matches, Boolean(q));
  const [openGroups, setOpenGroups] = useState<ReadonlySet<string>>(new Set());
  const setGroupOpen = (id: string, open: boolean) =>
    setOpenGroups((prev) => {
      if (prev.has(id) === open) return prev;
      const next = new Set(prev);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  const pendingSuggestion = suggestion?.ids.filter((id) => index.has(id) && !selected.has(id)) ?? [];
  const names = (ids: string[]) => ids.map((id) => index.get(id)?.label ?? id);

  const renderList = (code: string, g: { title: string; items: PickerItem[] }) => (
    <ul className="mt-1" aria-label={`${code}: ${g.title}`}>
      {g.items.map((i) => (
        <li key={i.id}>
          <label className="flex cursor-pointer items-start gap-2.5 rounded-md px-1.5 py-1.5 text-sm hover:bg-canvas">
            <input
              type="checkbox"
              checked={selected.has(i.id)}
              onChange={(e) => toggle(i.id, e.target.checked)}
              className="mt-0.5 size-4 shrink-0 accent-brand-600"
            />
            <span>
              <span className="font-semibold text-brand-900">{i.label}</span> {i.text}
              {equivalents[i.id]?.length ? (
                <span className="ml-1 text-xs text-muted">(also in {names(equivalents[i.id]!).join(', ')})</span>
              ) : null}
            </span>
          </label>
        </li>
      ))}
    </ul>
  );

  return (
    <fieldset aria-describedby={`${uid}-hint${error ? ` ${uid}-error` : ''}`} className="min-w-0">
      <legend className="text-base font-semibold text-brand-900">Criteria this evidence meets</legend>
      <p id={`${uid}-hint`} className="mt-1 text-sm text-muted">
        Tick every criterion it shows, then say briefly why for each. Your assessor judges each criterion separately.
      </p>
      {error ? (
        <p id={`${uid}-error`} className="mt-2 text-sm font-medium text-notyet">
          {error}
        </p>
      ) : null}

      {pendingSuggestion.length > 0 && suggestion ? (
        <div className="mt-3 flex flex-wrap items-center gap-3 rounded-lg border border-brand-200 bg-brand-50 px-3 py-2 text-sm">
          <span>
            {suggestion.text}: {names(pendingSuggestion).join(', ')}.
          </span>
          <button
            type="button"
            onClick={() => addAll(pendingSuggestion)}
            className="rounded-md border border-brand-500 bg-white px-2.5 py-1 font-semibold text-brand-700 hover:bg-brand-100"
          >
            Add {pendingSuggestion.length === 1 ? 'it' : `all ${pendingSuggestion.length}`}
          </button>
        </div>
      ) : null}

      <p className="mt-4 text-sm font-semibold text-ink">
        Chosen <span className="font-normal text-muted">({value.length})</span>
      </p>
      {value.length === 0 ? (
        <p className="mt-1 rounded-lg border border-dashed border-line bg-canvas px-3 py-3 text-sm text-muted">
          No criteria chosen yet. Find them in the list below.
        </p>
      ) : (
        <ul className="mt-2 space-y-3">
          {value.map((m) => {
            const item = index.get(m.id);
            const missing = (equivalents[m.id] ?? []).filter((e) => !selected.has(e));
            return (
              <li key={m.id} className="rounded-lg border border-line bg-white p-2.5 sm:p-3">
                <div className="flex items-start gap-3">
                  <div className="min-w-0 flex-1 text-sm">
                    <span className="font-semibold text-brand-900">{item?.label ?? m.id}</span>{' '}
                    <span className="text-ink">{item?.text ?? 'This criterion is not in your modules.'}</span>
                  </div>
                  <button
                    id={removeId(m.id)}
                    type="button"
                    onClick={() => remove(m.id)}
                    className="shrink-0 rounded-md px-2 py-1 text-sm font-medium text-notyet underline-offset-2 hover:underline"
                    aria-label={`Remove ${item?.label ?? m.id}`}
                  >
                    Remove
                  </button>
                </div>
                <label htmlFor={noteId(m.id)} className="mt-2 block text-xs font-medium text-muted">
                  {noteLabel} <span className="font-normal">(optional)</span>
                  <span className="sr-only">for {item?.label ?? m.id}</span>
                </label>
                <textarea
                  id={noteId(m.id)}
                  value={m.note}
                  maxLength={noteMax}
                  rows={2}
                  onChange={(e) => setNote(m.id, e.target.value)}
                  className="mt-1 w-full rounded-md border border-line px-2.5 py-1.5 text-sm"
                />
                {missing.length > 0 ? (
                  <div className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-brand-50 px-2.5 py-2 text-xs text-brand-900">
                    <span>
                      <span aria-hidden="true">⇄ </span>The same requirement appears in {names(missing).join(', ')}.
                    </span>
                    <button
                      type="button"
                      onClick={() => addAll(missing)}
                      className="rounded-md border border-brand-500 bg-white px-2 py-0.5 font-semibold text-brand-700 hover:bg-brand-100"
                    >
                      Add {names(missing).join(' and ')}
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

      <div className="mt-5">
        <label htmlFor={`${uid}-search`} className="block text-sm font-semibold text-ink">
          Find criteria
        </label>
        <input
          id={`${uid}-search`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search by number or words, e.g. “feedback” or “PC 3”"
          className="mt-1 w-full rounded-md border border-line px-3 py-2 text-sm"
        />
        <p className="sr-only" aria-live="polite">
          {q ? `${matched} criteria match` : ''}
        </p>
        {q && matched > shown ? (
          <p className="mt-2 text-sm text-muted">
            Showing the first {shown} of {matched} matches. Add words to narrow the search.
          </p>
        ) : null}
      </div>

      <div className="mt-3 space-y-2">
        {modules.length === 0 ? (
          <p className="text-sm text-muted">
            You are not enrolled on any module with criteria yet. Ask your administrator to enrol you.
          </p>
        ) : filtered.length === 0 ? (
          <p className="text-sm text-muted">No criteria match “{query}”.</p>
        ) : (
          filtered.map((m, mi) => {
            const chosenHere = m.groups.reduce((n, g) => n + g.items.filter((i) => selected.has(i.id)).length, 0);
            return (
              <details
                key={`${m.slug}-${q ? 'q' : ''}`}
                open={Boolean(q) || (modules.length === 1 && mi === 0)}
                className="group rounded-lg border border-line bg-white"
              >
                <summary className="flex cursor-pointer list-none items-center justify-between gap-2 px-3 py-2.5 text-sm font-semibold text-brand-900">
                  <span>
                    <span aria-hidden="true" className="mr-1 inline-block transition-transform group-open:rotate-90">
                      ▸
                    </span>
                    {m.code} · {m.title}
                  </span>
                  {chosenHere ? (
                    <span className="whitespace-nowrap rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-700">
                      {chosenHere} chosen
                    </span>
                  ) : null}
                </summary>
                <div className="border-t border-line px-2 pb-3 sm:px-3">
                  {m.groups.map((g) =>
                    m.big && !q ? (
                      <details
                        key={g.id}
                        open={openGroups.has(g.id)}
                        onToggle={(e) => setGroupOpen(g.id, e.currentTarget.open)}
                        className="group/heading mt-2"
                      >
                        <summary className="cursor-pointer rounded-md px-1.5 py-1 text-sm font-semibold text-brand-900 hover:bg-canvas">
                          {g.title} <span className="font-normal text-muted">({g.items.length})</span>
                        </summary>
                        {openGroups.has(g.id) ? renderList(m.code, g) : null}
                      </details>
                    ) : (
                      <div key={g.id} className="mt-3">
                        <p className="text-xs font-semibold uppercase tracking-wide text-muted">{g.title}</p>
                        {renderList(m.code, g)}
                      </div>
                    ),
                  )}
                </div>
              </details>
            );
          })
        )}
      </div>
    </fieldset>
  );
}
