'use client';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { toCsv } from '@/lib/csv';
import type { FormResult } from './ActionForm';
import { Alert } from '@/components/ui/Alert';
import { buttonClass } from '@/components/ui/Button';
import { inputClass, labelClass } from '@/components/ui/Field';

interface PreviewRow {
  row: number;
  name: string;
  email: string;
  cohort: string;
  cohortIsNew: boolean;
  modules: string[];
  errors: string[];
}
interface Preview {
  rows: PreviewRow[];
  fileErrors: string[];
  newCohorts: string[];
  errors: string[];
  ok: boolean;
}
interface Result {
  created: { name: string; email: string; cohort: string; password: string }[];
  cohortsCreated: string[];
}

const EXAMPLE = 'name,email,cohort,modules\nAda Lovelace,ada@example.org,Spring intake,EE2;306/696\n';

export function ImportForm({
  preview,
  commit,
  moduleNames,
}: {
  preview: (form: FormData) => Promise<FormResult<Preview>>;
  commit: (form: FormData) => Promise<FormResult<Result>>;
  moduleNames: Record<string, string>;
}) {
  const router = useRouter();
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<{ csv: string; preview: Preview }>();
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<'check' | 'import'>();
  // The preview belongs to exactly the text that was checked; any edit means checking again.
  const current = checked && checked.csv === csv ? checked.preview : undefined;

  async function run<T>(
    kind: 'check' | 'import',
    action: (f: FormData) => Promise<FormResult<T>>,
  ): Promise<T | undefined> {
    const form = new FormData();
    form.set('csv', csv);
    setPending(kind);
    setError(undefined);
    try {
      const r = await action(form);
      if (r.ok) return r.data;
      setError(r.error);
    } catch {
      setError('We could not reach Criterion. Check your connection and try again.');
    } finally {
      setPending(undefined);
    }
    return undefined;
  }

  async function onCheck(e: React.FormEvent) {
    e.preventDefault();
    setResult(undefined);
    const p = await run('check', preview);
    if (p) setChecked({ csv, preview: p });
  }

  async function onImport() {
    const r = await run('import', commit);
    if (r) {
      setResult(r);
      setChecked(undefined);
      setCsv('');
      router.refresh();
    }
  }

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > 2_000_000) {
      setError('The file is larger than 2 MB. Split it into smaller files.');
      return;
    }
    setCsv(await file.text());
  }

  const download = useMemo(() => {
    if (!result) return undefined;
    const body = toCsv(
      ['name', 'email', 'cohort', 'password'],
      result.created.map((c) => [c.name, c.email, c.cohort, c.password]),
    );
    return `data:text/csv;charset=utf-8,${encodeURIComponent(body)}`;
  }, [result]);

  return (
    <div className="space-y-6">
      <form onSubmit={onCheck} className="space-y-4" noValidate>
        <div>
          <label htmlFor="csv-file" className={labelClass}>
            CSV file
          </label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => void onFile(e)}
            className="block text-sm file:mr-3 file:rounded-md file:border file:border-line file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
        </div>
        <div>
          <label htmlFor="csv" className={labelClass}>
            Or paste the rows
          </label>
          <textarea
            id="csv"
            name="csv"
            rows={8}
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            spellCheck={false}
            placeholder={EXAMPLE}
            aria-describedby="csv-hint"
            className={`${inputClass} font-mono text-sm`}
          />
          <p id="csv-hint" className="mt-1 text-sm text-muted">
            One learner per row: <code>name,email,cohort,modules</code>. A header row is optional. Separate several
            modules with <code>;</code> and use a module&rsquo;s code (e.g. <code>EE2</code>) or short name. A cohort
            that does not exist yet is created.
          </p>
        </div>
        <button
          type="submit"
          disabled={!csv.trim() || pending !== undefined}
          className={buttonClass({ variant: 'secondary', size: 'sm' })}
        >
          {pending === 'check' ? 'Checking\u2026' : 'Check the file'}
        </button>
      </form>

      <div aria-live="polite" className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {current ? <PreviewTable preview={current} moduleNames={moduleNames} /> : null}
        {current?.ok ? (
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={() => void onImport()}
              disabled={pending !== undefined}
              className={buttonClass()}
            >
              {pending === 'import'
                ? 'Importing\u2026 (passwords take a moment)'
                : `Import ${current.rows.length} learner${current.rows.length === 1 ? '' : 's'}`}
            </button>
            <p className="text-sm text-muted">Nothing has been written yet. All rows are imported together, or none.</p>
          </div>
        ) : null}
        {result ? (
          <div className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
            <p className="font-semibold text-met">
              <span aria-hidden="true">{'\u2713 '}</span>
              {result.created.length} learner{result.created.length === 1 ? '' : 's'} imported
              {result.cohortsCreated.length
                ? `; new cohort${result.cohortsCreated.length === 1 ? '' : 's'}: ${result.cohortsCreated.join(', ')}`
                : ''}
              .
            </p>
            <p className="text-sm text-amber-900">
              Their passwords are shown only now. Download them and pass each one on safely.
            </p>
            <a href={download} download="criterion-new-passwords.csv" className={buttonClass()}>
              Download passwords (CSV)
            </a>
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">Imported learners and their passwords</caption>
                <thead>
                  <tr className="border-b border-amber-300">
                    <th scope="col" className="py-1 pr-4">
                      Name
                    </th>
                    <th scope="col" className="py-1 pr-4">
                      Email
                    </th>
                    <th scope="col" className="py-1">
                      Password
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.created.map((c) => (
                    <tr key={c.email} className="border-b border-amber-200 last:border-0">
                      <td className="py-1 pr-4">{c.name}</td>
                      <td className="py-1 pr-4">{c.email}</td>
                      <td className="py-1 font-mono">{c.password}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function PreviewTable({ preview, moduleNames }: { preview: Preview; moduleNames: Record<string, string> }) {
  const bad = preview.rows.filter((r) => r.errors.length).length;
  return (
    <section aria-labelledby="preview-heading" className="space-y-3">
      <h2 id="preview-heading" className="text-lg font-semibold text-brand-900">
        {preview.ok
          ? `Ready to import ${preview.rows.length} learner${preview.rows.length === 1 ? '' : 's'}`
          : 'Fix these problems, then check again'}
      </h2>
      {preview.errors.length ? (
        <ul
          className="list-disc space-y-1 rounded-md border border-red-300 bg-red-50 py-2 pl-8 pr-3 text-sm text-red-800"
          aria-label="Problems"
        >
          {preview.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {preview.newCohorts.length ? (
        <p className="text-sm">
          New cohort{preview.newCohorts.length === 1 ? '' : 's'} to create:{' '}
          <strong>{preview.newCohorts.join(', ')}</strong>
        </p>
      ) : null}
      {preview.rows.length ? (
        <div className="overflow-x-auto rounded-lg border border-line bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">
              Preview: {preview.rows.length} rows, {bad} with problems
            </caption>
            <thead className="bg-canvas">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Row
                </th>
                <th scope="col" className="px-3 py-2">
                  Name
                </th>
                <th scope="col" className="px-3 py-2">
                  Email
                </th>
                <th scope="col" className="px-3 py-2">
                  Cohort
                </th>
                <th scope="col" className="px-3 py-2">
                  Modules
                </th>
                <th scope="col" className="min-w-56 px-3 py-2">
                  Check
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.row} className={`border-t border-line ${r.errors.length ? 'bg-red-50' : ''}`}>
                  <th scope="row" className="px-3 py-2 font-normal text-muted">
                    {r.row}
                  </th>
                  <td className="px-3 py-2">{r.name}</td>
                  <td className="px-3 py-2">{r.email}</td>
                  <td className="px-3 py-2">
                    {r.cohort}
                    {r.cohortIsNew ? (
                      <span className="ml-1 rounded bg-brand-50 px-1.5 text-xs text-brand-700">new</span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">{r.modules.map((m) => moduleNames[m] ?? m).join(', ')}</td>
                  <td className="px-3 py-2">
                    {r.errors.length ? (
                      <span className="font-medium text-red-800">
                        <span aria-hidden="true">{'\u2717 '}</span>
                        {r.errors.map((e) => e.charAt(0).toUpperCase() + e.slice(1)).join(' ')}
                      </span>
                    ) : (
                      <span className="font-medium text-met">
                        <span aria-hidden="true">{'\u2713 '}</span>OK
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
