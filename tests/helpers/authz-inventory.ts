import fs from 'node:fs';
import path from 'node:path';

/**
 * Every way into the app, read from the file system: pages, route handlers (one entry per exported HTTP
 * method) and server actions (every export of a 'use server' file under app/ and lib/). The authorization
 * matrix test compares this with its table, so nothing new can ship without a row saying who may call it.
 */

export interface Inventory {
  pages: string[];
  /** `GET app/api/x/route.ts` */
  routes: string[];
  /** `app/(app)/x/actions.ts#name` */
  actions: string[];
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function walk(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return (fs.readdirSync(abs, { recursive: true }) as string[])
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')))
    .filter((f) => !f.split('/').includes('node_modules') && fs.statSync(path.join(root, f)).isFile())
    .sort();
}

/** Names a module exports: `export function|const|let|class x`, `export { a, b as c }`. Type-only exports are skipped. */
function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/gm))
    names.add(m[1]!);
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      const p = part.trim();
      if (!p || p.startsWith('type ')) continue;
      names.add((p.split(/\s+as\s+/)[1] ?? p).trim());
    }
  }
  if (/^export\s+default\b/m.test(source)) names.add('default');
  return [...names];
}

/** A file is a server-action module when its first statement is the 'use server' directive. */
function isUseServerFile(source: string): boolean {
  const code = source.replace(/^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
  return /^['"]use server['"]/.test(code);
}

export function readInventory(root: string): Inventory {
  const app = walk(root, 'app');
  const pages = app.filter((f) => /\/page\.(tsx|ts|jsx|js)$/.test(f));
  const routes = app
    .filter((f) => /\/route\.(ts|js)$/.test(f))
    .flatMap((f) =>
      exportedNames(fs.readFileSync(path.join(root, f), 'utf8'))
        .filter((n) => HTTP_METHODS.includes(n))
        .map((m) => `${m} ${f}`),
    );
  const actions = [...app, ...walk(root, 'lib')]
    .filter((f) => /\.(ts|tsx|js)$/.test(f))
    .flatMap((f) => {
      const source = fs.readFileSync(path.join(root, f), 'utf8');
      return isUseServerFile(source) ? exportedNames(source).map((n) => `${f}#${n}`) : [];
    });
  return { pages, routes, actions };
}
