/**
 * Runs once when a server process starts. The Node-only work lives in instrumentation-node.ts so the
 * Edge bundle never sees it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./instrumentation-node');
  await startServer();
}
