/**
 * Turns the HTML that mammoth makes from a .docx into the plain Markdown the portal's editor uses:
 * headings become `#` lines, list items `- ` / `1. ` lines, every paragraph and table cell a line of
 * its own. Inline formatting is dropped (the editor is plain text) and footnote markers are removed,
 * so the word counter sees what the document's reader sees. Only mammoth's small, regular HTML
 * vocabulary is expected; anything else is treated as text container.
 */

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'caption']);

interface ListFrame {
  ordered: boolean;
  next: number;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITY[ref.toLowerCase()] ?? whole;
  });
}

/** Text that would otherwise read as Markdown block syntax at the start of a line keeps its meaning. */
function escapeLineStart(text: string): string {
  return /^(#|>|[-*+] |\d{1,9}[.)] )/.test(text) ? `\\${text}` : text;
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return m ? decode(m[1]!) : undefined;
}

export interface HtmlToMarkdownResult {
  markdown: string;
  headings: number;
  images: number;
}

export function mammothHtmlToMarkdown(html: string): HtmlToMarkdownResult {
  const lines: string[] = [];
  const lists: ListFrame[] = [];
  let headings = 0;
  let images = 0;
  let block: { tag: string; prefix: string } | null = null;
  let text = '';
  let skipDepth = 0; // inside a footnote/endnote/comment marker link

  const flush = () => {
    const t = text.replace(/\s+/g, ' ').trim();
    text = '';
    if (!block || !t) return;
    const { tag, prefix } = block;
    if (/^h[1-6]$/.test(tag)) {
      headings++;
      lines.push('', `${'#'.repeat(Number(tag[1]))} ${t}`, '');
    } else if (tag === 'li') {
      lines.push(`${prefix}${escapeLineStart(t)}`);
    } else {
      lines.push('', escapeLineStart(t), '');
    }
  };

  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [, closing, rawTag, attrs = '', chunk] = m;
    if (chunk !== undefined) {
      if (skipDepth === 0) text += decode(chunk);
      continue;
    }
    const tag = rawTag!.toLowerCase();
    if (tag === 'a') {
      const href = attr(attrs, 'href') ?? '';
      if (!closing && /^#(footnote|endnote|comment)-/.test(href)) skipDepth++;
      else if (closing && skipDepth > 0) skipDepth--;
      continue;
    }
    if (tag === 'img') {
      images++;
      continue;
    }
    if (tag === 'br') {
      text += ' ';
      continue;
    }
    if (tag === 'ul' || tag === 'ol') {
      if (!closing) {
        // A nested list ends the text of the item it sits in.
        flush();
        lists.push({ ordered: tag === 'ol', next: 1 });
      } else {
        flush();
        lists.pop();
        // Any text after a nested list, still inside the outer item, becomes a paragraph.
        block = lists.length ? { tag: 'p', prefix: '' } : null;
      }
      continue;
    }
    if (BLOCK.has(tag)) {
      flush();
      if (closing) {
        if (tag === 'li') block = null;
        // A further paragraph of the same list item is indented under it.
        else if (block?.tag === 'li') block = { tag: 'li', prefix: ' '.repeat(block.prefix.length) };
        else block = null;
        continue;
      }
      if (tag === 'li') {
        const frame = lists[lists.length - 1] ?? { ordered: false, next: 1 };
        const indent = '  '.repeat(Math.max(0, lists.length - 1));
        block = { tag: 'li', prefix: `${indent}${frame.ordered ? `${frame.next++}. ` : '- '}` };
      } else if (block?.tag !== 'li') {
        block = { tag, prefix: '' };
      }
    }
  }
  flush();

  const markdown = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { markdown: markdown ? `${markdown}\n` : '', headings, images };
}
