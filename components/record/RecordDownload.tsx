/**
 * The link to a learner's signed record (a ZIP). A plain link, not a prefetching one: each download is exported,
 * sealed and audited on the server.
 */
export function RecordDownload({ learnerId, own }: { learnerId: string; own: boolean }) {
  return (
    <section aria-labelledby="signed-record" className="mt-8 rounded-xl border border-line bg-white p-5 shadow-sm">
      <h2 id="signed-record" className="text-lg font-semibold text-brand-900">
        {own ? 'Your signed record' : 'Signed record'}
      </h2>
      <p className="mt-1 text-sm text-muted">
        {own
          ? 'Everything in your portfolio, your evidence files, your assessors’ decisions and your report, in one file signed by this centre. Anyone can check it is genuine, and another centre running Criterion can import it.'
          : 'The learner’s whole record in one file signed by this centre: evidence and files, judgements, report versions and sign-offs. Anyone can check it offline.'}
      </p>
      <a
        href={`/api/record/${learnerId}`}
        download
        className="mt-3 inline-block rounded-md border border-brand-500 bg-white px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50"
      >
        Download signed record (.zip)
      </a>
    </section>
  );
}
