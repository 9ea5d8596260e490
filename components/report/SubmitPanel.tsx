'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { AutosaveStatus } from '@/components/autosave/engine';
import type { ActionResult } from '@/lib/action';
import { formatNumber } from '@/lib/format';
import { rangeProblem } from '@/lib/reports/format';
import type { SubmitResult } from '@/lib/reports/submit';
import { REPORT_DECLARATION, type UnitRules } from '@/lib/reports/types';
import { CheckIcon, SpinnerIcon, WarningIcon } from './icons';
import { buttonClass } from '@/components/ui/Button';
import { Declaration } from '@/components/ui/Declaration';

// Whether the text is exactly the newest submitted version, worked out here rather than in the editor so that it is
// fetched with this panel after the page (issue #19's first-load JavaScript budget).
async function sha256(text: string): Promise<string | null> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export type SubmitAction = (input: { draftVersion: number; declared: boolean }) => Promise<ActionResult<SubmitResult>>;

interface Props {
  rules: UnitRules;
  unitCode: string;
  counted: number;
  empty: boolean;
  saveStatus: AutosaveStatus;
  saveNow: () => Promise<boolean>;
  draftVersion: () => number;
  latestNumber: number | null;
  /** The report text now (a deferred copy), compared with the newest submitted version's hash. */
  content: string;
  latestHash: string | null;
  submit: SubmitAction;
  className?: string;
}

/**
 * Submitting: what must be true first (in range, saved, changed since last time), the learner's declaration,
 * and the server's answer. The server recounts and has the final word; this panel only explains.
 */
export function SubmitPanel(p: Props) {
  const router = useRouter();
  const id = useId();
  const [declared, setDeclared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  // The button is disabled while submitting, which drops keyboard focus: put it on the answer instead.
  useEffect(() => {
    if (result && !busy && (!document.activeElement || document.activeElement === document.body))
      resultRef.current?.focus();
  }, [result, busy]);

  // null while not known (the hash is being worked out, or this browser cannot hash).
  const [matchesLatest, setMatchesLatest] = useState<boolean | null>(null);
  const { content, latestHash } = p;
  useEffect(() => {
    if (!latestHash) return;
    let live = true;
    void sha256(content).then((h) => live && setMatchesLatest(h === null ? null : h === latestHash));
    return () => {
      live = false;
    };
  }, [content, latestHash]);

  const range = p.empty ? 'Your report is empty.' : rangeProblem(p.counted, p.rules, p.unitCode);
  const unchanged = latestHash !== null && matchesLatest === true && p.latestNumber !== null;
  const saving = p.saveStatus === 'pending' || p.saveStatus === 'saving';
  const blocked = p.saveStatus === 'conflict';
  const next = (p.latestNumber ?? 0) + 1;
  const checks = [
    {
      ok: !range,
      text: range ?? `Within ${formatNumber(p.rules.minWords)}–${formatNumber(p.rules.maxWords)} counted words`,
    },
    {
      ok: !unchanged,
      text: unchanged
        ? `This is the text you submitted as version ${p.latestNumber}. Make your changes first.`
        : p.latestNumber
          ? `Changed since version ${p.latestNumber}`
          : 'First submission',
    },
    {
      ok: !blocked,
      text: blocked
        ? 'Choose which version of your text to keep (above).'
        : saving
          ? 'Saving your latest changes…'
          : 'Your latest changes are saved, or will be before submitting',
    },
  ];
  const ready = !range && !unchanged && !blocked && declared && !busy;

  const onSubmit = async () => {
    setResult(null);
    setBusy(true);
    try {
      if (!(await p.saveNow())) {
        setResult({
          ok: false,
          text: 'Your latest changes could not be saved, so nothing was submitted. Check the save status above and try again.',
        });
        return;
      }
      const res = await p.submit({ draftVersion: p.draftVersion(), declared });
      if (res.ok) {
        setResult({ ok: true, text: res.data.message });
        setDeclared(false);
        router.refresh();
      } else {
        setResult({ ok: false, text: res.error });
      }
    } catch {
      setResult({
        ok: false,
        text: 'Submitting did not reach the server (are you offline?). Nothing was submitted; try again when connected.',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      aria-labelledby={`${id}-title`}
      className={`rounded-xl border border-line bg-white p-4 shadow-sm sm:p-5 ${p.className ?? ''}`}
    >
      <h2 id={`${id}-title`} className="text-base font-semibold text-brand-900">
        Submit for assessment
      </h2>
      <ul className="mt-2 space-y-1.5 text-sm">
        {checks.map((c) => (
          <li key={c.text} className={`flex items-start gap-1.5 ${c.ok ? 'text-ink' : 'text-notyet'}`}>
            {c.ok ? <CheckIcon className="mt-0.5 size-4 text-met" /> : <WarningIcon className="mt-0.5 size-4" />}
            <span>{c.text}</span>
          </li>
        ))}
      </ul>
      <Declaration className="mt-3" text={REPORT_DECLARATION} checked={declared} onChange={setDeclared} />
      <button
        type="button"
        className={buttonClass({ size: 'touch', className: 'mt-3 w-full' })}
        disabled={!ready}
        onClick={() => void onSubmit()}
      >
        {busy ? <SpinnerIcon /> : null}
        {busy ? 'Submitting…' : `Submit version ${next}`}
      </button>
      {!declared && !range && !unchanged ? (
        <p className="mt-1.5 text-xs text-muted">Tick the declaration to submit.</p>
      ) : null}
      <div aria-live="polite" role="status">
        {result ? (
          <p
            ref={resultRef}
            tabIndex={-1}
            className={`mt-3 flex items-start gap-1.5 rounded-lg p-3 text-sm ${result.ok ? 'bg-met/10 text-ink' : 'bg-notyet/10 text-ink'}`}
            data-testid="submit-result"
          >
            {result.ok ? (
              <CheckIcon className="mt-0.5 size-4 text-met" />
            ) : (
              <WarningIcon className="mt-0.5 size-4 text-notyet" />
            )}
            <span>{result.text}</span>
          </p>
        ) : null}
      </div>
    </section>
  );
}
