import { Badge } from '@/components/ui/Badge';
import { formatDate } from '@/lib/format';

/** Whether a badge stands or was revoked, in words (with the date), for the learner's, the admin's and the public page. */
export function BadgeStatus({ revoked }: { revoked: { at: Date } | null }) {
  return revoked ? (
    <Badge tone="notyet" icon={<span aria-hidden="true">{'\u2298'}</span>}>
      Revoked on {formatDate(revoked.at)}
    </Badge>
  ) : (
    <Badge tone="met" icon={<span aria-hidden="true">{'\u2713'}</span>}>
      Valid
    </Badge>
  );
}
