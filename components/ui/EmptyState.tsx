import Link from 'next/link';
import { buttonClass } from './button-class';

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: React.ReactNode;
  action?: { href: string; label: string };
}) {
  return (
    <div className="rounded-xl border border-dashed border-line bg-white px-6 py-10 text-center">
      <svg aria-hidden="true" width="40" height="40" viewBox="0 0 40 40" className="mx-auto mb-3 text-brand-200">
        <rect x="6" y="8" width="28" height="24" rx="4" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M12 16h16M12 22h10" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <h2 className="text-lg font-semibold text-brand-900">{title}</h2>
      {children ? <div className="mx-auto mt-1 max-w-md text-muted">{children}</div> : null}
      {action ? (
        <Link href={action.href} className={buttonClass({ className: 'mt-4' })}>
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
