import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { LinkPurpose } from '@/db/schema';

export interface LinkDelivery {
  to: string;
  name: string;
  subject: string;
  url: string;
  purpose: LinkPurpose;
}

/**
 * How a link reaches its recipient: the one place to connect to email. It runs inside the transaction that made the
 * link, so an outbox row written here commits (or not) with the link. For now nothing is sent: the URL goes back to
 * the person who asked, shown once on their page to pass on themselves, and the page says it was not emailed.
 */
export async function deliverLink(_tx: DbOrTx, message: LinkDelivery): Promise<{ emailed: false; url: string }> {
  return { emailed: false, url: message.url };
}
