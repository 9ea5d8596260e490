'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { KIND_INFO, type EvidenceKindId } from '@/lib/evidence/kinds';
import type { PickerModule } from '@/lib/evidence/picker-types';
import { ACCEPT_ATTRIBUTE, ALLOWED_TYPES_SENTENCE } from '@/lib/files/types';
import { CriteriaPicker, type Mapping } from './CriteriaPicker';
import { buttonClass } from '@/components/ui/Button';
import { formatNumber } from '@/lib/format';

export interface EvidenceValues {
  title: string;
  occurredOn: string;
  description: string;
  body: string;
  url: string;
  witnessName: string;
  witnessRole: string;
  witnessContact: string;
  worksheetSubmissionId: string;
  criteria: Mapping[];
}

interface StoredVersion extends EvidenceValues {
  id: string;
  version: number;
  supersededBy: string | null;
}

export interface EvidenceFormProps {
  mode: 'create' | 'edit';
  kinds: EvidenceKindId[];
  initialKind?: EvidenceKindId;
  initial: EvidenceValues;
  learnerId?: string;
  evidenceId?: string;
  version?: number;
  judgedMet?: boolean;
  picker: { modules: PickerModule[]; equivalents: Record<string, string[]> };
  worksheets: { id: string; label: string; criteria: string[] }[];
  limits: { title: number; description: number; body: number; note: number; maxUploadMb: number };
  /** 'open': go to the saved evidence; 'refresh': stay (assessor page) and reload its data. */
  afterSave: 'open' | 'refresh';
  cancelHref?: string;
}

type Errors = Record<string, string>;

const FIELD_ORDER = [
  'kind',
  'title',
  'occurredOn',
  'description',
  'body',
  'url',
  'witnessName',
  'witnessRole',
  'witnessContact',
  'worksheetSubmissionId',
  'file',
  'criteria',
];

function normaliseErrors(fieldErrors: Record<string, string> | undefined): Errors {
  const out: Errors = {};
  for (const [k, v] of Object.entries(fieldErrors ?? {})) out[k.startsWith('criteria') ? 'criteria' : k] ??= v;
  return out;
}

/** Record or edit a piece of evidence: kind-specific fields, an optional file, and the criteria it meets. */
export function EvidenceForm(props: EvidenceFormProps) {
  const { mode, kinds, limits, picker, worksheets } = props;
  const router = useRouter();
  const uid = useId();
  const [kind, setKind] = useState<EvidenceKindId>(props.initialKind ?? kinds[0]!);
  const [values, setValues] = useState<EvidenceValues>(props.initial);
  const [version, setVersion] = useState(props.version ?? 1);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [summary, setSummary] = useState<string>('');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [conflict, setConflict] = useState<StoredVersion | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const info = KIND_INFO[kind];
  const id = (f: string) => `${uid}-${f}`;
  const set = <K extends keyof EvidenceValues>(key: K, v: EvidenceValues[K]) =>
    setValues((prev) => ({ ...prev, [key]: v }));

  function fail(message: string, fieldErrors: Errors = {}) {
    setErrors(fieldErrors);
    setSummary(message);
    setStatus('idle');
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  function clientCheck(): Errors {
    const e: Errors = {};
    if (!values.title.trim()) e.title = 'Give your evidence a title.';
    if (mode === 'create' && kind === 'file') {
      if (!file) e.file = 'Choose a file to upload.';
      else if (file.size > limits.maxUploadMb * 1024 * 1024)
        e.file = `This file is larger than the ${limits.maxUploadMb} MB limit. Make it smaller and try again.`;
    }
    return e;
  }

  async function submit(event: React.FormEvent, overrideVersion?: number) {
    event.preventDefault();
    if (status === 'saving') return;
    const local = clientCheck();
    if (Object.keys(local).length) return fail(Object.values(local)[0]!, local);
    setStatus('saving');
    setSummary('');
    setErrors({});
    let res: Response;
    try {
      if (mode === 'create') {
        const form = new FormData();
        form.set('kind', kind);
        if (props.learnerId) form.set('learnerId', props.learnerId);
        for (const [k, v] of Object.entries(values)) if (k !== 'criteria') form.set(k, v as string);
        form.set('criteria', JSON.stringify(values.criteria));
        if (kind === 'file' && file) form.set('file', file);
        res = await fetch('/api/evidence', { method: 'POST', body: form });
      } else {
        res = await fetch(`/api/evidence/${props.evidenceId}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...values, version: overrideVersion ?? version }),
        });
      }
    } catch {
      return fail('We could not reach the portal. Check your connection and try again; your text is still here.');
    }
    const data = (await res.json().catch(() => ({}))) as {
      id?: string;
      error?: string;
      fieldErrors?: Record<string, string>;
      current?: StoredVersion;
      newVersion?: boolean;
    };
    if (res.ok && data.id) {
      setStatus('saved');
      if (props.afterSave === 'open') {
        router.push(`/evidence/${data.id}${data.newVersion ? '?saved=new-version' : '?saved=1'}`);
      } else {
        setValues(props.initial);
        setFile(null);
        if (fileRef.current) fileRef.current.value = '';
        router.refresh();
      }
      return;
    }
    if (res.status === 401)
      return fail('Your session has ended. Sign in again in another tab, then save; your text is kept on this page.');
    if (res.status === 409 && data.current) {
      setConflict(data.current);
      return fail(data.error ?? 'This evidence was changed somewhere else.');
    }
    fail(
      data.error ?? 'Something went wrong and nothing was saved. Please try again.',
      normaliseErrors(data.fieldErrors),
    );
  }

  function takeStored() {
    if (!conflict) return;
    const { id: _i, version: v, supersededBy: _s, ...stored } = conflict;
    setValues({ ...props.initial, ...stored, criteria: stored.criteria ?? [] });
    setVersion(v);
    setConflict(null);
    setSummary('');
  }

  const errorList = FIELD_ORDER.filter((f) => errors[f]);
  const worksheet = worksheets.find((w) => w.id === values.worksheetSubmissionId);
  const inputClass = (f: string) =>
    `mt-1 w-full rounded-md border px-3 py-2 text-sm ${errors[f] ? 'border-notyet' : 'border-line'}`;
  const describedBy = (f: string, hint = false) =>
    [hint ? id(`${f}-hint`) : '', errors[f] ? id(`${f}-error`) : ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: string) =>
    errors[f] ? (
      <p id={id(`${f}-error`)} className="mt-1 text-sm font-medium text-notyet">
        {errors[f]}
      </p>
    ) : null;
  const count = (v: string, max: number) => (
    <span className={`text-xs ${v.length > max ? 'font-semibold text-notyet' : 'text-muted'}`}>
      {formatNumber(v.length)} / {formatNumber(max)}
    </span>
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-6" aria-busy={status === 'saving'}>
      <div
        ref={summaryRef}
        tabIndex={-1}
        role={summary ? 'alert' : undefined}
        className={summary ? 'outline-none' : 'hidden'}
      >
        {summary ? (
          <div className="rounded-lg border border-notyet/40 bg-notyet/5 px-4 py-3 text-sm">
            <p className="font-semibold text-notyet">{summary}</p>
            {errorList.length > 1 ? (
              <ul className="mt-1 list-disc pl-5">
                {errorList.map((f) => (
                  <li key={f}>
                    <a href={`#${f === 'criteria' ? id('criteria') : id(f)}`} className="text-notyet underline">
                      {errors[f]}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>

      {conflict ? (
        <section
          aria-labelledby={id('conflict')}
          className="rounded-lg border border-pending/40 bg-pending/5 p-4 text-sm"
        >
          <h2 id={id('conflict')} className="font-semibold text-pending">
            The saved version is different from yours
          </h2>
          {conflict.supersededBy || conflict.id !== props.evidenceId ? (
            <p className="mt-1">
              A newer version exists.{' '}
              <Link href={`/evidence/${conflict.id}`} className="font-semibold text-brand-700 underline">
                Open the newest version
              </Link>{' '}
              and make your changes there (copy your text first: it is still in the form below).
            </p>
          ) : (
            <>
              <dl className="mt-2 grid gap-1 sm:grid-cols-[8rem_1fr]">
                <dt className="font-medium text-muted">Saved title</dt>
                <dd>{conflict.title}</dd>
                {conflict.body ? (
                  <>
                    <dt className="font-medium text-muted">Saved text</dt>
                    <dd className="max-h-40 overflow-auto whitespace-pre-wrap rounded bg-white p-2">{conflict.body}</dd>
                  </>
                ) : null}
                <dt className="font-medium text-muted">Saved criteria</dt>
                <dd>{conflict.criteria.map((c) => c.id).join(', ') || 'none'}</dd>
              </dl>
              <div className="mt-3 flex flex-wrap gap-2">
                <button
                  type="button"
                  onClick={(e) => {
                    const v = conflict.version;
                    setConflict(null);
                    void submit(e, v);
                  }}
                  className={buttonClass({ size: 'sm' })}
                >
                  Save mine over it
                </button>
                <button
                  type="button"
                  onClick={takeStored}
                  className={buttonClass({ variant: 'secondary', size: 'sm' })}
                >
                  Use the saved version
                </button>
              </div>
            </>
          )}
        </section>
      ) : null}

      {props.judgedMet ? (
        <p className="rounded-lg border border-met/30 bg-met/5 px-4 py-3 text-sm">
          <strong className="text-met">This evidence has been judged met.</strong> Saving keeps the judged version
          unchanged and creates a new version with your changes.
        </p>
      ) : null}

      {mode === 'create' && kinds.length > 1 ? (
        <fieldset>
          <legend className="text-base font-semibold text-brand-900">What kind of evidence is it?</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {kinds.map((k) => (
              <label
                key={k}
                className={`flex cursor-pointer gap-2.5 rounded-lg border p-3 text-sm has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-[#f2b705] ${kind === k ? 'border-brand-500 bg-brand-50 ring-1 ring-brand-500' : 'border-line bg-white hover:border-brand-200'}`}
              >
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                  className="mt-0.5 size-4 shrink-0 accent-brand-600"
                />
                <span>
                  <span className="block font-semibold text-ink">{KIND_INFO[k].label}</span>
                  <span className="block text-muted">{KIND_INFO[k].help}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="text-sm text-muted">
          <span className="font-semibold text-ink">{info.label}.</span> {info.help}
        </p>
      )}

      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <div>
          <label htmlFor={id('title')} className="block text-sm font-semibold text-ink">
            Title
          </label>
          <input
            id={id('title')}
            value={values.title}
            onChange={(e) => set('title', e.target.value)}
            maxLength={limits.title + 50}
            aria-invalid={Boolean(errors.title)}
            aria-describedby={describedBy('title')}
            className={inputClass('title')}
            required
          />
          {fieldError('title')}
        </div>
        <div>
          <label htmlFor={id('occurredOn')} className="block text-sm font-semibold text-ink">
            Date of the evidence
          </label>
          <input
            id={id('occurredOn')}
            type="date"
            value={values.occurredOn}
            onChange={(e) => set('occurredOn', e.target.value)}
            aria-invalid={Boolean(errors.occurredOn)}
            aria-describedby={describedBy('occurredOn')}
            className={inputClass('occurredOn')}
            required
          />
          {fieldError('occurredOn')}
        </div>
      </div>

      <div>
        <div className="flex items-end justify-between gap-2">
          <label htmlFor={id('description')} className="block text-sm font-semibold text-ink">
            Description <span className="font-normal text-muted">(optional)</span>
          </label>
          {count(values.description, limits.description)}
        </div>
        <p id={id('description-hint')} className="text-xs text-muted">
          Where and when it happened, and who was involved.
        </p>
        <textarea
          id={id('description')}
          rows={2}
          value={values.description}
          onChange={(e) => set('description', e.target.value)}
          aria-describedby={describedBy('description', true)}
          className={inputClass('description')}
        />
        {fieldError('description')}
      </div>

      {kind === 'witness' ? (
        <div className="grid gap-4 sm:grid-cols-3">
          {(
            [
              ['witnessName', "Witness's name"],
              ['witnessRole', 'Their role'],
              ['witnessContact', 'Their email'],
            ] as const
          ).map(([f, label]) => (
            <div key={f}>
              <label htmlFor={id(f)} className="block text-sm font-semibold text-ink">
                {label}
              </label>
              <input
                id={id(f)}
                value={values[f]}
                autoComplete="off"
                onChange={(e) => set(f, e.target.value)}
                aria-invalid={Boolean(errors[f])}
                aria-describedby={describedBy(f)}
                className={inputClass(f)}
              />
              {fieldError(f)}
            </div>
          ))}
        </div>
      ) : null}

      {info.bodyLabel ? (
        <div>
          <div className="flex items-end justify-between gap-2">
            <label htmlFor={id('body')} className="block text-sm font-semibold text-ink">
              {info.bodyLabel}
            </label>
            {count(values.body, limits.body)}
          </div>
          <textarea
            id={id('body')}
            rows={kind === 'account' ? 10 : 7}
            value={values.body}
            onChange={(e) => set('body', e.target.value)}
            aria-invalid={Boolean(errors.body)}
            aria-describedby={describedBy('body')}
            className={`${inputClass('body')} leading-relaxed`}
          />
          {fieldError('body')}
        </div>
      ) : null}

      {kind === 'link' ? (
        <div>
          <label htmlFor={id('url')} className="block text-sm font-semibold text-ink">
            Web address
          </label>
          <input
            id={id('url')}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={values.url}
            onChange={(e) => set('url', e.target.value)}
            aria-invalid={Boolean(errors.url)}
            aria-describedby={describedBy('url')}
            className={inputClass('url')}
          />
          {fieldError('url')}
        </div>
      ) : null}

      {kind === 'file' && mode === 'create' ? (
        <div>
          <label htmlFor={id('file')} className="block text-sm font-semibold text-ink">
            File
          </label>
          <p id={id('file-hint')} className="text-xs text-muted">
            {ALLOWED_TYPES_SENTENCE}; up to {limits.maxUploadMb} MB.
          </p>
          <input
            ref={fileRef}
            id={id('file')}
            type="file"
            accept={ACCEPT_ATTRIBUTE}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-invalid={Boolean(errors.file)}
            aria-describedby={describedBy('file', true)}
            className={`${inputClass('file')} bg-white file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-1.5 file:font-semibold file:text-brand-700`}
          />
          {file ? (
            <p className="mt-1 text-xs text-muted">
              {file.name} ·{' '}
              {file.size < 1024 * 1024
                ? `${Math.max(1, Math.round(file.size / 1024))} KB`
                : `${(file.size / 1024 / 1024).toFixed(1)} MB`}
            </p>
          ) : null}
          {fieldError('file')}
        </div>
      ) : null}

      {kind === 'worksheet' ? (
        <div>
          <label htmlFor={id('worksheetSubmissionId')} className="block text-sm font-semibold text-ink">
            Submitted worksheet
          </label>
          {worksheets.length === 0 ? (
            <p className="mt-1 rounded-md border border-dashed border-line bg-canvas px-3 py-2 text-sm text-muted">
              You have not submitted a worksheet yet.{' '}
              <Link href="/worksheets" className="font-semibold text-brand-700 underline">
                Go to your worksheets
              </Link>
              .
            </p>
          ) : (
            <select
              id={id('worksheetSubmissionId')}
              value={values.worksheetSubmissionId}
              onChange={(e) => set('worksheetSubmissionId', e.target.value)}
              aria-invalid={Boolean(errors.worksheetSubmissionId)}
              aria-describedby={describedBy('worksheetSubmissionId')}
              className={inputClass('worksheetSubmissionId')}
            >
              <option value="">Choose a hand-in…</option>
              {worksheets.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.label}
                </option>
              ))}
            </select>
          )}
          {fieldError('worksheetSubmissionId')}
        </div>
      ) : null}

      <div id={id('criteria')} className="-mx-4 border-y border-line bg-canvas/60 p-4 sm:mx-0 sm:rounded-xl sm:border">
        <CriteriaPicker
          modules={picker.modules}
          equivalents={picker.equivalents}
          value={values.criteria}
          onChange={(next) => set('criteria', next)}
          error={errors.criteria}
          noteMax={limits.note}
          noteLabel={props.learnerId ? 'How the record shows it' : 'Why does this evidence meet it?'}
          suggestion={
            kind === 'worksheet' && worksheet
              ? { text: 'This worksheet is designed to evidence', ids: worksheet.criteria }
              : undefined
          }
        />
      </div>

      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-4">
        <button type="submit" disabled={status === 'saving'} className={buttonClass({ size: 'lg' })}>
          {status === 'saving'
            ? kind === 'file' && mode === 'create'
              ? 'Uploading…'
              : 'Saving…'
            : mode === 'edit'
              ? 'Save changes'
              : props.learnerId
                ? 'Save record'
                : 'Save evidence'}
        </button>
        {props.cancelHref ? (
          <Link href={props.cancelHref} className="rounded-md px-3 py-2 font-medium text-brand-700 hover:underline">
            Cancel
          </Link>
        ) : null}
        <p aria-live="polite" className="text-sm text-muted">
          {status === 'saving' ? 'Saving…' : status === 'saved' ? 'Saved.' : ''}
        </p>
      </div>
    </form>
  );
}
