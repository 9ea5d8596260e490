import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getModuleBody } from '@/components/content/body-parts.server';
import { ModuleView } from '@/components/content/ModuleView';
import { getModule, listModules } from '@/lib/content';

type Params = { params: Promise<{ slug: string }> };

// Built once per release for every module (see app/(study)/layout.tsx); any other slug is a 404.
export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return listModules().map((m) => ({ slug: m.slug }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const mod = getModule((await params).slug);
  return { title: mod ? `${mod.code} ${mod.title}` : 'Module not found' };
}

export default async function ModulePage({ params }: Params) {
  const { slug } = await params;
  const mod = getModule(slug);
  if (!mod) notFound();
  return <ModuleView module={mod} body={await getModuleBody(slug)} />;
}
