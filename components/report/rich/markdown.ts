/**
 * The rich editor's document model and its two-way conversion with the stored Markdown. The report is stored,
 * counted (lib/wordcount), diffed and exported as Markdown; the editor only ever reads and writes that Markdown, so
 * everything downstream is unchanged. No DOM here: tests/unit/report-editor-markdown.test.ts runs it in Node over the
 * word-count corpus.
 *
 * Normalisation on the way through (all of it word-count neutral, checked by that test): bullets are written `-`,
 * emphasis `*`/`**`, indented code as fenced code, characters that would otherwise be read as markup are escaped
 * with a backslash (`\*`, `\_`, `\#` at a line start), and blank lines between blocks are made one. Line breaks
 * inside a paragraph are kept as they are (the counter counts line by line, as Writer does).
 */
import MarkdownIt from 'markdown-it';
import { Schema, type Node as PMNode } from 'prosemirror-model';
import {
  MarkdownParser,
  MarkdownSerializer,
  MarkdownSerializerState,
  defaultMarkdownParser,
  defaultMarkdownSerializer,
  schema as commonmarkSchema,
} from 'prosemirror-markdown';
import { tableNodes } from 'prosemirror-tables';

const base = commonmarkSchema.spec;

export const schema = new Schema({
  nodes: base.nodes
    // Lists written or pasted in the editor are tight (no blank line between items), as learners type them by hand;
    // a loose list read from Markdown stays loose.
    .update('bullet_list', {
      ...base.nodes.get('bullet_list')!,
      attrs: { tight: { default: true } },
      parseDOM: [{ tag: 'ul' }],
    })
    .update('ordered_list', {
      ...base.nodes.get('ordered_list')!,
      attrs: { order: { default: 1 }, tight: { default: true } },
      parseDOM: [{ tag: 'ol', getAttrs: (dom) => ({ order: Number(dom.getAttribute('start') ?? 1) || 1 }) }],
    })
    // A Markdown table cell holds one line of inline text, so the editor's cells do too.
    .append(tableNodes({ tableGroup: 'block', cellContent: 'inline*', cellAttributes: {} })),
  marks: base.marks,
});

function tokenizer(): MarkdownIt {
  const md = MarkdownIt('commonmark', { html: false }).enable('table');
  // `&amp;` stays as typed: decoding it would change the text (and `&nbsp;` the count) on the way through.
  // An indented line is a paragraph, not code: learners indent prose (and pasted text comes indented), and the
  // counter reads it as prose.
  md.disable(['entity', 'code']);
  // A line break inside a paragraph stays a line break (the default parser makes it a space, which can join two
  // lines the counter counts apart).
  md.core.ruler.push('keep_line_breaks', (state) => {
    const lines = state.src.split('\n');
    state.tokens.forEach((block, i) => {
      for (const t of block.children ?? []) {
        if (t.type === 'softbreak') {
          t.type = 'text';
          t.content = '\n';
        }
      }
      // A heading underlined with === or --- under several lines is, for the counter, those lines as text and the
      // underline as a word (it takes only a one-line heading): keep it so, or its count would change.
      const open = state.tokens[i - 1];
      if (block.type === 'inline' && open?.type === 'heading_open' && /^[=-]$/.test(open.markup) && open.map) {
        if (!block.content.includes('\n')) return;
        const close = state.tokens[i + 1]!;
        open.type = 'paragraph_open';
        close.type = 'paragraph_close';
        open.tag = close.tag = 'p';
        const underline = new state.Token('text', '', 0);
        underline.content = `\n${(lines[open.map[1] - 1] ?? '').trim()}`;
        block.children!.push(underline);
      }
    });
  });
  return md;
}

const parser = new MarkdownParser(schema, tokenizer(), {
  ...defaultMarkdownParser.tokens,
  table: { block: 'table' },
  thead: { ignore: true },
  tbody: { ignore: true },
  tr: { block: 'table_row' },
  th: { block: 'table_header' },
  td: { block: 'table_cell' },
});

export function parseMarkdown(markdown: string): PMNode {
  return parser.parse(markdown);
}

// What esc(line, true) leaves alone but CommonMark still reads at a line start: a setext underline (`===`), an
// ordered list marker with `)`, and a table row.
const MORE_LINE_START = /^(\s*)(=|\d+\)(?=\s|$)|\|)/;

/**
 * Text that starts a new line inside a paragraph (after a line break) is escaped as the start of a block is:
 * otherwise `- x`, `# x` or `===` typed on the second line of a paragraph would come back as a list, a heading or
 * a heading underline.
 */
function escapeLine(state: MarkdownSerializerState, line: string): string {
  return state.esc(line, true).replace(MORE_LINE_START, '$1\\$2');
}

/** Inside `<https://…>` the text is the address and is written as is (the base serializer's own flag). */
const inAutolink = (state: MarkdownSerializerState) =>
  (state as unknown as { inAutolink?: boolean }).inAutolink === true;

/** Serializer states whose next text starts a line, after a hard line break. */
const afterBreak = new WeakSet<MarkdownSerializerState>();

function writeText(state: MarkdownSerializerState, text: string, escape: boolean) {
  const lines = text.split('\n');
  const startsLine = afterBreak.delete(state);
  if (escape && startsLine) state.text(escapeLine(state, lines[0]!), false);
  else state.text(lines[0]!, escape);
  for (const line of lines.slice(1)) state.text(`\n${escape ? escapeLine(state, line) : line}`, false);
}

// The base serializer's `text` escapes only the first line of a block; writeText also escapes the others.
const nodes: MarkdownSerializer['nodes'] = {
  ...defaultMarkdownSerializer.nodes,
  bullet_list(state, node) {
    state.renderList(node, '  ', () => '- ');
  },
  text(state, node) {
    writeText(state, node.text ?? '', !inAutolink(state));
  },
  hard_break(state, node, parent, index) {
    defaultMarkdownSerializer.nodes.hard_break!(state, node, parent, index);
    afterBreak.add(state);
  },
  table(state, node) {
    const lines: string[] = [];
    node.forEach((row) => {
      const cells: string[] = [];
      row.forEach((cell) => cells.push(cellText(cell)));
      lines.push(`| ${cells.join(' | ')} |`);
      // Markdown tables need a header row: the first row is the header, however the table was made.
      if (lines.length === 1) lines.push(`|${cells.map(() => ' --- ').join('|')}|`);
    });
    lines.forEach((line, i) => {
      if (i > 0) state.ensureNewLine();
      state.write(line);
    });
    state.closeBlock(node);
  },
  table_row() {},
  table_cell() {},
  table_header() {},
};

const cellSerializer = new MarkdownSerializer(
  {
    ...nodes,
    // A table row is one line: a line break in a cell becomes a space.
    hard_break(state) {
      state.write(' ');
    },
    text(state, node) {
      state.text((node.text ?? '').replace(/\n/g, ' '), !inAutolink(state));
    },
  },
  defaultMarkdownSerializer.marks,
);

function cellText(cell: PMNode): string {
  const out = cellSerializer.serialize(schema.node('paragraph', null, cell.content));
  return out.replace(/\n/g, ' ').replace(/\|/g, '\\|').trim();
}

const serializer = new MarkdownSerializer(nodes, defaultMarkdownSerializer.marks);

/** States of the lean pass, whose text is written without backslashes before `*` and `_`. */
const lean = new WeakSet<MarkdownSerializerState>();

const leanSerializer = new MarkdownSerializer(
  {
    ...nodes,
    text(state, node) {
      if (!lean.has(state)) {
        const esc = state.esc.bind(state);
        state.esc = (str, startOfLine) => esc(str, startOfLine).replace(/\\([*_])/g, '$1');
        lean.add(state);
      }
      writeText(state, node.text ?? '', !inAutolink(state));
    },
  },
  defaultMarkdownSerializer.marks,
);

/**
 * The document as Markdown. A `*` or `_` the learner typed is written without a backslash when the text means the
 * same without it (checked by parsing it back): the counter reads an unpaired `*` or `_` at a word's edge as
 * markup, as a formatted document would hide it, so a backslash there would change the count, and it is noise for
 * anyone reading the Markdown.
 */
export function serializeMarkdown(doc: PMNode): string {
  const strict = serializer.serialize(doc, { tightLists: true });
  if (!/\\[*_]/.test(strict)) return strict;
  const plain = leanSerializer.serialize(doc, { tightLists: true });
  return parseMarkdown(plain).eq(doc) ? plain : strict;
}
