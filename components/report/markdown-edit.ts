/** Toolbar edits on the plain Markdown textarea (pure functions of text and selection) and "go to section". */

export type LineStyle = 'heading' | 'subheading' | 'bullet';

const PREFIX: Record<LineStyle, string> = { heading: '## ', subheading: '### ', bullet: '- ' };
const ANY_PREFIX = /^(#{1,6}[ \t]+|[-*+][ \t]+)/;

export interface Edit {
  text: string;
  selectionStart: number;
  selectionEnd: number;
}

/**
 * Makes the lines under the selection headings, subheadings or list items, or turns that style off
 * when every selected line already has it. Blank lines are left alone.
 */
export function toggleLineStyle(text: string, start: number, end: number, style: LineStyle): Edit {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end > start && text[end - 1] === '\n' ? end - 1 : end);
  if (lineEnd < 0) lineEnd = text.length;
  const lines = text.slice(from, lineEnd).split('\n');
  const prefix = PREFIX[style];
  const filled = lines.filter((l) => l.trim());
  const turnOff = filled.length > 0 && filled.every((l) => l.startsWith(prefix));
  const next = lines.map((l) => {
    if (!l.trim()) return l;
    const bare = l.replace(ANY_PREFIX, '');
    return turnOff ? bare : prefix + bare;
  });
  const replaced = next.join('\n');
  const delta = replaced.length - (lineEnd - from);
  const firstDelta = (next[0] ?? '').length - (lines[0] ?? '').length;
  return {
    text: text.slice(0, from) + replaced + text.slice(lineEnd),
    selectionStart: Math.max(from, start + firstDelta),
    selectionEnd: Math.max(from, end + delta),
  };
}

/** Index of the n-th Markdown heading line (0-based) in the text, for "go to section". */
function headingOffset(text: string, heading: string): number {
  const lines = text.split('\n');
  let offset = 0;
  for (const line of lines) {
    const m = /^\s{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/.exec(line);
    if (m && m[1]!.trim() === heading.trim()) return offset;
    offset += line.length + 1;
  }
  return -1;
}

/** Puts the caret on a heading of the plain box and scrolls the box so that the heading is near its top. */
export function goToHeading(ta: HTMLTextAreaElement, heading: string) {
  const at = headingOffset(ta.value, heading);
  if (at < 0) return;
  ta.focus();
  ta.setSelectionRange(at, at);
  // Line index times the rendered line height.
  const line = ta.value.slice(0, at).split('\n').length - 1;
  const lineHeight = parseFloat(getComputedStyle(ta).lineHeight) || 28;
  ta.scrollTop = Math.max(0, line * lineHeight - lineHeight);
  ta.scrollIntoView({ block: 'nearest' });
}
