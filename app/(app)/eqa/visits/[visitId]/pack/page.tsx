import type { Metadata } from 'next';
import Link from 'next/link';
import { PrintButton } from '@/components/export/PrintButton';
import { EqaPackView } from '@/components/quality/EqaPackView';
import { buttonClass } from '@/components/ui/Button';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import { formatDateTime, formatDay, plural } from '@/lib/format';
import { getEqaPack, learnerRecordHref } from '@/lib/qa/eqa';

export const metadata: Metadata = { title: 'EQA pack' };

// Print layout, as the portfolio record's: A4, page numbers where the browser supports margin boxes, items kept whole.
const PRINT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; color: #555; } }
@media print {
  .export-doc { font-size: 10pt; }
  .export-doc h2, .export-doc h3 { break-after: avoid; }
  .export-keep { break-inside: avoid; box-shadow: none; }
  .export-new-page { break-before: page; }
}`;

/** A visit's sample as one printable record, for its EQA (while the visit is open), the IQA and administrators. */
export default async function EqaPackPage({ params }: { params: Promise<{ visitId: string }> }) {
  const user = await requireAccess('eqa.pack');
  const { visitId } = await params;
  const pack = await orPageError(getEqaPack(user, visitId));
  const eqa = pack.readerRelation === 'eqa';
  const items = pack.samples.reduce((n, s) => n + s.items.length, 0);
  return (
    <article className="export-doc mx-auto max-w-4xl">
      <style>{PRINT_CSS}</style>
      <div className="no-print mb-6 flex flex-wrap items-center gap-3 rounded-xl border border-line bg-white p-4 shadow-sm">
        <PrintButton />
        <a href={`/api/eqa/visits/${pack.visit.id}/pack`} className={buttonClass({ variant: 'outline' })}>
          Download as JSON
        </a>
        <Link
          href={eqa ? '/eqa' : pack.readerRelation === 'admin' ? `/admin/eqa/${pack.visit.id}` : '/quality'}
          className="text-sm text-brand-700 underline"
        >
          {eqa
            ? 'Back to your visit'
            : pack.readerRelation === 'admin'
              ? 'Back to the visit'
              : 'Back to quality assurance'}
        </Link>
      </div>
      <header className="mb-6 border-b-2 border-brand-900 pb-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-muted">External quality assurance pack</p>
        <h1 className="text-2xl font-semibold text-brand-900 sm:text-3xl">{pack.visit.title}</h1>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline font-medium">Awarding body: </dt>
            <dd className="inline">{pack.visit.organisation}</dd>
          </div>
          <div>
            <dt className="inline font-medium">External quality assurer: </dt>
            <dd className="inline break-all">
              {pack.visit.eqa.name}, {pack.visit.eqa.email}
            </dd>
          </div>
          <div>
            <dt className="inline font-medium">Visit: </dt>
            <dd className="inline">
              {formatDay(pack.visit.firstDay)} to {formatDay(pack.visit.lastDay)}
            </dd>
          </div>
          <div>
            <dt className="inline font-medium">Produced: </dt>
            <dd className="inline">{formatDateTime(pack.generatedAt)}</dd>
          </div>
        </dl>
        <p className="mt-2 text-sm">
          {plural(pack.samples.length, 'sample')} shared, {plural(items, 'sampled decision')}. Each snapshot&rsquo;s
          SHA-256 identifies the record as it was when the sample was drawn.
        </p>
      </header>
      <EqaPackView
        pack={pack}
        itemHref={(id) => (eqa ? `/eqa/items/${id}` : `/quality/items/${id}`)}
        learnerHref={eqa ? learnerRecordHref : undefined}
      />
    </article>
  );
}
