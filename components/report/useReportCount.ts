'use client';
import { useEffect, useMemo, useState } from 'react';
import type { ReportCount, ReportRules } from '@/lib/wordcount/report';

type Counter = typeof import('@/lib/wordcount');

let loading: Promise<Counter> | null = null;

/**
 * The one word counter (lib/wordcount, with its Unicode table) is the largest part of the report editor's code, so
 * it is fetched just after the page rather than with it (issue #19's JavaScript budget). Started when this module
 * is evaluated, i.e. while the page hydrates. A failed fetch is forgotten so that the next call tries again.
 */
function loadCounter(): Promise<Counter> {
  loading ??= import('@/lib/wordcount').catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

if (typeof window !== 'undefined') void loadCounter().catch(() => {});

export interface LiveCount {
  count: ReportCount;
  /** The count is of an earlier text (the counter is still loading): say "Counting…" rather than a wrong figure. */
  stale: boolean;
  /** The counter could not be fetched (offline at page load); it is tried again when the text changes. */
  failed: boolean;
}

/**
 * The live count of `content`. Until the counter has loaded, the count is the server's count of the text the page
 * was rendered with (made by the same function), so the figure the learner sees is always the one counter's answer
 * for some text, and is marked stale when that text is no longer what is in the box.
 */
export function useReportCount(
  content: string,
  rules: ReportRules,
  server: { content: string; count: ReportCount },
): LiveCount {
  const [counter, setCounter] = useState<Counter | null>(null);
  const [failed, setFailed] = useState(false);
  const waiting = counter === null;
  const changed = content !== server.content;
  // After a failed fetch, the next change of the text tries again.
  const retry = failed ? content : '';
  useEffect(() => {
    if (!waiting) return;
    let live = true;
    loadCounter().then(
      (m) => {
        if (!live) return;
        setCounter(m);
        setFailed(false);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [waiting, retry]);

  return useMemo(() => {
    if (counter) return { count: counter.countReport(content, rules), stale: false, failed: false };
    return { count: server.count, stale: changed, failed };
  }, [counter, content, rules, server.count, changed, failed]);
}
