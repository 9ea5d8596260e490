import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/PageHeader';
import { GLOSSARY } from '@/lib/vocabulary';

export const metadata: Metadata = { title: 'Glossary' };

/**
 * Every state Criterion shows, in the words every page uses (lib/vocabulary.ts), with what it means. Public, like
 * the standards: a learner's employer or a new assessor can read it without an account.
 */
export default function GlossaryPage() {
  return (
    <>
      <PageHeader
        title="Glossary"
        lead="The words Criterion uses for where each piece of work stands. Every badge, list, dashboard, filter and export uses these same words."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {GLOSSARY.map((section, i) => (
          <section
            key={section.title}
            aria-labelledby={`glossary-${i}`}
            className="rounded-xl border border-line bg-white p-5 shadow-sm"
          >
            <h2 id={`glossary-${i}`} className="text-lg font-semibold text-brand-900">
              {section.title}
            </h2>
            <dl className="mt-3 space-y-3">
              {[...new Map(Object.values(section.terms).map((t) => [t.label, t])).values()].map((term) => (
                <div key={term.label}>
                  <dt className="font-semibold">{term.label}</dt>
                  <dd className="text-[15px] text-muted">{term.meaning}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </>
  );
}
