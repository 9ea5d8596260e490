import 'server-only';
import { getDb, type DbOrTx } from '@/db/client';
import type { LinkPurpose } from '@/db/schema';
import { findLink, linkState, unusableMessage, type LinkState } from './links';
import { reviewForLink } from './review';
import { statementForLink } from './witness';

type Statement = NonNullable<Awaited<ReturnType<typeof statementForLink>>>;
type Review = NonNullable<Awaited<ReturnType<typeof reviewForLink>>>;

export type LinkPageView =
  | { kind: 'unusable'; purpose: LinkPurpose; state: Exclude<LinkState, 'open'>; message: string }
  | { kind: 'witness'; statement: Statement }
  | { kind: 'review'; review: Review };

/**
 * What /confirm/<token> shows, read only (opening a link changes nothing: a mail scanner that follows it uses it up
 * for nobody). Null when the token is not a link's: the page answers 404. A link whose document changed since it was
 * made reads as superseded even before anything marked it so.
 */
export async function linkPage(token: string, db: DbOrTx = getDb()): Promise<LinkPageView | null> {
  const link = await findLink(token, db);
  if (!link) return null;
  let state = linkState(link);
  if (state === 'open') {
    if (link.purpose === 'witness_statement') {
      const statement = await statementForLink(db, link);
      if (statement?.current) return { kind: 'witness', statement };
    } else {
      const review = await reviewForLink(db, link);
      if (review?.current) return { kind: 'review', review };
    }
    state = 'superseded';
  }
  return { kind: 'unusable', purpose: link.purpose, state, message: unusableMessage(state, link) };
}
