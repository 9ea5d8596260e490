import Link from 'next/link';
import { PageHeader } from '@/components/ui/PageHeader';
import { formatDateTime } from '@/lib/format';
import { shortHash } from '@/lib/reports/format';
import type { ReportUnit, VersionDiff, VersionView } from '@/lib/reports/types';
import { DecisionCard } from './DecisionCard';
import { SupersededSignOffs } from './SupersededSignOffs';
import { DiffView } from './DiffView';
import { ReportText } from './ReportText';
import { WordCountPanel } from './WordCountPanel';
import { DocIcon } from './icons';

export interface VersionPageData {
  learner: { id: string; name: string };
  unit: ReportUnit;
  version: VersionView;
  diffFromPrevious: VersionDiff | null;
}

/** One submitted version: its text (or what changed since the one before), its count, and the decision on it. */
export function VersionPage({
  data,
  view,
  hrefBase,
  who,
}: {
  data: VersionPageData;
  view: 'text' | 'changes';
  hrefBase: string;
  who: string;
}) {
  const { version: v, unit } = data;
  const numbers = Object.fromEntries(unit.outcomes.flatMap((o) => o.criteria.map((c) => [c.id, c.number])));
  const tab = (key: 'text' | 'changes', label: string) => (
    <Link
      href={key === 'text' ? hrefBase : `${hrefBase}?view=changes`}
      aria-current={view === key ? 'page' : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-semibold ${view === key ? 'bg-brand-700 text-white' : 'text-brand-700 hover:bg-brand-50'}`}
    >
      {label}
    </Link>
  );
  return (
    <>
      <div className="mt-3" />
      <PageHeader
        title={`Version ${v.number}`}
        lead={
          <>
            {who === 'You' ? 'Submitted' : `${data.learner.name} submitted`} {formatDateTime(v.submittedAt)} · unit{' '}
            {unit.code}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <SupersededSignOffs list={v.supersededSignOffs} versionNumber={v.number} />
          {v.decisionDetail ? (
            <DecisionCard decision={v.decisionDetail} unit={unit} versionNumber={v.number} />
          ) : (
            <p className="rounded-xl border border-line bg-white px-4 py-3 text-[15px] shadow-sm">
              {v.superseded
                ? `A newer version replaced this one before it was assessed.`
                : 'This version is waiting for the assessor.'}
            </p>
          )}
          <section
            aria-label={`Version ${v.number}`}
            className="rounded-xl border border-line bg-white p-4 shadow-sm sm:p-6"
          >
            {data.diffFromPrevious ? (
              <nav aria-label="Show" className="mb-4 flex gap-1">
                {tab('text', 'Text')}
                {tab('changes', `Changes from version ${data.diffFromPrevious.fromNumber}`)}
              </nav>
            ) : null}
            {view === 'changes' && data.diffFromPrevious ? (
              <DiffView diff={data.diffFromPrevious} />
            ) : (
              <ReportText content={v.content} rules={unit.rules} tags={v.sectionTags} criterionNumbers={numbers} />
            )}
          </section>
        </div>
        <aside className="space-y-6" aria-label="About this version">
          <WordCountPanel
            counted={v.countedWords}
            total={v.totalWords}
            excluded={v.excluded}
            rules={unit.rules}
            caption="Counted at submission"
            final
          />
          <section
            aria-labelledby="record-title"
            className="rounded-xl border border-line bg-white p-4 text-sm shadow-sm sm:p-5"
          >
            <h2 id="record-title" className="text-base font-semibold text-brand-900">
              Record
            </h2>
            <dl className="mt-2 space-y-2">
              <div>
                <dt className="text-muted">Text fingerprint (SHA-256)</dt>
                <dd>
                  <code className="font-mono text-xs break-all" title={v.contentHash}>
                    {shortHash(v.contentHash)}…
                  </code>
                </dd>
              </div>
              <div>
                <dt className="text-muted">Learner&apos;s declaration</dt>
                <dd>{v.declaration}</dd>
              </div>
              {v.upload ? (
                <div>
                  <dt className="text-muted">Uploaded document</dt>
                  <dd>
                    <a
                      href={`/api/reports/uploads/${v.upload.id}?learner=${data.learner.id}`}
                      className="inline-flex items-center gap-1 font-semibold text-brand-700 underline underline-offset-2"
                    >
                      <DocIcon /> {v.upload.fileName}
                    </a>
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>
        </aside>
      </div>
    </>
  );
}
