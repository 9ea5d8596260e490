import type { Metadata } from 'next';
import { ModuleCard } from '@/components/content/ModuleCard';
import { PageHeader } from '@/components/ui/PageHeader';
import { getCurrentUser } from '@/lib/auth/session';
import { getModule, listModules, type ModuleSummary } from '@/lib/content';
import { catalogueProgress, type CatalogueProgress } from '@/lib/modules/learner';

export const metadata: Metadata = { title: 'Modules' };

export default async function ModulesPage() {
  // The standards are public documents: a visitor may browse them (module pages are public too); only a learner's
  // own progress needs the session.
  const user = await getCurrentUser();
  const mine = user ? await catalogueProgress(user) : null;
  const modules = listModules();
  if (!mine) {
    return (
      <>
        <PageHeader
          title="Modules"
          lead="The standards, units and worksheets learners work through, with every criterion word for word."
        />
        {user ? null : (
          <p className="mb-6 max-w-2xl rounded-lg border border-line bg-white px-4 py-3 text-sm">
            You can read every module without an account.{' '}
            <a href="/signin" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
              Sign in
            </a>{' '}
            to record evidence, fill in worksheets and follow your progress.
          </p>
        )}
        <CardGrid modules={modules} headingLevel={2} />
      </>
    );
  }
  const enrolled = modules.filter((m) => mine.enrolled.has(m.slug));
  const others = modules.filter((m) => !mine.enrolled.has(m.slug));
  return (
    <>
      <PageHeader
        title="Modules"
        lead="Read each module, then record evidence against its criteria. Your progress shows once you have evidence."
      />
      {enrolled.length ? (
        <section aria-labelledby="mine">
          <h2 id="mine" className="mb-3 text-lg font-semibold text-brand-900">
            Your modules
          </h2>
          <CardGrid modules={enrolled} mine={mine} headingLevel={3} />
        </section>
      ) : null}
      {others.length ? (
        <section aria-labelledby="others" className={enrolled.length ? 'mt-10' : ''}>
          <h2 id="others" className="mb-1 text-lg font-semibold text-brand-900">
            {enrolled.length ? 'Other modules' : 'All modules'}
          </h2>
          <p className="mb-3 text-sm text-muted">
            {enrolled.length
              ? 'You are not enrolled on these. You can read them; ask your assessor if you want to work towards one.'
              : 'You are not enrolled on any module yet. You can read them all; your assessor will enrol you.'}
          </p>
          <CardGrid modules={others} mine={mine} headingLevel={3} />
        </section>
      ) : null}
    </>
  );
}

function CardGrid({
  modules,
  mine,
  headingLevel,
}: {
  modules: ModuleSummary[];
  mine?: CatalogueProgress;
  headingLevel: 2 | 3;
}) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {modules.map((m) => {
        const p = mine?.progress.get(m.slug);
        return (
          <ModuleCard
            key={m.slug}
            module={m}
            headingLevel={headingLevel}
            worksheetSections={getModule(m.slug)?.worksheet?.sections.length}
            worksheetEvidences={getModule(m.slug)?.worksheet?.evidences.length}
            enrolled={mine?.enrolled.has(m.slug)}
            progress={p}
          />
        );
      })}
    </ul>
  );
}
