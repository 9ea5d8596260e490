/**
 * Sizes the report paths accept. A 5,000-word report is about 35,000 characters; the limits leave room
 * for a long first draft being cut down, and refuse pastes of whole books before any work is done.
 */

/** The longest draft the portal keeps (about 20,000 words). */
export const MAX_REPORT_CHARS = 150_000;
/** Autosave request body: the text (UTF-8, up to 4 bytes a character in the worst case) plus tags. */
export const MAX_DRAFT_BODY_BYTES = MAX_REPORT_CHARS * 4 + 64 * 1024;
/** An uploaded .docx. */
export const MAX_DOCX_BYTES = 10 * 1024 * 1024;
/** Feedback, discussion notes and declarations written by people. */
export const MAX_NOTE_CHARS = 20_000;
