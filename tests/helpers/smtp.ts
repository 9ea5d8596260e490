import { SMTPServer } from 'smtp-server';

interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  raw: string;
}

/**
 * A real SMTP server in the test process (the `smtp-server` package) that keeps what it accepts. A mail counts as
 * received only once the server has answered 250 to it, as a real server delivers. `hold` picks mails the server
 * receives but never answers (the sender must be stopped meanwhile: a crash mid-delivery); `reject` answers 451.
 */
export async function startSmtp(
  opts: { hold?: (messageId: string) => boolean; reject?: (messageId: string) => boolean } = {},
) {
  const received: ReceivedMail[] = [];
  const held: string[] = [];
  let heldListener: ((messageId: string) => void) | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) =>
          raw
            .match(new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im'))?.[1]
            ?.replace(/\r?\n[ \t]/g, ' ')
            .trim() ?? '';
        const messageId = header('Message-ID');
        if (opts.hold?.(messageId)) {
          held.push(messageId);
          heldListener?.(messageId);
          return; // never answered
        }
        if (opts.reject?.(messageId)) {
          const e = new Error('Mailbox busy, try later') as Error & { responseCode: number };
          e.responseCode = 451;
          return callback(e);
        }
        received.push({
          messageId,
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: header('Subject'),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    held,
    /** Resolves when the server holds a mail (see `hold`). */
    nextHeld: () => new Promise<string>((resolve) => (heldListener = resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
