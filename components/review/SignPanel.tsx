'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';
import { Alert } from '@/components/ui/Alert';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Declaration } from '@/components/ui/Declaration';
import { formatDateTime } from '@/lib/format';
import type { SignatureView } from '@/lib/reviews/types';

type Signer = 'coach' | 'learner' | 'employer';
export type SignAction = (input: {
  reviewId: string;
  version: number;
  declared: boolean;
}) => Promise<FormResult<{ contentSha256: string; locked: boolean }>>;

const WHO: Record<Signer, string> = { coach: 'Coach', learner: 'Learner', employer: 'Employer' };

/**
 * Who has signed and who still must; the signer's own declaration and button. A signature binds the content as the
 * signer read it (its version): if it changed meanwhile, the server refuses and says so. `beforeSign` lets the
 * coach's form save what is typed first and name the version it saved.
 */
export function SignPanel({
  reviewId,
  version,
  status,
  contentSha256,
  requiredSigners,
  signatures,
  mySigner,
  learnerName,
  sign,
  beforeSign,
}: {
  reviewId: string;
  version: number;
  status: 'draft' | 'locked';
  contentSha256: string;
  requiredSigners: Signer[];
  signatures: SignatureView[];
  mySigner: 'coach' | 'learner' | null;
  learnerName: string;
  sign: SignAction;
  beforeSign?: () => Promise<number | null>;
}) {
  const router = useRouter();
  const [declared, setDeclared] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onSign() {
    setError(null);
    if (!declared) {
      setError('Tick the box to confirm you have read the review and agree with it.');
      return;
    }
    setPending(true);
    try {
      const v = beforeSign ? await beforeSign() : version;
      if (v === null) {
        setError('The review could not be saved, so it was not signed. See the message by the form.');
        return;
      }
      const result = await sign({ reviewId, version: v, declared: true });
      if (result.ok) {
        setDone(result.data.locked ? 'Signed. Everyone has signed: the review is now locked.' : 'Signed.');
        router.refresh();
      } else setError(result.error);
    } catch {
      setError('We could not reach Criterion. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  const declaration =
    mySigner === 'coach'
      ? `I held this review with ${learnerName}, and it says what we agreed.`
      : 'I have read this review, and it says what my coach and I agreed.';

  return (
    <section
      aria-labelledby="sign-heading"
      className="rounded-xl border border-line bg-white p-5 shadow-sm"
      data-testid="sign-panel"
    >
      <h2 id="sign-heading" className="text-base font-semibold text-brand-900">
        Signatures
      </h2>
      <ul className="mt-2 space-y-2 text-sm">
        {requiredSigners.map((s) => {
          const current = signatures.filter((g) => g.signer === s && g.current);
          const earlier = signatures.filter((g) => g.signer === s && !g.current);
          return (
            <li key={s} className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium">{WHO[s]}</span>
              {current[0] ? (
                <Badge tone="met" size="sm" icon={<span aria-hidden="true">{'\u2713'}</span>}>
                  Signed by {current[0].name}, {formatDateTime(current[0].at)}
                </Badge>
              ) : (
                <Badge tone="pending" size="sm" icon={<span aria-hidden="true">{'\u2026'}</span>}>
                  {earlier.length ? 'Signed an earlier wording: to sign again' : 'To sign'}
                </Badge>
              )}
            </li>
          );
        })}
      </ul>
      {status === 'locked' ? (
        <p className="mt-3 break-all text-xs text-muted">
          Locked. SHA-256 of the signed content: <code data-testid="review-hash">{contentSha256}</code>
        </p>
      ) : null}
      {mySigner && status === 'draft' ? (
        <div className="mt-4 border-t border-line pt-4">
          <Declaration text={declaration} checked={declared} onChange={setDeclared} />
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Button onClick={() => void onSign()} disabled={pending}>
              {pending ? 'Signing\u2026' : mySigner === 'coach' ? 'Sign as coach' : 'Sign the review'}
            </Button>
          </div>
        </div>
      ) : null}
      <Alert tone="error" className="mt-3">
        {error}
      </Alert>
      <Alert tone="success" className="mt-3">
        {done}
      </Alert>
    </section>
  );
}
