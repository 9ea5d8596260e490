'use client';
import { jsonTransport } from '@/components/autosave/http';
import type { Transport } from '@/components/autosave/engine';
import { SaveStatus } from '@/components/autosave/SaveStatus';
import { useAutosave } from '@/components/autosave/useAutosave';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, inputClass } from '@/components/ui/Field';
import type { ReviewContent, ReviewTarget } from '@/lib/reviews/types';
import { SignPanel, type SignAction } from './SignPanel';
import type { ReviewView } from '@/lib/reviews/types';

const EMPTY: ReviewContent = { heldOn: '', progress: '', wentWell: '', supportNeeded: '', targets: [] };
const LIMIT = 5000;
const TARGET_LIMIT = 1000;

const equal = (a: ReviewContent, b: ReviewContent) => JSON.stringify(a) === JSON.stringify(b);

function parse(raw: unknown): ReviewContent | null {
  const c = raw as Partial<ReviewContent> | null;
  return c &&
    typeof c.heldOn === 'string' &&
    typeof c.progress === 'string' &&
    typeof c.wentWell === 'string' &&
    typeof c.supportNeeded === 'string' &&
    Array.isArray(c.targets)
    ? (c as ReviewContent)
    : null;
}

function problem(c: ReviewContent): string | null {
  if ([c.progress, c.wentWell, c.supportNeeded].some((t) => t.length > LIMIT))
    return `Each part of the review must stay under ${LIMIT.toLocaleString('en-GB')} characters.`;
  if (c.targets.some((t) => t.text.length > TARGET_LIMIT))
    return `A target must stay under ${TARGET_LIMIT.toLocaleString('en-GB')} characters.`;
  if (!c.heldOn) return 'Enter the day the review was held.';
  return null;
}

/** A random id for a new target (crypto.randomUUID is missing from older browsers). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function transportFor(reviewId: string): Transport<ReviewContent> {
  return jsonTransport<ReviewContent>(`/api/reviews/${reviewId}`, {
    body: (content, version) => ({ version, content }),
    saved: (r) =>
      typeof r.version === 'number'
        ? { version: r.version, savedAt: typeof r.savedAt === 'string' ? r.savedAt : new Date().toISOString() }
        : null,
    current: (r) => {
      const c = r.current as { value: ReviewContent; version: number; savedAt: string } | null | undefined;
      return c ? { value: c.value, version: c.version, savedAt: c.savedAt } : c;
    },
  });
}

const linkValue = (t: ReviewTarget) => (t.criterionId ? `c:${t.criterionId}` : t.moduleSlug ? `m:${t.moduleSlug}` : '');

/**
 * The coach's form for a draft review, filled in with the learner: autosaved by the shared engine (each edit kept
 * in this browser, sent after a pause, stale saves refused and shown), then signed by the coach from here.
 */
export function ReviewForm({ review, sign }: { review: ReviewView; sign: SignAction }) {
  const { state, setValue, engine } = useAutosave<ReviewContent>({
    storageKey: `criterion:review:${review.id}`,
    initial: { value: review.content, version: review.version, savedAt: review.updatedAt },
    empty: EMPTY,
    transport: transportFor(review.id),
    equal,
    problem,
    parse,
    delayMs: 1000,
    keepDelayMs: 300,
  });
  const c = state.value;
  const set = (patch: Partial<ReviewContent>) => setValue((cur) => ({ ...cur, ...patch }));
  const setTarget = (i: number, patch: Partial<ReviewTarget>) =>
    setValue((cur) => ({ ...cur, targets: cur.targets.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));

  async function saveFirst(): Promise<number | null> {
    await engine.flush();
    const s = engine.getState();
    return s.status === 'saved' ? s.version : null;
  }

  const area = (id: keyof ReviewContent, label: string, hint: string) => (
    <Field id={`review-${id}`} label={label} hint={hint}>
      {(control) => (
        <textarea
          {...control}
          rows={5}
          value={c[id] as string}
          onChange={(e) => set({ [id]: e.target.value })}
          className={inputClass}
        />
      )}
    </Field>
  );

  return (
    <div className="space-y-5">
      <section
        aria-labelledby="form-heading"
        className="space-y-4 rounded-xl border border-line bg-white p-5 shadow-sm"
      >
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="form-heading" className="text-base font-semibold text-brand-900">
            The review
          </h2>
          <SaveStatus state={state} idle="The review saves as you type" />
        </div>
        {state.conflict ? (
          <Alert tone="warning">
            <p>{state.message}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <Button size="sm" onClick={() => engine.choose('mine')}>
                Keep what is on this page
              </Button>
              <Button size="sm" variant="secondary" onClick={() => engine.choose('server')}>
                Use the saved version
              </Button>
            </div>
          </Alert>
        ) : null}
        <Field id="review-heldOn" label="Held on" className="max-w-xs">
          {(control) => (
            <input
              {...control}
              type="date"
              value={c.heldOn}
              onChange={(e) => set({ heldOn: e.target.value })}
              className={inputClass}
            />
          )}
        </Field>
        {area(
          'progress',
          'Progress since the last review',
          'What the learner has done, in your words and theirs. The record above is attached.',
        )}
        {area('wentWell', 'What went well', 'What the learner is proud of, and what you noticed.')}
        {area('supportNeeded', 'Support needed', 'From you, the employer or the centre.')}

        <fieldset>
          <legend className="text-sm font-semibold text-brand-900">Targets</legend>
          <p className="text-sm text-muted">Each with a due date; link it to a module or criterion if it helps.</p>
          <ol className="mt-2 space-y-3">
            {c.targets.map((t, i) => (
              <li key={t.key} className="rounded-lg border border-line p-3" data-testid="target-row">
                <div className="grid gap-3 md:grid-cols-[1fr_11rem]">
                  <Field id={`target-${t.key}-text`} label={`Target ${i + 1}`}>
                    {(control) => (
                      <textarea
                        {...control}
                        rows={2}
                        value={t.text}
                        onChange={(e) => setTarget(i, { text: e.target.value })}
                        className={inputClass}
                      />
                    )}
                  </Field>
                  <Field id={`target-${t.key}-due`} label="Due on">
                    {(control) => (
                      <input
                        {...control}
                        type="date"
                        value={t.dueOn}
                        onChange={(e) => setTarget(i, { dueOn: e.target.value })}
                        className={inputClass}
                      />
                    )}
                  </Field>
                </div>
                <div className="mt-2 grid gap-3 md:grid-cols-[1fr_auto] md:items-end">
                  <Field id={`target-${t.key}-link`} label="Linked to (optional)">
                    {(control) => (
                      <select
                        {...control}
                        value={linkValue(t)}
                        onChange={(e) => {
                          const v = e.target.value;
                          setTarget(i, {
                            moduleSlug: v.startsWith('m:') ? v.slice(2) : null,
                            criterionId: v.startsWith('c:') ? v.slice(2) : null,
                          });
                        }}
                        className={inputClass}
                      >
                        <option value="">Nothing in particular</option>
                        {review.linkOptions.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => setValue((cur) => ({ ...cur, targets: cur.targets.filter((_, j) => j !== i) }))}
                    aria-label={`Remove target ${i + 1}`}
                  >
                    Remove
                  </Button>
                </div>
              </li>
            ))}
          </ol>
          <Button
            variant="outline"
            size="sm"
            className="mt-3"
            onClick={() =>
              setValue((cur) => ({
                ...cur,
                targets: [...cur.targets, { key: newKey(), text: '', dueOn: '', moduleSlug: null, criterionId: null }],
              }))
            }
          >
            Add a target
          </Button>
        </fieldset>
      </section>

      <SignPanel
        reviewId={review.id}
        version={state.version}
        status={review.status}
        contentSha256={review.contentSha256}
        requiredSigners={review.requiredSigners}
        signatures={review.signatures}
        mySigner={review.can.sign}
        learnerName={review.learnerName}
        sign={sign}
        beforeSign={saveFirst}
      />
    </div>
  );
}
