import { Badge } from '@/components/ui/Badge';
import { confirmationWords } from '@/lib/links/words';
import type { WitnessConfirmation } from '@/lib/links/types';

/** "Confirmed by <name> (<role>) on <date>", or disputed, with the witness's comment: wherever the evidence shows. */
export function WitnessConfirmationNote({ confirmation }: { confirmation: WitnessConfirmation }) {
  const confirmed = confirmation.response === 'confirmed' && confirmation.ofThisVersion;
  return (
    <div className="mt-2 text-sm" data-testid="witness-confirmation">
      <Badge
        tone={confirmed ? 'met' : confirmation.response === 'disputed' ? 'notyet' : 'pending'}
        size="md"
        wrap
        icon={<span aria-hidden="true">{confirmation.response === 'confirmed' ? '\u2713' : '!'}</span>}
      >
        {confirmationWords(confirmation)}
      </Badge>
      {confirmation.comment ? (
        <p className="mt-1 whitespace-pre-wrap text-muted">
          <span className="font-medium">The witness added: </span>
          {confirmation.comment}
        </p>
      ) : null}
    </div>
  );
}
