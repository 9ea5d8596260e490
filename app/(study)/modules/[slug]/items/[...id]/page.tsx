import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ItemView, itemTitle } from '@/components/content/ItemView';
import { getItem, getModule, listModules, moduleItems, type ContentItem } from '@/lib/content';

type Params = { params: Promise<{ slug: string; id: string[] }> };

// Every item of every module is built once per release (see app/(study)/layout.tsx); anything else is a 404.
export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return listModules().flatMap((m) => moduleItems(m.slug).map((item) => ({ slug: m.slug, id: item.id.split('/') })));
}

/** The item addressed by /modules/<slug>/items/<id>, only if it belongs to that module. */
function findItem(slug: string, segments: string[]): ContentItem | undefined {
  const item = getItem(segments.map((s) => decodeURIComponent(s)).join('/'));
  return item && item.moduleSlug === slug ? item : undefined;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, id } = await params;
  const item = findItem(slug, id);
  const mod = getModule(slug);
  return { title: item && mod ? `${mod.code} ${itemTitle(item)}` : 'Item not found' };
}

export default async function ItemPage({ params }: Params) {
  const { slug, id } = await params;
  const item = findItem(slug, id);
  const mod = getModule(slug);
  if (!item || !mod) notFound();
  // Neighbours in the same list: criteria of the same kind, or range items of the same criterion.
  const siblings = moduleItems(slug).filter(
    (i) => i.kind === item.kind && (item.kind !== 'range' || i.parentId === item.parentId),
  );
  const at = siblings.findIndex((i) => i.id === item.id);
  return <ItemView item={item} module={mod} previous={siblings[at - 1]} next={siblings[at + 1]} />;
}
