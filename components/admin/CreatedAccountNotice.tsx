import Link from 'next/link';
import { OneTimePassword } from './OneTimePassword';

/** What an administrator sees after creating an account: that it worked, its one-time password, and the next step. */
export function CreatedAccountNotice({
  message,
  email,
  password,
  next,
}: {
  message: string;
  email: string;
  password?: string;
  next: { href: string; label: string };
}) {
  return (
    <div className="space-y-3">
      <p className="font-medium text-met">
        <span aria-hidden="true">{'\u2713 '}</span>
        {message}
      </p>
      {password ? <OneTimePassword email={email} password={password} /> : null}
      <Link href={next.href} className="inline-block text-sm font-medium text-brand-600 underline">
        {next.label}
      </Link>
    </div>
  );
}
