'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import type { ActionResult } from '@/lib/action';
import type { DecisionResult } from '@/lib/reports/assess';
import type { NotesEngine } from './DecisionSection';

/**
 * Sending an assessor's decision, shared by the per-criterion decision and the one-step sign-off: the notes are
 * flushed first (so the decision is made on what the assessor sees), the kept draft is forgotten once it is recorded,
 * and a request that never reached the server says so and that nothing was recorded.
 */
export function useRecordDecision<Which extends string>(engine: NotesEngine) {
  const router = useRouter();
  const [busy, setBusy] = useState<Which | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const send = async (which: Which, call: () => Promise<ActionResult<DecisionResult>>, what: string) => {
    setOutcome(null);
    setBusy(which);
    try {
      await engine.flush();
      const res = await call();
      if (res.ok) {
        setOutcome({ ok: true, text: res.data.message });
        engine.discardKept();
        router.refresh();
      } else {
        setOutcome({ ok: false, text: res.error });
      }
    } catch {
      setOutcome({
        ok: false,
        text: `${what} did not reach the server (are you offline?). Nothing was recorded; try again when connected.`,
      });
    } finally {
      setBusy(null);
    }
  };
  return { busy, outcome, setOutcome, send };
}
