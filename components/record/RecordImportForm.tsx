'use client';
import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';

type Result = { ok: true; alreadyImported: boolean; summary: string[] };

/**
 * Upload of a signed learner record (a .zip). The file goes as the request body to the import route, which checks it
 * completely before writing anything; the answer is shown as it came: what was imported, or the first problem.
 */
export function RecordImportForm() {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState('');

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError('');
    setResult(null);
    const file = input.current?.files?.[0];
    if (!file) {
      setError('Choose the record’s .zip file first.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const res = await fetch('/api/admin/records/import', {
        method: 'POST',
        body: file,
        headers: { 'content-type': 'application/zip' },
      });
      const body = (await res.json().catch(() => null)) as (Result & { ok: true }) | { error?: string } | null;
      if (body && 'ok' in body) setResult(body);
      else setError(body?.error ?? 'The record could not be imported. Try again in a moment.');
    } catch {
      setError('The upload did not reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-describedby="record-import-help">
      <p id="record-import-help" className="text-sm text-muted">
        A record is checked completely first (signature, every file’s hash, every sign-off) and against the keys this
        Criterion trusts. Nothing is written unless all of it is genuine and every criterion is one this Criterion has.
      </p>
      <div>
        <label htmlFor="record-file" className="mb-1 block text-sm font-semibold">
          Signed learner record (.zip)
        </label>
        <input
          ref={input}
          id="record-file"
          name="record"
          type="file"
          accept=".zip,application/zip"
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-line file:bg-white file:px-3 file:py-2"
        />
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? 'Checking and importing…' : 'Check and import'}
      </Button>
      <Alert tone="error">{error}</Alert>
      <Alert tone="success">
        {result ? (
          <ul className="space-y-1">
            {result.summary.map((line, i) => (
              <li key={i} className="whitespace-pre-wrap">
                {line.trim()}
              </li>
            ))}
          </ul>
        ) : null}
      </Alert>
    </form>
  );
}
