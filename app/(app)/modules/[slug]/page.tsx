import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getModuleBody } from '@/components/content/module-body';
import { ModuleView } from '@/components/content/ModuleView';
import { StatusTag } from '@/components/content/StatusTag';
import { requireUser } from '@/lib/auth/session';
import { getModule } from '@/lib/content';
import { moduleStatuses } from '@/lib/modules/learner';

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const mod = getModule((await params).slug);
  return { title: mod ? `${mod.code} ${mod.title}` : 'Module not found' };
}

export default async function ModulePage({ params }: Params) {
  const { slug } = await params;
  const mod = getModule(slug);
  if (!mod) notFound();
  const user = await requireUser();
  const [body, mine] = await Promise.all([getModuleBody(slug), moduleStatuses(user, slug)]);
  return (
    <ModuleView
      module={mod}
      body={body}
      progress={mine && { met: mine.progress.met, submitted: mine.progress.submitted, total: mine.progress.total }}
      statusFor={
        mine
          ? (item) => {
              const s = mine.statuses.get(item.id);
              return s ? <StatusTag status={s.status} /> : null;
            }
          : undefined
      }
    />
  );
}
