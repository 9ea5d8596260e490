'use client';
import { createContext, useContext, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { ItemStatusBadge } from '@/components/evidence/ItemStatusBadge';
import { ModuleProgressBar } from '@/components/evidence/ModuleProgressBar';
import { STATUS_MEANING } from '@/lib/progress/labels';
import type { LiveStatuses } from '@/lib/modules/learner';
import { buttonClass } from '@/components/ui/Button';

/**
 * Module and item pages are the same for everyone, so they are built once and served as static files (fast, and
 * cacheable). What is a learner's own (their status on each criterion, their progress) is fetched after load from
 * /api/modules/<slug>/statuses, which checks the session, and filled in here. Staff and visitors get none.
 */
export type { LiveStatuses };

const LiveContext = createContext<LiveStatuses | null>(null);

/** Fetches the learner's statuses once per page; `initial` lets a test render the filled-in state. */
export function LiveStatusProvider({ slug, initial = null, children }: { slug: string; initial?: LiveStatuses | null; children: React.ReactNode }) {
  const [live, setLive] = useState<LiveStatuses | null>(initial);
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/modules/${encodeURIComponent(slug)}/statuses`, { signal: controller.signal, cache: 'no-store' })
      .then((res) => (res.ok ? (res.json() as Promise<LiveStatuses>) : null))
      .then((data) => data && setLive(data))
      // Offline or signed out: the page still reads well without statuses.
      .catch(() => {});
    return () => controller.abort();
  }, [slug]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

/** Puts a status badge into each `[data-status-for]` placeholder of the pre-built main column. */
export function LiveStatusBadges() {
  const live = useContext(LiveContext);
  const [slots, setSlots] = useState<HTMLElement[]>([]);
  // The placeholders are in the pre-built HTML, so they can only be found once it is in the document.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setSlots([...document.querySelectorAll<HTMLElement>('[data-status-for]')]), []);
  const statuses = live?.statuses;
  if (!statuses) return null;
  return slots.map((el) => createPortal(<ItemStatusBadge status={statuses[el.dataset.statusFor ?? ''] ?? 'no_evidence'} />, el, el.dataset.statusFor));
}

/** The learner's progress on the module, in a card; nothing for staff or visitors. */
export function LiveModuleProgress({ headingId, className }: { headingId: string; className: string }) {
  const progress = useContext(LiveContext)?.progress;
  if (!progress) return null;
  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId} className="mb-2 text-sm font-semibold text-brand-900">
        Your progress
      </h2>
      <ModuleProgressBar progress={progress} label="Your progress" />
    </section>
  );
}

/** An item page's "Your status" card with the way to record evidence; only for a learner. */
export function LiveItemStatus({ slug, initial, itemId, evidenceHref, label }: { slug: string; initial?: LiveStatuses | null; itemId: string; evidenceHref: string; label: string }) {
  return (
    <LiveStatusProvider slug={slug} initial={initial}>
      <ItemStatusCard itemId={itemId} evidenceHref={evidenceHref} label={label} />
    </LiveStatusProvider>
  );
}

function ItemStatusCard({ itemId, evidenceHref, label }: { itemId: string; evidenceHref: string; label: string }) {
  const statuses = useContext(LiveContext)?.statuses;
  if (!statuses) return null;
  const status = statuses[itemId] ?? 'no_evidence';
  return (
    <section aria-labelledby="your-status" className="no-print mt-5 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-line bg-white px-5 py-3 shadow-sm">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="your-status" className="text-sm font-semibold text-brand-900">
          Your status
        </h2>
        <ItemStatusBadge status={status} size="md" />
        <span className="text-sm text-muted">{STATUS_MEANING[status]}</span>
      </div>
      <a href={evidenceHref} className={buttonClass({ className: 'shadow-sm' })}>
        Record evidence
        <span className="sr-only"> for {label}</span>
      </a>
    </section>
  );
}
