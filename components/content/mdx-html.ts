/**
 * Renders a compiled MDX body (mdx-bundler output) to static HTML with a tiny JSX runtime of our own, so a
 * module page can send its teaching text as one cached string instead of rebuilding a React tree on every
 * request. Safe because the MDX is our own reviewed content (content/), never learner text.
 *
 * Components passed in through `components` (only WorksheetSection today) become slots: the HTML is split
 * around them and the page renders each slot as a React component. Slots must sit at the top level of the
 * body, which is where MDX puts a JSX element written on a line of its own.
 */
import { getMDXComponent } from 'mdx-bundler/client/jsx';

export type BodyPart =
  | { kind: 'html'; html: string }
  | { kind: 'slot'; component: string; props: Record<string, unknown> };

const FRAGMENT = Symbol('mdx-html.fragment');
const SLOT = Symbol('mdx-html.slot');

type Props = Record<string, unknown> & { children?: unknown };
interface Node {
  type: string | typeof FRAGMENT | SlotType;
  props: Props;
}
type SlotType = { [SLOT]: string };

const jsx = (type: Node['type'], props: Props): Node => ({ type, props });
const runtime = { jsx, jsxs: jsx, Fragment: FRAGMENT };

// The same escaping as React's server renderer, so the output matches renderToStaticMarkup byte for byte.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ATTR_NAMES: Record<string, string> = { className: 'class', htmlFor: 'for' };

function attributes(props: Props): string {
  let out = '';
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || name === 'key' || value === undefined || value === null || value === false) continue;
    if (typeof value === 'object' || typeof value === 'function') {
      throw new Error(`MDX body: attribute "${name}" is not plain text; write plain markdown instead`);
    }
    const attr = ATTR_NAMES[name] ?? name;
    out += value === true ? ` ${attr}=""` : ` ${attr}="${escapeHtml(String(value))}"`;
  }
  return out;
}

class Writer {
  readonly parts: BodyPart[] = [];
  private html = '';

  write(node: unknown, depth: number): void {
    if (node === null || node === undefined || typeof node === 'boolean') return;
    if (typeof node === 'string' || typeof node === 'number') {
      this.html += escapeHtml(String(node));
      return;
    }
    if (Array.isArray(node)) {
      for (const child of node) this.write(child, depth);
      return;
    }
    const { type, props } = node as Node;
    if (type === FRAGMENT) return this.write(props.children, depth);
    if (typeof type === 'string') {
      this.html += `<${type}${attributes(props)}>`;
      if (VOID.has(type)) return;
      this.write(props.children, depth + 1);
      this.html += `</${type}>`;
      return;
    }
    if (type && typeof type === 'object' && SLOT in type) {
      if (depth > 0) throw new Error(`MDX body: <${type[SLOT]}> must be on a line of its own, not inside other markup`);
      this.flush();
      const { children: _children, ...rest } = props;
      this.parts.push({ kind: 'slot', component: type[SLOT], props: rest });
      return;
    }
    throw new Error('MDX body: unexpected element; only markdown and the listed components are allowed');
  }

  flush(): void {
    // Runs of white space between top-level blocks carry no meaning in HTML: no need to keep them as parts.
    if (this.html.trim()) this.parts.push({ kind: 'html', html: this.html });
    this.html = '';
  }
}

/** Evaluate compiled MDX once and return its HTML, split around the given components. */
export function renderMdxToParts(code: string, components: readonly string[]): BodyPart[] {
  const slots = Object.fromEntries(components.map((name) => [name, { [SLOT]: name }]));
  const Content = getMDXComponent(code, { _jsx_runtime: runtime }) as unknown as (props: { components: object }) => unknown;
  const tree = Content({ components: slots });
  const writer = new Writer();
  writer.write(tree, 0);
  writer.flush();
  return writer.parts;
}
