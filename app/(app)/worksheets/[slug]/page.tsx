import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/PageHeader';
import { WorksheetBody } from '@/components/worksheet/WorksheetBody';
import { WorksheetEditor } from '@/components/worksheet/WorksheetEditor';
import { HandInHistory, WorksheetFeedback } from '@/components/worksheet/WorksheetFeedback';
import { requireAccess } from '@/lib/auth/session';
import { getModule } from '@/lib/content';
import { getLearnerWorksheet } from '@/lib/worksheets/learner';
import { orPageError } from '@/lib/errors';
import { handInWorksheet } from './actions';

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const mod = getModule((await params).slug);
  return { title: mod?.kind === 'worksheet' ? `Worksheet ${mod.code}: ${mod.title}` : 'Worksheet not found' };
}

/** The learner's worksheet: teaching text with the live form in place; answers autosave as they type. */
export default async function WorksheetPage({ params }: Params) {
  const user = await requireAccess('own.worksheets');
  const { slug } = await params;
  const data = await orPageError(getLearnerWorksheet(user, slug));
  const { definition } = data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/worksheets" className="text-brand-700 underline-offset-2 hover:underline">
          Worksheets
        </Link>
        <span aria-hidden="true" className="mx-1.5 text-muted">
          /
        </span>
        <span className="text-muted">{definition.code}</span>
      </nav>
      <PageHeader
        title={definition.title}
        lead={
          <>
            Worksheet {definition.code}. {definition.summary}
          </>
        }
      />
      <WorksheetEditor
        slug={definition.slug}
        learnerId={user.id}
        worksheet={definition.worksheet}
        draft={data.draft}
        submissions={data.submissions}
        comments={data.comments}
        coachNames={data.coachNames}
        handIn={handInWorksheet}
        feedback={<WorksheetFeedback submissions={data.submissions} comments={data.comments} />}
        history={<HandInHistory slug={definition.slug} submissions={data.submissions} comments={data.comments} />}
      >
        <WorksheetBody slug={definition.slug} />
      </WorksheetEditor>
    </>
  );
}
