import type { LearnerRecord } from './record-schema';

/**
 * record.html: the same record for a person to read, in any browser, offline. Self-contained (no script, no remote
 * style or font), every value escaped. It is covered by the manifest like everything else, but record.json is what
 * a machine checks; this page says so.
 */

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const day = (iso: string) => esc(iso.slice(0, 10));
const para = (text: string) =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
h1,h2,h3{line-height:1.25}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #d1d5db;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f4f6}code{font-size:.85em;word-break:break-all}.met{color:#166534;font-weight:600}
.nym{color:#9a3412;font-weight:600}.note{background:#f3f4f6;padding:.75rem 1rem;border-radius:.25rem}
details{margin:.5rem 0}`;

function authorship(r: LearnerRecord): string {
  if (!r.authorship.length) return '';
  const pastes = r.authorship.filter((a) => a.largePaste);
  const rows = pastes
    .map((a) => `<li>${esc(a.at.slice(0, 16).replace('T', ' '))} UTC: ${a.pastedWords} words pasted at once</li>`)
    .join('');
  return `<h2>How the report was written</h2><p>${r.authorship.length} autosaves from ${day(r.authorship[0]!.at)} to
${day(r.authorship.at(-1)!.at)}, ending at ${r.authorship.at(-1)!.words} words; ${pastes.length} large paste(s).
Word counts only: no text or keystrokes were kept.</p>${rows ? `<ul>${rows}</ul>` : ''}`;
}

export function recordHtml(r: LearnerRecord): string {
  const latest = new Map<string, LearnerRecord['judgements'][number]>();
  for (const j of r.judgements) latest.set(j.criterionId, j);
  const evidenceFor = (id: string) => r.evidence.filter((e) => e.mappings.some((m) => m.criterionId === id));

  const modules = r.modules
    .map((m) => {
      const rows = m.criteria
        .map((c) => {
          const j = latest.get(c.id);
          const outcome = j
            ? `<span class="${j.outcome === 'met' ? 'met' : 'nym'}">${j.outcome === 'met' ? 'Met' : 'Not yet met'}</span> by ${esc(j.assessor.name)} on ${day(j.at)}`
            : 'Not judged';
          const ev = evidenceFor(c.id)
            .map((e) => esc(e.title))
            .join('<br>');
          return `<tr><td>${esc(c.label)}</td><td>${esc(c.text)}</td><td>${ev || '-'}</td><td>${outcome}</td></tr>`;
        })
        .join('');
      return `<section><h2>${esc(m.code)} ${esc(m.title)}</h2><table><thead><tr><th scope="col">Criterion</th><th scope="col">Text</th><th scope="col">Evidence</th><th scope="col">Decision</th></tr></thead><tbody>${rows}</tbody></table></section>`;
    })
    .join('');

  const evidence = r.evidence
    .map(
      (e) => `<details><summary>${esc(e.title)} (${esc(e.kind)}, ${day(e.occurredOn)})</summary>
${e.description ? para(e.description) : ''}${e.text ? para(e.text) : ''}${e.url ? `<p>Link: ${esc(e.url)}</p>` : ''}
${e.witness ? `<p>Witness: ${esc(e.witness.name)}, ${esc(e.witness.role)}</p>` : ''}
${e.file ? `<p>File: <a href="${esc(e.file.path)}">${esc(e.file.name)}</a> (SHA-256 <code>${esc(e.file.sha256)}</code>)</p>` : ''}
<p>Mapped to: ${e.mappings.map((m) => esc(m.criterionId)).join(', ') || 'nothing'}</p></details>`,
    )
    .join('');

  const reports = r.reportVersions
    .map((v) => {
      const decisions = v.decisions
        .map(
          (d) =>
            `<li>${d.outcome === 'signed_off' ? 'Signed off' : 'Referred'} by ${esc(d.assessor.name)} on ${day(d.decidedAt)} (hash <code>${esc(d.contentHash)}</code>)${d.countersignatures.map((c) => `; countersigned by ${esc(c.iqa.name)} on ${day(c.at)}`).join('')}</li>`,
        )
        .join('');
      return `<details><summary>Version ${v.number} (${esc(v.moduleSlug)}), submitted ${day(v.submittedAt)}, ${v.countedWords} counted words</summary>
<p>SHA-256 of the text: <code>${esc(v.contentHash)}</code></p>${decisions ? `<ul>${decisions}</ul>` : ''}${para(v.text)}</details>`;
    })
    .join('');

  const qa = r.qaDecisions
    .map(
      (q) =>
        `<tr><td>${esc(q.kind === 'sign_off' ? 'Report sign-off' : q.criterionId)}</td><td>${q.verdict === 'agree' ? 'Agreed' : 'Disagreed'}</td><td>${esc(q.iqa.name)}</td><td>${day(q.at)}</td><td>${esc(q.feedback)}</td></tr>`,
    )
    .join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Learner record: ${esc(r.learner.name)}</title><style>${STYLE}</style></head><body><main>
<h1>Learner record: ${esc(r.learner.name)}</h1>
<p class="note">Exported from ${esc(r.issuer.url ?? r.issuer.name)} on ${day(r.exportedAt)} (record ${esc(r.recordId)}).
This page is for reading. The signed, checkable record is <code>record.json</code> with <code>manifest.json</code> and
<code>signature.jws</code>: check it with <code>npm run -s record -- verify</code>, against the keys at
<code>/.well-known/criterion-keys.json</code> of the centre that issued it (key <code>${esc(r.issuer.kid)}</code>).</p>
<p>Learner: ${esc(r.learner.name)} (${esc(r.learner.email)})</p>
${modules}
<h2>Evidence</h2>${evidence || '<p>No evidence.</p>'}
<h2>Report versions</h2>${reports || '<p>No report submitted.</p>'}
${qa ? `<h2>Quality assurance decisions</h2><table><thead><tr><th scope="col">Decision sampled</th><th scope="col">Verdict</th><th scope="col">By</th><th scope="col">On</th><th scope="col">Feedback</th></tr></thead><tbody>${qa}</tbody></table>` : ''}
${authorship(r)}
<h2>Audit chain</h2><p>The centre's audit log was sealed at position ${r.auditChain.seq} on ${day(r.auditChain.sealedAt)}:
head <code>${esc(r.auditChain.hash)}</code>.</p>
</main></body></html>
`;
}
