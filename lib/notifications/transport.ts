import nodemailer from 'nodemailer';
import type { MailTransport } from './deliver';

/** nodemailer over SMTP_URL, with timeouts short enough that a stuck server cannot hold a claimed mail for long. */
export function smtpTransport(smtpUrl: string): MailTransport & { close(): void } {
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
}
