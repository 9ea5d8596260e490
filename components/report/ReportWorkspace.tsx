'use client';
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { Transport } from '@/components/autosave/engine';
import { jsonTransport } from '@/components/autosave/http';
import { SaveStatus } from '@/components/autosave/SaveStatus';
import { useAutosave } from '@/components/autosave/useAutosave';
import { lazyPanel } from '@/components/ui/lazy-panel';
import { LazyBoundary } from '@/components/ui/LazyBoundary';
import { PanelLoading } from '@/components/ui/PanelLoading';
import { formatNumber } from '@/lib/format';
import type { DecisionView, DraftView, ReportUnit, SectionTags } from '@/lib/reports/types';
import type { ReportCount } from '@/lib/wordcount/report';
import type { LineStyle } from './markdown-edit';
import type { RichEditorComponent } from './EditorMode';
import type { RichEditorApi } from './rich/RichEditor';
import type { SubmitAction } from './SubmitPanel';
import { buttonClass } from '@/components/ui/Button';
import { useReportCount } from './useReportCount';

// The plain editor (text box, toolbar, autosave) comes with the page; the counter (useReportCount) and these panels follow
// just after it (issue #19's first-load JavaScript budget). They are rendered on the server, so they are on the page
// from the start and become interactive a moment later; the conflict panel is only ever drawn in the browser. Each
// fallback keeps the panel's place in the grid (its `order`).
// The toolbar's and the section links' text edits: fetched with the panels, just after the page's code.
// A failed early fetch is tried again at the first use, as lazyPanel() does.
const markdownEditEarly = typeof window === 'undefined' ? null : import('./markdown-edit');
markdownEditEarly?.catch(() => {});
const markdownEdit = () => (markdownEditEarly ?? import('./markdown-edit')).catch(() => import('./markdown-edit'));
const ReportConflict = lazyPanel(() => import('./ReportConflict').then((m) => m.ReportConflict));
const UploadDocx = lazyPanel(() => import('./UploadDocx').then((m) => m.UploadDocx));
const ReportSectionLinks = lazyPanel(() => import('./SectionPanels').then((m) => m.ReportSectionLinks));
const ReportCoverage = lazyPanel(() => import('./SectionPanels').then((m) => m.ReportCoverage));
const SubmitPanel = lazyPanel(() => import('./SubmitPanel').then((m) => m.SubmitPanel));
const WordCountPanel = lazyPanel(() => import('./WordCountPanel').then((m) => m.WordCountPanel));
const EditorNotice = lazyPanel(() => import('./EditorNotice').then((m) => m.EditorNotice));
const EditorModeToggle = lazyPanel(() => import('./EditorMode').then((m) => m.EditorModeToggle));

const PLAIN_TOOLS: [LineStyle, string, string][] = [
  ['heading', 'H', 'Heading'],
  ['subheading', 'h', 'Subheading'],
  ['bullet', '•', 'List'],
];

type Draft = { content: string; sectionTags: SectionTags };

const EMPTY_DRAFT: Draft = { content: '', sectionTags: {} };

const equalDrafts = (a: Draft, b: Draft) =>
  a.content === b.content && JSON.stringify(a.sectionTags) === JSON.stringify(b.sectionTags);

function parseDraft(raw: unknown): Draft | null {
  const d = raw as Partial<Draft> | null;
  return d && typeof d.content === 'string' && !!d.sectionTags && typeof d.sectionTags === 'object'
    ? { content: d.content, sectionTags: d.sectionTags }
    : null;
}

// The largest paste since the last autosave was sent, in words: the authorship history marks large pastes (no text
// is sent for it, only the count). One report editor per page, so one counter.
let pastedSinceSave = 0;
function notePaste(text: string) {
  pastedSinceSave = Math.max(pastedSinceSave, text.split(/\s+/).filter(Boolean).length);
}

const sendDraft: Transport<Draft> = jsonTransport<Draft>('/api/reports/draft', {
  body: (d, version) => {
    const pastedWords = pastedSinceSave;
    pastedSinceSave = 0;
    return { version, content: d.content, sectionTags: d.sectionTags, pastedWords };
  },
  saved: (r) =>
    typeof r.version === 'number'
      ? { version: r.version, savedAt: typeof r.updatedAt === 'string' ? r.updatedAt : new Date().toISOString() }
      : null,
  current: (r) => {
    const c = r.current as DraftView | null | undefined;
    return c
      ? { value: { content: c.content, sectionTags: c.sectionTags }, version: c.version, savedAt: c.updatedAt }
      : c;
  },
});

export interface ReportWorkspaceProps {
  unit: ReportUnit;
  learnerId: string;
  draft: DraftView | null;
  latest: { number: number; contentHash: string } | null;
  latestDecision: DecisionView | null;
  /** The server's count of the draft, shown until the counter has loaded in the browser (useReportCount). */
  draftCount: ReportCount;
  submit: SubmitAction;
}

/**
 * The learner's report editor: a word-processor view (./rich, loaded after the page) or, by choice per device, the
 * plain Markdown box, both editing the same stored Markdown; a live count (computed from a deferred copy of the
 * text, so counting never delays typing), autosave with conflict handling, .docx upload, links from sections to
 * criteria, coverage of all criteria, and submission.
 */
export function ReportWorkspace({
  unit,
  learnerId,
  draft,
  latest,
  latestDecision,
  draftCount,
  submit,
}: ReportWorkspaceProps) {
  const router = useRouter();
  const editorId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<[number, number] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The word-processor editor once loaded (./EditorMode.tsx); null while the plain box is shown.
  const [Rich, setRich] = useState<RichEditorComponent | null>(null);
  const richApi = useRef<RichEditorApi | null>(null);

  const {
    state: autosave,
    setValue,
    engine,
  } = useAutosave<Draft>({
    // Unchanged since the first release, so text kept before an update is found after it.
    storageKey: `criterion:report-draft:${learnerId}:${unit.slug}`,
    initial: {
      value: draft ? { content: draft.content, sectionTags: draft.sectionTags } : EMPTY_DRAFT,
      version: draft?.version ?? 0,
      savedAt: draft?.updatedAt ?? null,
    },
    empty: EMPTY_DRAFT,
    transport: sendDraft,
    equal: equalDrafts,
    parse: parseDraft,
    delayMs: 1200,
    // A long report is copied to this browser after a short pause rather than on every keystroke.
    keepDelayMs: 300,
  });
  const { value } = autosave;

  // Counting runs on a deferred copy: React renders the keystroke first and recounts when idle.
  const deferredContent = useDeferredValue(value.content);
  const serverCount = useMemo(() => ({ content: draft?.content ?? '', count: draftCount }), [draft, draftCount]);
  const live = useReportCount(deferredContent, unit.rules, serverCount);
  const { count } = live;

  useEffect(() => {
    // A one-off message when the engine restores a kept copy; later notices replace it.
    if (autosave.restoredAt) {
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setNotice('We restored changes from this device that had not reached the server. They are being saved now.');
    }
  }, [autosave.restoredAt]);

  // Restores the caret after a toolbar edit re-renders the controlled textarea.
  useEffect(() => {
    const sel = pendingSelection.current;
    if (sel && textarea.current) {
      textarea.current.setSelectionRange(sel[0], sel[1]);
      pendingSelection.current = null;
    }
  });

  const applyStyle = (style: LineStyle) =>
    void markdownEdit().then(({ toggleLineStyle }) => {
      const ta = textarea.current;
      if (!ta) return;
      const edit = toggleLineStyle(ta.value, ta.selectionStart, ta.selectionEnd, style);
      pendingSelection.current = [edit.selectionStart, edit.selectionEnd];
      setValue((v) => ({ ...v, content: edit.text }));
      ta.focus();
    });

  const onTagsChange = useCallback(
    (key: string, acIds: string[]) => {
      setValue((v) => {
        const sectionTags = { ...v.sectionTags };
        if (acIds.length) sectionTags[key] = acIds;
        else delete sectionTags[key];
        return { ...v, sectionTags };
      });
    },
    [setValue],
  );

  const onGoTo = useCallback(
    (heading: string) =>
      richApi.current?.goToHeading(heading) ||
      void markdownEdit().then(({ goToHeading }) => textarea.current && goToHeading(textarea.current, heading)),
    [],
  );

  const onSuggest = useCallback((sectionTags: SectionTags) => setValue((v) => ({ ...v, sectionTags })), [setValue]);

  const saveNow = useCallback(() => engine.flush(), [engine]);
  const currentVersion = useCallback(() => engine.getState().version, [engine]);
  const prepareUpload = useCallback(
    async () => ((await saveNow()) ? currentVersion() : null),
    [saveNow, currentVersion],
  );

  const empty = !value.content.trim();
  const editorHelpId = `${editorId}-help`;

  const uploadPanel = (
    <LazyBoundary
      fallback={
        <span role="status" className="px-3 py-2 text-sm text-muted">
          Loading upload…
        </span>
      }
    >
      <UploadDocx
        currentWords={count.total}
        prepare={prepareUpload}
        disabled={Boolean(autosave.conflict)}
        onImported={(d, notes, fileName) => {
          // The page header's status comes from the server.
          router.refresh();
          engine.replace({
            value: { content: d.content, sectionTags: d.sectionTags },
            version: d.version,
            savedAt: d.updatedAt,
          });
          void import('./import-notice').then(
            ({ importNotice }) => setNotice(importNotice(d.content, unit.rules, fileName, notes)),
            () => setNotice([`Imported “${fileName}”.`, ...notes].join(' ')),
          );
        }}
      />
    </LazyBoundary>
  );
  const noticeBar = notice ? (
    <LazyBoundary fallback={null}>
      <EditorNotice
        notice={notice}
        // The message and its button go away: focus returns to the report text rather than being lost.
        onDismiss={() => {
          setNotice(null);
          (richApi.current ?? textarea.current)?.focus();
        }}
      />
    </LazyBoundary>
  ) : null;

  return (
    // On a phone the panels interleave (editor, count, sections, coverage, submit); on a wide screen the
    // count and submit panels sit in a column of their own. `contents` lets one markup do both.
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
      <div className="contents min-w-0 lg:block lg:space-y-6">
        {autosave.conflict ? (
          <LazyBoundary
            fallback={<PanelLoading className="order-1 min-h-24" label="Loading both versions of your report…" />}
          >
            <ReportConflict
              className="order-1"
              conflict={autosave.conflict}
              mine={value}
              rules={unit.rules}
              onChoose={(key) => engine.choose(key)}
            />
          </LazyBoundary>
        ) : null}

        <section
          aria-labelledby={`${editorId}-title`}
          className="order-1 min-w-0 rounded-xl border border-line bg-white shadow-sm"
        >
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-line px-4 py-3">
            <h2 id={`${editorId}-title`} className="text-base font-semibold text-brand-900">
              Your report
            </h2>
            <SaveStatus state={autosave} idle="Your report saves as you type" />
          </div>
          {Rich ? (
            <Rich
              markdown={value.content}
              onChange={(content) => setValue((v) => ({ ...v, content }))}
              onPaste={notePaste}
              describedBy={editorHelpId}
              api={richApi}
              toolbarEnd={uploadPanel}
            >
              {noticeBar}
            </Rich>
          ) : (
            <>
              <div
                role="toolbar"
                aria-label="Formatting and upload"
                aria-controls={editorId}
                className="flex flex-wrap items-center gap-1 border-b border-line bg-canvas/60 px-2 py-1.5"
              >
                {PLAIN_TOOLS.map(([style, glyph, name]) => (
                  <button
                    key={style}
                    type="button"
                    className={buttonClass({ variant: 'link', size: 'tool' })}
                    onClick={() => applyStyle(style)}
                  >
                    <span aria-hidden="true" className="font-mono text-xs font-bold">
                      {glyph}
                    </span>{' '}
                    {name}
                  </button>
                ))}
                <span aria-hidden="true" className="mx-1 h-6 w-px bg-line" />
                {uploadPanel}
              </div>
              {noticeBar}
              <label htmlFor={editorId} className="sr-only">
                Report text (Markdown)
              </label>
              <textarea
                id={editorId}
                ref={textarea}
                value={value.content}
                onChange={(e) => setValue((v) => ({ ...v, content: e.target.value }))}
                onPaste={(e) => notePaste(e.clipboardData.getData('text/plain'))}
                aria-describedby={editorHelpId}
                spellCheck
                placeholder={'## Introduction\n\nStart writing here, or upload your .docx.'}
                className="block min-h-[26rem] w-full resize-y border-0 bg-white px-4 py-4 font-sans text-base leading-7 text-ink placeholder:text-muted/70 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-inset sm:min-h-[34rem] sm:px-6"
              />
            </>
          )}
          <div className="flex flex-wrap items-center justify-between gap-2 border-t border-line px-4 py-2 text-sm">
            <p id={editorHelpId} className="text-muted">
              {Rich ? null : (
                <>
                  Start a line with <code className="rounded bg-canvas px-1">##</code> for a section heading.{' '}
                </>
              )}
              Sections headed References, Bibliography or Appendix are not counted.
            </p>
            <LazyBoundary fallback={null}>
              <EditorModeToggle rich={!!Rich} onEditor={setRich} onNotice={setNotice} />
            </LazyBoundary>
            <p className="font-medium tabular-nums text-ink" aria-hidden="true">
              {live.stale ? 'Counting…' : `${formatNumber(count.counted)} counted · ${formatNumber(count.total)} total`}
            </p>
          </div>
        </section>

        <LazyBoundary fallback={<PanelLoading className="order-3 min-h-32" label="Loading your sections…" />}>
          <ReportSectionLinks
            className="order-3"
            count={count}
            unit={unit}
            tags={value.sectionTags}
            onChange={onTagsChange}
            onSuggest={onSuggest}
            onGoTo={onGoTo}
          />
        </LazyBoundary>
        <LazyBoundary fallback={<PanelLoading className="order-4 min-h-32" label="Loading the criteria…" />}>
          <ReportCoverage
            className="order-4"
            count={count}
            unit={unit}
            tags={value.sectionTags}
            decision={latestDecision?.outcome === 'referred' ? latestDecision : null}
          />
        </LazyBoundary>
      </div>

      <aside className="contents lg:block lg:space-y-6" aria-label="Word count and submission">
        <LazyBoundary fallback={<PanelLoading className="order-2 min-h-40" label="Loading the word count…" />}>
          <WordCountPanel
            className="order-2"
            counted={count.counted}
            total={count.total}
            excluded={count.excluded}
            rules={unit.rules}
            caption={
              live.failed
                ? 'The live count did not load: check your connection'
                : live.stale
                  ? 'Counting…'
                  : 'Updates as you type'
            }
          />
        </LazyBoundary>
        <LazyBoundary fallback={<PanelLoading className="order-5 min-h-48" label="Loading submission…" />}>
          <SubmitPanel
            className="order-5"
            rules={unit.rules}
            unitCode={unit.code}
            counted={count.counted}
            empty={empty}
            saveStatus={autosave.status}
            saveNow={saveNow}
            draftVersion={currentVersion}
            latestNumber={latest?.number ?? null}
            content={deferredContent}
            latestHash={latest?.contentHash ?? null}
            submit={submit}
          />
        </LazyBoundary>
      </aside>
    </div>
  );
}
