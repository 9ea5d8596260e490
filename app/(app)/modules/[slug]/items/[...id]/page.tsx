import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ItemView, itemTitle } from '@/components/content/ItemView';
import { recordEvidenceHref } from '@/components/content/labels';
import { ItemStatusBadge } from '@/components/evidence/ItemStatusBadge';
import { STATUS_MEANING } from '@/lib/progress/labels';
import { requireUser } from '@/lib/auth/session';
import { getItem, getModule, isAssessableId, moduleItems, type ContentItem } from '@/lib/content';
import { itemStatuses } from '@/lib/modules/learner';

type Params = { params: Promise<{ slug: string; id: string[] }> };

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
  const user = await requireUser();
  const assessable = isAssessableId(item.id);
  const statuses = assessable ? await itemStatuses(user, [item.id]) : null;
  const status = statuses?.get(item.id);

  // Neighbours in the same list: criteria of the same kind, or range items of the same criterion.
  const siblings = moduleItems(slug).filter((i) => i.kind === item.kind && (item.kind !== 'range' || i.parentId === item.parentId));
  const at = siblings.findIndex((i) => i.id === item.id);

  return (
    <ItemView
      item={item}
      module={mod}
      status={
        status ? (
          <>
            <ItemStatusBadge status={status.status} size="md" />
            <span className="text-sm text-muted">{STATUS_MEANING[status.status]}</span>
          </>
        ) : undefined
      }
      evidenceHref={statuses ? recordEvidenceHref(item.id) : undefined}
      previous={siblings[at - 1]}
      next={siblings[at + 1]}
    />
  );
}
