import TurndownService from 'turndown';

/**
 * Turns the HTML that mammoth makes from a .docx into the plain Markdown the portal's editor uses:
 * headings become `#` lines, list items `- ` / `1. ` lines, every paragraph and table cell a line of
 * its own. Inline formatting is dropped (the editor is plain text) and footnote markers are removed,
 * so the word counter sees what the document's reader sees (tests/integration/report-docx.test.ts).
 *
 * turndown parses the HTML and walks it; the rules below replace its Markdown flavour with the editor's:
 * no emphasis, links as their text, no escaping except a line start that would read as Markdown.
 */

export interface HtmlToMarkdownResult {
  markdown: string;
  headings: number;
  images: number;
}

/** Text that would otherwise read as Markdown block syntax at the start of a line keeps its meaning. */
function escapeLineStart(text: string): string {
  return /^(#|>|[-*+] |\d{1,9}[.)] )/.test(text) ? `\\${text}` : text;
}

const NESTED_ITEM = /^ +(- |\d{1,9}\. )/;
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const parentName = (node: TurndownService.Node) => node.parentNode?.nodeName ?? '';

function listDepth(item: TurndownService.Node): number {
  let depth = 0;
  for (let p = item.parentNode?.parentNode; p; p = p.parentNode) if (p.nodeName === 'LI') depth++;
  return depth;
}

export function mammothHtmlToMarkdown(html: string): HtmlToMarkdownResult {
  let headings = 0;
  let images = 0;
  const td = new TurndownService();
  td.escape = (text) => text;
  // turndown tries the rules added last first.
  td.addRule('inline', {
    filter: ['em', 'i', 'strong', 'b', 'u', 's', 'del', 'code', 'sup', 'sub', 'span', 'a'],
    replacement: (content) => content,
  });
  td.addRule('note', {
    filter: (node) => node.nodeName === 'A' && /^#(footnote|endnote|comment)-/.test(node.getAttribute('href') ?? ''),
    replacement: () => '',
  });
  td.addRule('image', {
    filter: 'img',
    replacement: () => {
      images++;
      return '';
    },
  });
  td.addRule('br', { filter: 'br', replacement: () => ' ' });
  td.addRule('heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => {
      const text = oneLine(content);
      if (!text) return '';
      headings++;
      return `\n\n${'#'.repeat(Number(node.nodeName[1]))} ${text}\n\n`;
    },
  });
  td.addRule('block', {
    filter: ['p', 'td', 'th', 'caption'],
    replacement: (content) => {
      const text = oneLine(content);
      return text ? `\n\n${escapeLineStart(text)}\n\n` : '';
    },
  });
  // Lists follow each other with no blank line between; a nested list starts on the line after its item's text.
  td.addRule('list', {
    filter: ['ul', 'ol'],
    replacement: (content, node) => (parentName(node) === 'LI' ? `\n${content}` : `\n${content.replace(/\n+$/, '')}\n`),
  });
  td.addRule('item', {
    filter: 'li',
    replacement: (content, node) => {
      const list = node.parentNode as HTMLElement | null;
      const marker =
        parentName(node) === 'OL' && list ? `${Array.prototype.indexOf.call(list.children, node) + 1}. ` : '- ';
      const indent = '  '.repeat(listDepth(node));
      const [first = '', ...rest] = content.split('\n').filter((line) => line.trim());
      // Lines of a nested list keep their own indent; a further paragraph of this item is indented under its text.
      const more = rest.map((line) =>
        NESTED_ITEM.test(line) ? line.trimEnd() : `${indent}${' '.repeat(marker.length)}${oneLine(line)}`,
      );
      return [`${indent}${marker}${escapeLineStart(oneLine(first))}`, ...more].map((line) => `${line}\n`).join('');
    },
  });
  const markdown = td
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { markdown: markdown ? `${markdown}\n` : '', headings, images };
}
