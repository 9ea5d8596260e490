/**
 * For scripts that run lib/ in plain Node (benchmarks, tools): lib marks its modules 'server-only', which throws
 * outside React's server build, so importing this first points that package at the tests' stub. lib must then be
 * imported dynamically (after this module has run).
 */
import Module from 'node:module';
import path from 'node:path';

const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = resolver._resolveFilename;
resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request === 'server-only') return path.resolve(__dirname, 'server-only-stub.ts');
  return original.call(this, request, ...rest);
};

/** The value of `--name=value` on the command line, if given. */
export const arg = (name: string): string | undefined =>
  process.argv
    .find((a) => a.startsWith(`--${name}=`))
    ?.split('=')
    .slice(1)
    .join('=');
