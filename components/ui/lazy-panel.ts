import { lazy, type ComponentType } from 'react';

/**
 * A component whose code is fetched after the page's own (issue #19: every route's first-load JavaScript under
 * 150 kB), for panels that are not the first thing used. Render it inside <Suspense> with a <PanelLoading> fallback.
 * On the server it renders in full, so the page shows it from the start and it becomes interactive once its code has
 * arrived; that fetch starts as soon as this module runs in the browser (while the page hydrates), not when React
 * first reaches the panel. A failed fetch is tried once more when the panel is drawn.
 *
 * React.lazy rather than next/dynamic: the same result for a panel that is rendered on the server, without the
 * 2 kB that next/dynamic's own code adds to each page that uses it.
 */
export function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>) {
  const early = typeof window === 'undefined' ? null : load();
  early?.catch(() => {}); // tried again below
  return lazy(async () => ({ default: await (early ?? load()).catch(() => load()) }));
}
