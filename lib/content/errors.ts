import path from 'node:path';
import type { z } from 'zod';

/**
 * Broken content. The message names the file and, where there is one, the item id, so the author can go
 * straight to the line: `content/modules/ee2-win-keep-customers/module.json: duplicate id "ee2/pc/3"`.
 * All problems found are collected, one per line, so one run shows everything to fix.
 */
export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ContentError';
  }
}

/** Path as shown in messages: relative to the working directory, with forward slashes. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file) || file;
  return rel.split(path.sep).join('/');
}

type PathKey = PropertyKey;

function formatPath(keys: readonly PathKey[]): string {
  let out = '';
  for (const k of keys) out += typeof k === 'number' ? `[${k}]` : `${out ? '.' : ''}${String(k)}`;
  return out;
}

/** Walk `data` along `keys`; returns the value and the last object on the way that had a string id. */
function walk(data: unknown, keys: readonly PathKey[]): { value: unknown; ownerId?: string; ownerDepth: number } {
  let value: unknown = data;
  let ownerId: string | undefined;
  let ownerDepth = 0;
  keys.forEach((k, depth) => {
    if (value !== null && typeof value === 'object') {
      const id = (value as Record<string, unknown>).id;
      if (typeof id === 'string' && id) {
        ownerId = id;
        ownerDepth = depth;
      }
      value = (value as Record<PropertyKey, unknown>)[k as string];
    } else {
      value = undefined;
    }
  });
  return { value, ownerId, ownerDepth };
}

/**
 * Turn zod issues into problem lines. A missing field is reported as such (zod's own wording,
 * "expected string, received undefined", hides that), and the nearest enclosing item id is named.
 */
export function formatZodIssues(file: string, data: unknown, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const keys = issue.path;
    const { value, ownerId, ownerDepth } = walk(data, keys);
    // "item "ee2/pc/3"" plus any path below the item; or the plain path when no id is known.
    const where = ownerId
      ? `item "${ownerId}"${keys.length - 1 > ownerDepth ? ` ${formatPath(keys.slice(ownerDepth, -1))}` : ''}`
      : formatPath(keys.slice(0, -1));
    const prefix = where ? `${displayPath(file)}: ${where}: ` : `${displayPath(file)}: `;
    const last = keys[keys.length - 1];
    if (value === undefined && keys.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
      return `${prefix}missing field "${String(last)}"`;
    }
    if (issue.code === 'unrecognized_keys') {
      // Here the path ends at the object with the extra keys, which is usually the item itself.
      const selfId = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).id : undefined;
      const at = typeof selfId === 'string' ? `item "${selfId}"` : formatPath(keys) || 'top level';
      return `${displayPath(file)}: ${at}: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    const field = keys.length ? `field "${String(last)}": ` : '';
    return `${prefix}${field}${issue.message}`;
  });
}
