import Link from 'next/link';
import type { NextStep } from '@/lib/dashboards/learner-home';
import { buttonClass } from '@/components/ui/Button';

const TONE: Record<NextStep['tone'], { border: string; icon: string; symbol: string }> = {
  notyet: { border: 'border-notyet/40 bg-notyet/5', icon: 'bg-notyet', symbol: '!' },
  pending: { border: 'border-pending/30 bg-pending/5', icon: 'bg-pending', symbol: '\u25F7' },
  brand: { border: 'border-brand-200 bg-brand-50', icon: 'bg-brand-600', symbol: '\u2192' },
  met: { border: 'border-met/30 bg-met/5', icon: 'bg-met', symbol: '\u2713' },
};

/** "What should I do next?": the first step large, the others smaller. */
export function NextStepCard({ step, primary = false }: { step: NextStep; primary?: boolean }) {
  const tone = TONE[step.tone];
  return (
    <div
      className={`flex h-full flex-col gap-3 rounded-xl border p-4 shadow-sm sm:flex-row sm:items-center ${tone.border} ${primary ? 'sm:p-5' : ''}`}
    >
      <span
        aria-hidden="true"
        className={`flex shrink-0 items-center justify-center rounded-full font-bold text-white ${tone.icon} ${primary ? 'h-10 w-10 text-lg' : 'h-7 w-7 text-sm'}`}
      >
        {tone.symbol}
      </span>
      <div className="min-w-0 flex-1">
        {primary ? <p className="text-xs font-semibold uppercase tracking-wide text-muted">Next step</p> : null}
        <p className={`font-semibold text-brand-900 ${primary ? 'text-lg' : ''}`}>{step.title}</p>
        {step.detail ? <p className="mt-0.5 text-sm text-muted">{step.detail}</p> : null}
      </div>
      <Link
        href={step.href}
        className={
          primary
            ? buttonClass({ className: 'shrink-0 self-start sm:self-center' })
            : 'inline-block shrink-0 self-start text-sm font-semibold text-brand-700 underline-offset-2 hover:underline sm:self-center'
        }
      >
        {step.action}
        {primary ? null : <span aria-hidden="true"> &rarr;</span>}
      </Link>
    </div>
  );
}
