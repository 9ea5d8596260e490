'use client';
import { useEffect, useState } from 'react';
import type { Role } from '@/db/schema';
import { QUALITY_NAV } from '@/lib/navigation';
import { AppHeader } from './AppHeader';
import { useServiceWorker } from './service-worker';

type Reader = { name: string; role: Role; iqa?: boolean; unread?: number } | null;

/**
 * The header of pages built once and served the same to everyone (the module pages): it asks the server who is
 * reading (/api/me checks the session) and shows their navigation, or a sign-in link for a visitor.
 */
export function LiveHeader() {
  useServiceWorker();
  const [reader, setReader] = useState<Reader | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/me', { signal: controller.signal, cache: 'no-store' })
      .then((res) => (res.ok ? (res.json() as Promise<Reader>) : null))
      .then(setReader)
      .catch(() => setReader(null));
    return () => controller.abort();
  }, []);
  return (
    <AppHeader
      user={reader ?? null}
      pending={reader === undefined}
      extraNav={reader?.iqa ? [QUALITY_NAV] : []}
      unread={reader?.unread}
    />
  );
}
