import type { Role } from '@/db/schema';
import { ROLE_LABEL } from '@/lib/navigation';

const ROLE_STYLE: Record<Role, string> = {
  learner: 'bg-brand-50 text-brand-700',
  assessor: 'bg-violet-50 text-violet-800',
  coach: 'bg-sky-50 text-sky-800',
  admin: 'bg-stone-100 text-stone-800',
  eqa: 'bg-amber-50 text-amber-900',
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${ROLE_STYLE[role]}`}>
      {ROLE_LABEL[role]}
    </span>
  );
}

export function StatusBadge({ active }: { active: boolean }) {
  return active ? (
    <span className="inline-flex items-center gap-1 text-met">
      <span aria-hidden="true">{'\u25CF'}</span>Active
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 font-medium text-red-800">
      <span aria-hidden="true">{'\u2298'}</span>Disabled
    </span>
  );
}
