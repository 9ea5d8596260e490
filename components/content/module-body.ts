import 'server-only';
import { getModuleBodyCode, MDX_COMPONENTS } from '@/lib/content';
import { renderMdxToParts, type BodyPart } from './mdx-html';

const rendered = new Map<string, Promise<BodyPart[]>>();

/**
 * A module's teaching text as HTML parts, compiled and rendered once per process and shared by every
 * request. A failure is not cached, so the next request tries again.
 */
export function getModuleBody(slug: string): Promise<BodyPart[]> {
  let pending = rendered.get(slug);
  if (!pending) {
    pending = getModuleBodyCode(slug).then((code) => renderMdxToParts(code, MDX_COMPONENTS));
    pending.catch(() => rendered.delete(slug));
    rendered.set(slug, pending);
  }
  return pending;
}
