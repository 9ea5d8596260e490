import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { fillModuleMain, getModuleMain } from '@/components/content/module-main';
import { ModuleView } from '@/components/content/ModuleView';
import { requireUser } from '@/lib/auth/session';
import { getModule } from '@/lib/content';
import { moduleStatuses } from '@/lib/modules/learner';

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const mod = getModule((await params).slug);
  return { title: mod ? `${mod.code} ${mod.title}` : 'Module not found' };
}

/*
 * Every request is dynamic (session, per-request CSP nonce), so the page does as little as it can per
 * request: the main column is rendered once per process and only the learner's statuses are filled in.
 */
export default async function ModulePage({ params }: Params) {
  const { slug } = await params;
  const mod = getModule(slug);
  if (!mod) notFound();
  const user = await requireUser();
  const [main, mine] = await Promise.all([getModuleMain(slug), moduleStatuses(user, slug)]);
  return <ModuleView module={mod} mainHtml={fillModuleMain(main, mine?.statuses ?? null)} progress={mine?.progress} />;
}
