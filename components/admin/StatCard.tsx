import Link from 'next/link';
import { formatNumber } from '@/lib/format';

export function StatCard({ label, value, href, hint }: { label: string; value: number; href?: string; hint?: string }) {
  const body = (
    <>
      <span className="block text-3xl font-semibold tabular-nums text-brand-900">{formatNumber(value)}</span>
      <span className="mt-1 block text-sm font-medium text-ink">{label}</span>
      {hint ? <span className="block text-xs text-muted">{hint}</span> : null}
    </>
  );
  const cls = 'block rounded-xl border border-line bg-white p-4 shadow-sm';
  return href ? (
    <Link href={href} className={`${cls} hover:border-brand-200 hover:bg-brand-50`}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}
