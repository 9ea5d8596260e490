import 'server-only';
import { getMDXComponent } from 'mdx-bundler/client/jsx';
import type { ReactNode } from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import { getModuleBodyCode } from '@/lib/content';
import { createSlot, renderStaticParts } from './static-html';

/** A module's teaching text as HTML, cut where the MDX places a component (for the worksheet's live form). */
export type BodyPart = { kind: 'html'; html: string } | { kind: 'slot'; component: string; props: Record<string, unknown> };

const WorksheetSectionSlot = createSlot<{ id: string }>('WorksheetSection');
const rendered = new Map<string, Promise<BodyPart[]>>();

/** Parts of compiled MDX: HTML runs and component slots, white space between top-level blocks dropped. */
export function mdxBodyParts(code: string): BodyPart[] {
  const Content = getMDXComponent(code, { _jsx_runtime: jsxRuntime }) as unknown as (props: { components: object }) => ReactNode;
  return renderStaticParts(Content({ components: { WorksheetSection: WorksheetSectionSlot } }), { topLevelSlotsOnly: true })
    .filter((p) => p.kind === 'slot' || p.html.trim())
    .map((p) => (p.kind === 'html' ? p : { kind: 'slot', component: p.name, props: p.props }));
}

/**
 * A module's teaching text, compiled and rendered once per process and shared by every request. Used by the
 * worksheet page, which puts its live form sections in the slots. A failure is not cached.
 */
export function getModuleBody(slug: string): Promise<BodyPart[]> {
  let pending = rendered.get(slug);
  if (!pending) {
    pending = getModuleBodyCode(slug).then(mdxBodyParts);
    pending.catch(() => rendered.delete(slug));
    rendered.set(slug, pending);
  }
  return pending;
}
