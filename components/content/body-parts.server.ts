import 'server-only';
import { getMDXComponent } from 'mdx-bundler/client/jsx';
import { Children, Fragment, isValidElement, type ReactNode } from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import { getModuleBodyCode } from '@/lib/content';

/**
 * A module's teaching text, cut where the MDX places `<WorksheetSection id="..."/>`: runs of prose (React elements
 * of our own compiled MDX) and the sections between them. The module page shows a read-only summary in each
 * section's place, the worksheet page the live form; both keep the sections outside the prose styles.
 */
export type BodyPart = { kind: 'prose'; nodes: ReactNode[] } | { kind: 'section'; id: string };

/** Marks a section's place; only found at the top level, never rendered (a section inside other markup is an error). */
function WorksheetSectionMark({ id }: { id: string }): never {
  throw new Error(`<WorksheetSection id="${id}"/> must be on a line of its own in the MDX, not inside other markup`);
}

/** The parts of compiled MDX; white space between two sections or at either end is dropped. */
export function mdxBodyParts(code: string): BodyPart[] {
  const Content = getMDXComponent(code, { _jsx_runtime: jsxRuntime }) as unknown as (props: { components: object }) => ReactNode;
  const root = Content({ components: { WorksheetSection: WorksheetSectionMark } });
  const blocks = isValidElement<{ children?: ReactNode }>(root) && root.type === Fragment ? root.props.children : root;
  const parts: BodyPart[] = [];
  for (const node of Children.toArray(blocks)) {
    if (isValidElement<{ id: string }>(node) && node.type === WorksheetSectionMark) {
      parts.push({ kind: 'section', id: node.props.id });
      continue;
    }
    const last = parts.at(-1);
    if (last?.kind === 'prose') last.nodes.push(node);
    else parts.push({ kind: 'prose', nodes: [node] });
  }
  return parts.filter((p) => p.kind === 'section' || p.nodes.some((n) => typeof n !== 'string' || n.trim()));
}

const cached = new Map<string, Promise<BodyPart[]>>();

/**
 * A module's body parts, compiled and evaluated once per process. The module page is built once per release;
 * the worksheet page renders per request and reuses them. A failure is not cached.
 */
export function getModuleBody(slug: string): Promise<BodyPart[]> {
  let pending = cached.get(slug);
  if (!pending) {
    pending = getModuleBodyCode(slug).then(mdxBodyParts);
    pending.catch(() => cached.delete(slug));
    cached.set(slug, pending);
  }
  return pending;
}
