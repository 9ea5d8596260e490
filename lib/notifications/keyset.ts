import { and, eq, lt, or, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * "Older than this row" for lists read newest first by (created_at, id): the next page starts after the last row
 * shown, whatever was added meanwhile. Undefined (no condition) on the first page.
 */
export function olderThan(
  createdAt: AnyColumn,
  id: AnyColumn,
  cursor: { createdAt: Date; id: string } | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  return or(lt(createdAt, cursor.createdAt), and(eq(createdAt, cursor.createdAt), lt(id, cursor.id)));
}
