/** A learner's autosave as the worksheet page sends it: PUT the answers with the version last saved. */
export const WORKSHEET = 'ws-2-8-keeping-customers';

export interface SaveOutcome {
  status: number;
  version?: number;
  current?: { version: number; answers: Record<string, unknown> };
  ms: number;
}

export async function saveWorksheet(
  baseUrl: string,
  cookie: string,
  version: number,
  text: string,
): Promise<SaveOutcome> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/worksheets/${WORKSHEET}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie, origin: baseUrl },
    body: JSON.stringify({ version, answers: { 'contacts-review': text } }),
  });
  const body = (await res.json()) as { version?: number; current?: SaveOutcome['current'] };
  return { status: res.status, version: body.version, current: body.current, ms: performance.now() - started };
}

export async function readWorksheet(baseUrl: string, cookie: string): Promise<{ version: number; text: string }> {
  const res = await fetch(`${baseUrl}/api/worksheets/${WORKSHEET}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`reading the worksheet failed: HTTP ${res.status}`);
  const body = (await res.json()) as { version: number; answers: Record<string, unknown> };
  return { version: body.version, text: String(body.answers['contacts-review'] ?? '') };
}
