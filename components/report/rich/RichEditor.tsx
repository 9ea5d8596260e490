'use client';
import {
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { baseKeymap, setBlockType, toggleMark } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { inputRules, textblockTypeInputRule, undoInputRule, wrappingInputRule } from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import type { MarkType, NodeType } from 'prosemirror-model';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import { addColumnAfter, addRowAfter, deleteTable, isInTable, tableEditing } from 'prosemirror-tables';
import { EditorView } from 'prosemirror-view';
import { buttonClass } from '@/components/ui/Button';
import { parseMarkdown, schema, serializeMarkdown } from './markdown';
import { cleanPastedHtml } from './paste';

export interface RichEditorApi {
  focus(): void;
  /** Puts the caret at the start of the heading with this text; false when there is none. */
  goToHeading(text: string): boolean;
}

export interface RichEditorProps {
  /** The stored Markdown. A change from outside (a kept copy, the other version of a conflict, a .docx) is loaded. */
  markdown: string;
  onChange: (markdown: string) => void;
  /** The plain text of each paste, for the authorship history. */
  onPaste: (text: string) => void;
  describedBy: string;
  api: Ref<RichEditorApi | null>;
  /** Drawn after the formatting toolbar (the .docx upload). */
  toolbarEnd: ReactNode;
  /** Drawn between the toolbar and the text (notices). */
  children?: ReactNode;
}

let focusOnMount = false;
/** Whether the next editor to appear takes the caret (the learner was typing in the plain box it replaces). */
export function continueTyping(typing: boolean) {
  focusOnMount = typing;
}

const { strong, em, link } = schema.marks;
const { heading, paragraph, bullet_list: bulletList, ordered_list: orderedList, list_item: listItem } = schema.nodes;

/**
 * What a Word user expects of typing at the start of a line, and the same Markdown the plain box takes: `# ` to
 * `###### ` a heading, `- `, `* ` or `+ ` a bulleted list, `1. ` a numbered list from that number. Backspace straight
 * after undoes it, leaving the characters typed.
 */
const markdownShortcuts = inputRules({
  rules: [
    textblockTypeInputRule(/^(#{1,6})\s$/, heading!, (m) => ({ level: m[1]!.length })),
    wrappingInputRule(/^\s*([-+*])\s$/, bulletList!),
    wrappingInputRule(
      /^(\d+)\.\s$/,
      orderedList!,
      (m) => ({ order: Number(m[1]) }),
      (m, node) => node.childCount + Number(node.attrs.order) === Number(m[1]),
    ),
  ],
});

function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

function headingLevel(state: EditorState): number {
  const parent = state.selection.$from.parent;
  return parent.type === heading ? Number(parent.attrs.level) : 0;
}

function listType(state: EditorState): NodeType | null {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const t = $from.node(d).type;
    if (t === bulletList || t === orderedList) return t;
  }
  return null;
}

const toggleHeading =
  (level: number): Command =>
  (state, dispatch) =>
    headingLevel(state) === level
      ? setBlockType(paragraph)(state, dispatch)
      : setBlockType(heading, { level })(state, dispatch);

/** A list of this kind on or off; from the other kind, the list changes kind. */
const toggleList =
  (type: NodeType): Command =>
  (state, dispatch) => {
    const current = listType(state);
    if (current === type) return liftListItem(listItem)(state, dispatch);
    if (current) {
      const { $from } = state.selection;
      for (let d = $from.depth; d > 0; d--) {
        if ($from.node(d).type === current) {
          dispatch?.(state.tr.setNodeMarkup($from.before(d), type));
          return true;
        }
      }
    }
    return wrapInList(type)(state, dispatch);
  };

const insertTable: Command = (state, dispatch) => {
  const { table_header: th, table_cell: td, table_row: tr, table } = schema.nodes;
  const row = (cell: NodeType) => tr.create(null, [cell.create(), cell.create()]);
  const node = table.create(null, [row(th), row(td), row(td)]);
  if (dispatch) {
    const t = state.tr.replaceSelectionWith(node);
    // The caret goes into the first header cell.
    const at = t.mapping.map(state.selection.from, -1);
    t.setSelection(TextSelection.near(t.doc.resolve(at + 3)));
    dispatch(t.scrollIntoView());
  }
  return true;
};

const CLASS_TOOL = buttonClass({ variant: 'link', size: 'tool' });
const PRESSED = 'aria-pressed:bg-brand-100 aria-pressed:text-brand-900';

interface Tool {
  name: string;
  glyph: string;
  command: Command;
  pressed?: (s: EditorState) => boolean;
  keys?: string;
  /** Shown only while the caret is in a table. */
  inTable?: boolean;
  glyphClass?: string;
}

// On a phone the buttons show only their symbol (the name stays for screen readers and as the tooltip), so the
// toolbar takes two rows rather than six; the table tools keep their words (two of them share a symbol).
const TOOLS: Tool[] = [
  { name: 'Heading', glyph: 'H', command: toggleHeading(2), pressed: (s) => headingLevel(s) === 2 },
  { name: 'Subheading', glyph: 'h', command: toggleHeading(3), pressed: (s) => headingLevel(s) === 3 },
  { name: 'Bold', glyph: 'B', command: toggleMark(strong), pressed: (s) => markActive(s, strong), keys: 'Control+B' },
  {
    name: 'Italic',
    glyph: 'I',
    glyphClass: 'italic font-serif',
    command: toggleMark(em),
    pressed: (s) => markActive(s, em),
    keys: 'Control+I',
  },
  { name: 'Bulleted list', glyph: '•', command: toggleList(bulletList), pressed: (s) => listType(s) === bulletList },
  { name: 'Numbered list', glyph: '1.', command: toggleList(orderedList), pressed: (s) => listType(s) === orderedList },
  { name: 'Table', glyph: '▦', command: insertTable },
  { name: 'Add row', glyph: '+', command: addRowAfter, inTable: true },
  { name: 'Add column', glyph: '+', command: addColumnAfter, inTable: true },
  { name: 'Delete table', glyph: '×', command: deleteTable, inTable: true },
  { name: 'Undo', glyph: '↶', command: undo, keys: 'Control+Z' },
  { name: 'Redo', glyph: '↷', command: redo, keys: 'Control+Shift+Z' },
];

/**
 * The word-processor view of the report: ProseMirror over the same Markdown the plain box edits (./markdown.ts).
 * Loaded after the page, only on the report page, only for people who have not chosen the plain box.
 * Tab is never taken by the editor, so it always leaves the text (no keyboard trap); Alt+F10 goes to the toolbar.
 */
export function RichEditor({ markdown, onChange, onPaste, describedBy, api, toolbarEnd, children }: RichEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The Markdown the editor's document stands for: the last text it loaded or wrote.
  const shown = useRef(markdown);
  const latest = useRef({ markdown, onChange, onPaste });
  useEffect(() => {
    latest.current = { markdown, onChange, onPaste };
  });
  // The editor's state as of its last transaction: the toolbar's pressed states and table tools follow it.
  const [state, setState] = useState<EditorState | null>(null);
  const textId = useId();
  const [linkOpen, setLinkOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const focusToolbar = () => {
      toolbar.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
      return true;
    };
    const state = EditorState.create({
      doc: parseMarkdown(latest.current.markdown),
      plugins: [
        history(),
        markdownShortcuts,
        keymap({
          Backspace: undoInputRule,
          'Mod-z': undo,
          'Shift-Mod-z': redo,
          'Mod-y': redo,
          'Mod-b': toggleMark(strong),
          'Mod-i': toggleMark(em),
          'Mod-k': () => {
            setLinkOpen(true);
            return true;
          },
          Enter: splitListItem(listItem),
          'Mod-]': sinkListItem(listItem),
          'Mod-[': liftListItem(listItem),
          'Alt-F10': focusToolbar,
        }),
        keymap(baseKeymap),
        tableEditing(),
      ],
    });
    const v = new EditorView(host.current, {
      state,
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Report text',
        'aria-describedby': `${describedBy} ${textId}-keys`,
        spellcheck: 'true',
        id: textId,
        'data-testid': 'rich-editor',
        class:
          'prose-criterion report-rich min-h-[26rem] px-4 py-4 text-base leading-7 text-ink focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-inset sm:min-h-[34rem] sm:px-6',
      },
      transformPastedHTML: cleanPastedHtml,
      handlePaste(_view, event) {
        latest.current.onPaste(event.clipboardData?.getData('text/plain') ?? '');
        return false;
      },
      dispatchTransaction(tr) {
        const next = v.state.apply(tr);
        v.updateState(next);
        if (tr.docChanged && !tr.getMeta('loaded')) {
          const md = serializeMarkdown(next.doc);
          shown.current = md;
          latest.current.onChange(md);
        }
        setState(next);
      },
    });
    view.current = v;
    if (focusOnMount) {
      focusOnMount = false;
      v.focus();
      v.dispatch(v.state.tr.setSelection(TextSelection.atEnd(v.state.doc)).scrollIntoView());
    }
    setState(v.state);
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [describedBy, textId]);

  // Text put in from outside the editor replaces its document (undoable), without being written back.
  useEffect(() => {
    const v = view.current;
    if (!v || markdown === shown.current) return;
    shown.current = markdown;
    const doc = parseMarkdown(markdown);
    v.dispatch(v.state.tr.replaceWith(0, v.state.doc.content.size, doc.content).setMeta('loaded', true));
  }, [markdown]);

  useImperativeHandle(
    api,
    () => ({
      focus: () => view.current?.focus(),
      goToHeading(text) {
        const v = view.current;
        if (!v) return false;
        let at = -1;
        v.state.doc.descendants((node, pos) => {
          if (at >= 0) return false;
          if (node.type === heading && node.textContent.trim() === text.trim()) at = pos + 1;
          return node.isBlock && at < 0;
        });
        if (at < 0) return false;
        v.focus();
        v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, at)).scrollIntoView());
        v.dom.ownerDocument.getSelection()?.focusNode?.parentElement?.scrollIntoView({ block: 'center' });
        return true;
      },
    }),
    [],
  );

  const inTable = state ? isInTable(state) : false;
  const tools = TOOLS.filter((t) => !t.inTable || inTable);
  const activeIndex = Math.min(active, tools.length - 1);
  const linkHref = state && markActive(state, link) ? currentHref(state) : '';

  const run = (command: Command) => {
    const v = view.current;
    if (!v) return;
    command(v.state, v.dispatch, v);
    v.focus();
  };

  // One tab stop for the toolbar; arrow keys, Home and End move along it (the ARIA toolbar pattern).
  const onToolbarKey = (e: KeyboardEvent) => {
    const keys: Record<string, number> = {
      ArrowRight: activeIndex + 1,
      ArrowLeft: activeIndex - 1,
      Home: 0,
      End: tools.length,
    };
    if (!(e.key in keys)) {
      if (e.key === 'Escape') view.current?.focus();
      return;
    }
    e.preventDefault();
    const count = tools.length + 1; // the Link button closes the row
    const next = (keys[e.key]! + count) % count;
    setActive(next);
    toolbar.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  };

  return (
    <>
      <div className="flex flex-wrap items-center gap-1 border-b border-line bg-canvas/60 px-2 py-1.5">
        <div
          ref={toolbar}
          role="toolbar"
          aria-label="Formatting"
          aria-controls={textId}
          onKeyDown={onToolbarKey}
          className="flex flex-wrap items-center gap-0.5"
        >
          {tools.map((t, i) => (
            <button
              key={t.name}
              type="button"
              tabIndex={i === activeIndex ? 0 : -1}
              aria-pressed={t.pressed ? (state ? t.pressed(state) : false) : undefined}
              aria-keyshortcuts={t.keys}
              title={t.keys ? `${t.name} (${t.keys.replace('Control', 'Ctrl')})` : t.name}
              disabled={!state}
              className={`${CLASS_TOOL} ${PRESSED}`}
              onMouseDown={(e) => e.preventDefault()}
              onFocus={() => setActive(i)}
              onClick={() => run(t.command)}
            >
              <span
                aria-hidden="true"
                className={`min-w-4 font-mono text-xs font-bold max-sm:text-sm ${t.glyphClass ?? ''}`}
              >
                {t.glyph}
              </span>
              <span className={t.inTable ? '' : 'max-sm:sr-only'}>{t.name}</span>
            </button>
          ))}
          <button
            type="button"
            tabIndex={activeIndex === tools.length ? 0 : -1}
            aria-pressed={!!linkHref}
            aria-expanded={linkOpen}
            aria-keyshortcuts="Control+K"
            title="Link (Ctrl+K)"
            disabled={!state}
            className={`${CLASS_TOOL} ${PRESSED}`}
            onFocus={() => setActive(tools.length)}
            onClick={() => setLinkOpen((o) => !o)}
          >
            <span aria-hidden="true" className="min-w-4 font-mono text-xs font-bold max-sm:text-sm">
              ↗
            </span>
            <span className="max-sm:sr-only">Link</span>
          </button>
        </div>
        <span aria-hidden="true" className="mx-1 h-6 w-px bg-line" />
        {toolbarEnd}
      </div>
      {linkOpen ? (
        <LinkForm
          initial={linkHref}
          onDone={(href) => {
            setLinkOpen(false);
            const v = view.current;
            if (!v) return;
            if (href !== null) setLink(v, href);
            v.focus();
          }}
        />
      ) : null}
      {children}
      <div ref={host} />
      <p id={`${textId}-keys`} className="px-4 pb-2 text-xs text-muted sm:px-6">
        Alt+F10 moves to the toolbar, Escape back to the text; Tab leaves the text.
      </p>
    </>
  );
}

function currentHref(state: EditorState): string {
  const { $from } = state.selection;
  const mark = link.isInSet($from.marks()) ?? link.isInSet($from.nodeAfter?.marks ?? []);
  return mark ? String(mark.attrs.href) : '';
}

/** Links the selection (or the link under the caret) to href; an empty href removes the link. */
function setLink(v: EditorView, href: string) {
  const { state } = v;
  let { from, to } = state.selection;
  if (from === to) {
    // No selection: the whole link under the caret, or the address itself typed in as text.
    const $pos = state.selection.$from;
    const start = $pos.start();
    let lo = from;
    let hi = to;
    const isLinked = (pos: number) => !!link.isInSet(state.doc.resolve(pos).marks());
    if (isLinked(from) || isLinked(from + 1)) {
      while (lo > start && isLinked(lo)) lo--;
      while (hi < $pos.end() && isLinked(hi + 1)) hi++;
      from = lo;
      to = hi;
    } else if (href) {
      v.dispatch(state.tr.insertText(href, from).addMark(from, from + href.length, link.create({ href })));
      return;
    }
  }
  const tr = state.tr.removeMark(from, to, link);
  if (href) tr.addMark(from, to, link.create({ href }));
  v.dispatch(tr);
}

function LinkForm({ initial, onDone }: { initial: string; onDone: (href: string | null) => void }) {
  const [href, setHref] = useState(initial || 'https://');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  return (
    <form
      className="flex flex-wrap items-end gap-2 border-b border-line bg-canvas/60 px-4 py-2"
      onSubmit={(e) => {
        e.preventDefault();
        onDone(href.trim() === 'https://' ? '' : href.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone(null);
        }
      }}
    >
      <label className="flex min-w-0 flex-1 flex-col text-sm font-medium">
        Link address
        <input
          ref={input}
          type="url"
          value={href}
          onChange={(e) => setHref(e.target.value)}
          className="mt-1 min-h-10 w-full rounded-md border border-line px-2 text-base font-normal"
        />
      </label>
      <button type="submit" className={buttonClass({ variant: 'secondary', size: 'sm' })}>
        {initial ? 'Change link' : 'Add link'}
      </button>
      {initial ? (
        <button type="button" className={buttonClass({ variant: 'link', size: 'sm' })} onClick={() => onDone('')}>
          Remove link
        </button>
      ) : null}
      <button type="button" className={buttonClass({ variant: 'link', size: 'sm' })} onClick={() => onDone(null)}>
        Cancel
      </button>
    </form>
  );
}
