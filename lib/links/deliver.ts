import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { LinkPurpose } from '@/db/schema';
import { mailSettings } from '@/lib/env';
import { queueEmail } from '@/lib/notifications/notify';

export interface LinkDelivery {
  to: string;
  name: string;
  subject: string;
  url: string;
  purpose: LinkPurpose;
  /** The link's id: the outbox queues one mail per link, however often this runs. */
  linkId: string;
}

const WHAT: Record<LinkPurpose, string> = {
  witness_statement: 'confirm (or correct) a witness statement that names you',
  review_signature: 'read and sign a progress review',
};

/**
 * How a link reaches its recipient: a mail in the outbox, written in the transaction that made the link, so the two
 * commit (or not) together; the notifications worker sends it (lib/notifications).
 *
 * With SMTP_URL set the link goes only by email: the person who asked never sees it, so a learner cannot answer
 * their own witness's link. Without it (the embedded demo) the mail waits in the outbox for an administrator, and
 * the link is also shown once to the person who asked, to pass on themselves.
 */
export async function deliverLink(
  tx: DbOrTx,
  message: LinkDelivery,
): Promise<{ emailed: true; url: null } | { emailed: false; url: string }> {
  await queueEmail(tx, {
    to: message.to,
    subject: message.subject,
    text: [
      `Hello ${message.name},`,
      '',
      `You are asked to ${WHAT[message.purpose]} in Criterion. Open this link; no account is needed:`,
      '',
      message.url,
      '',
      'The link works once and expires after a few days. If you were not expecting it, you can ignore this email.',
    ].join('\n'),
    kind: message.purpose === 'witness_statement' ? 'witness_link' : 'review_signature_link',
    deliveryKey: `link:${message.linkId}`,
  });
  return mailSettings().SMTP_URL ? { emailed: true, url: null } : { emailed: false, url: message.url };
}
