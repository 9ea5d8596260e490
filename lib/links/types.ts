/** What pages show about single-use links. Plain data: safe for client components. */

type LinkStateName = 'open' | 'used' | 'expired' | 'superseded';

/** A witness's answer, as the record shows it: "Confirmed by <name> (<role>) on <date>", or "Disputed by ...". */
export interface WitnessConfirmation {
  response: 'confirmed' | 'disputed';
  /** The name the witness typed, and the role the learner gave them. */
  name: string;
  role: string;
  at: string;
  comment: string;
  /** False when the statement has been changed since the witness answered: the answer was about an earlier text. */
  ofThisVersion: boolean;
}

/** The newest link made for a document: to whom, until when, and what became of it. */
export interface LinkRequest {
  to: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  state: LinkStateName;
}

/** What a person who asked for a link sees once: that it was emailed, or the address to pass on. */
export interface IssuedLinkView {
  /** Null when it was emailed: the person who asked never sees a link meant for someone else. */
  url: string | null;
  to: string;
  name: string;
  expiresAt: string;
  emailed: boolean;
}
