/**
 * Renders a tree of plain React elements (host elements and pure function components: no hooks, no client
 * components, no async) to an HTML string, with the same output as react-dom's renderToStaticMarkup.
 *
 * Why: a module page is mostly the same for every reader. Rendering that part once per process and sending
 * it as one string makes each request cheap, and react-dom/server cannot be imported in a server component.
 * Parts that differ per reader are marked with slots (createSlot) and filled in per request.
 *
 * Only ever used on our own components and our own MDX (content/): never on learner text.
 */
import type { ReactNode } from 'react';

export type HtmlPart = { kind: 'html'; html: string } | { kind: 'slot'; name: string; props: Record<string, unknown> };

const ELEMENT_TYPES = new Set([Symbol.for('react.transitional.element'), Symbol.for('react.element')]);
const FRAGMENT = Symbol.for('react.fragment');
const SLOT = Symbol('static-html.slot');

type SlotComponent<P> = ((props: P) => null) & { [SLOT]: string };

/**
 * A placeholder for per-request content. React renders it as nothing; renderStaticParts cuts the HTML there
 * and reports the slot with its props.
 */
export function createSlot<P extends Record<string, unknown>>(name: string): SlotComponent<P> {
  return Object.assign(() => null, { [SLOT]: name });
}

// React's escaping, so the output matches renderToStaticMarkup byte for byte.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** React prop names that differ from their HTML/SVG attribute; any other camelCase name is refused. */
const ATTRIBUTE: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  tabIndex: 'tabindex',
  viewBox: 'viewBox',
  strokeWidth: 'stroke-width',
  strokeLinecap: 'stroke-linecap',
  strokeLinejoin: 'stroke-linejoin',
  strokeDasharray: 'stroke-dasharray',
  fillRule: 'fill-rule',
  clipRule: 'clip-rule',
};
const SKIPPED = new Set(['children', 'key', 'ref', 'dangerouslySetInnerHTML', 'suppressHydrationWarning']);

function attributes(tag: string, props: Record<string, unknown>): string {
  let out = '';
  for (const [name, value] of Object.entries(props)) {
    if (SKIPPED.has(name) || value === undefined || value === null) continue;
    if (typeof value === 'function' || typeof value === 'object' || typeof value === 'symbol') {
      throw new Error(`static HTML: <${tag} ${name}> needs a live React tree (event handler, style object or similar)`);
    }
    const attr = ATTRIBUTE[name] ?? (/[A-Z]/.test(name) ? undefined : name);
    if (!attr) throw new Error(`static HTML: unknown attribute "${name}" on <${tag}>`);
    if (typeof value === 'boolean') {
      // aria-* and data-* spell booleans out; other attributes are present or absent.
      if (attr.startsWith('aria-') || attr.startsWith('data-')) out += ` ${attr}="${value}"`;
      else if (value) out += ` ${attr}=""`;
      continue;
    }
    out += ` ${attr}="${escapeHtml(String(value))}"`;
  }
  return out;
}

class Writer {
  readonly parts: HtmlPart[] = [];
  private html = '';
  private depth = 0;

  constructor(private readonly topLevelSlotsOnly: boolean) {}

  write(node: unknown): void {
    if (node === null || node === undefined || typeof node === 'boolean') return;
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') {
      this.html += escapeHtml(String(node));
      return;
    }
    if (Array.isArray(node)) {
      for (const child of node) this.write(child);
      return;
    }
    const el = node as { $$typeof?: symbol; type?: unknown; props?: Record<string, unknown> };
    if (!el.$$typeof || !ELEMENT_TYPES.has(el.$$typeof) || !el.props) {
      throw new Error('static HTML: only React elements, text and arrays can be rendered');
    }
    const { type, props } = el;
    if (type === FRAGMENT) return this.write(props.children);
    if (typeof type === 'string') return this.element(type, props);
    if (typeof type === 'function' && SLOT in type) {
      const name = (type as SlotComponent<never>)[SLOT];
      if (this.topLevelSlotsOnly && this.depth > 0) throw new Error(`static HTML: <${name}> must be on a line of its own, not inside other markup`);
      this.flush();
      this.parts.push({ kind: 'slot', name, props: { ...props } });
      return;
    }
    // A client reference is a function too, but it carries its own $$typeof: it needs the browser.
    if (typeof type === 'function' && !('$$typeof' in type)) {
      const out: unknown = (type as (p: Record<string, unknown>) => unknown)(props);
      if (out instanceof Promise) throw new Error(`static HTML: ${type.name || 'a component'} is async`);
      return this.write(out);
    }
    throw new Error('static HTML: client components, context and other special elements need a live React tree');
  }

  private element(tag: string, props: Record<string, unknown>): void {
    this.html += `<${tag}${attributes(tag, props)}>`;
    if (VOID.has(tag)) return;
    const inner = props.dangerouslySetInnerHTML as { __html?: string } | undefined;
    if (inner?.__html !== undefined) this.html += inner.__html;
    else {
      this.depth += 1;
      this.write(props.children);
      this.depth -= 1;
    }
    this.html += `</${tag}>`;
  }

  flush(): void {
    if (this.html) this.parts.push({ kind: 'html', html: this.html });
    this.html = '';
  }
}

/**
 * HTML of `node`, cut at each slot. With `topLevelSlotsOnly`, a slot inside an element is an error: for
 * callers that render each part separately, where a cut inside an element would leave it unclosed.
 */
export function renderStaticParts(node: ReactNode, options: { topLevelSlotsOnly?: boolean } = {}): HtmlPart[] {
  const writer = new Writer(options.topLevelSlotsOnly ?? false);
  writer.write(node);
  writer.flush();
  return writer.parts;
}

/** HTML of `node`, which must have no slots. */
export function renderStatic(node: ReactNode): string {
  const parts = renderStaticParts(node);
  if (parts.some((p) => p.kind === 'slot')) throw new Error('static HTML: unexpected slot; use renderStaticParts');
  return parts.map((p) => (p as { html: string }).html).join('');
}
