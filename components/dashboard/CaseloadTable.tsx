'use client';

import { links } from '@/lib/dashboards/links';
import type { CaseloadRow, ModuleLine } from '@/lib/dashboards/types';
import { SIGN_OFF_SUPERSEDED_NOTE, UNIT_COMPLETION_LABEL } from '@/lib/progress/labels';
import { MiniProgress } from './MiniProgress';
import { formatAgo, formatDay } from '@/lib/format';

/** The next progress review: overdue ones stand out (issue 21). */
function NextReview({ row }: { row: CaseloadRow }) {
  const { dueOn, overdue } = row.nextReview;
  if (!dueOn) return <span className="text-sm text-muted">Not scheduled</span>;
  return overdue ? (
    <span className="inline-flex items-center gap-1 whitespace-nowrap text-sm font-semibold text-notyet">
      <span aria-hidden="true">!</span>Overdue since {formatDay(dueOn)}
    </span>
  ) : (
    <span className="whitespace-nowrap text-sm">Due {formatDay(dueOn)}</span>
  );
}

function Flags({ row }: { row: CaseloadRow }) {
  if (!row.stuck)
    return (
      <span className="text-sm text-met">
        <span aria-hidden="true">{'\u2713 '}</span>On track
      </span>
    );
  return (
    <ul className="space-y-0.5">
      {row.stuckReasons.map((r) => (
        <li key={r} className="flex items-start gap-1 text-sm font-medium text-notyet">
          <span
            aria-hidden="true"
            className="mt-0.5 inline-flex h-4 w-4 shrink-0 items-center justify-center rounded-full bg-notyet text-[10px] font-bold text-white"
          >
            !
          </span>
          <span>{r}</span>
        </li>
      ))}
    </ul>
  );
}

function Worksheets({ row }: { row: CaseloadRow }) {
  if (!row.worksheetsToReview) return <span className="text-sm text-muted">None waiting</span>;
  return (
    <a
      href={links.handIn(row.firstWorksheetToReview!)}
      className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-brand-50 px-2.5 py-1 text-sm font-semibold text-brand-700 hover:bg-brand-100"
    >
      {row.worksheetsToReview} to review<span aria-hidden="true">&rarr;</span>
    </a>
  );
}

/**
 * The caseload: a table with real headers on wide screens, and one card per learner on a phone.
 * A client component although it has no state: the page then sends the rows once, as data, instead of two trees of
 * markup (cards and table) in the page's React payload besides the HTML. That cuts the coach's page by a third
 * (137 to 87 kB for 25 learners) and what the server spends encoding it, so each render holds a server up for less
 * (tests/bench/autosave-load.bench.ts).
 * Each learner's name opens their read-only page. Plain links, not next/link: a page of learners holds a hundred of
 * them, and each next/link is a client component to render, serialise and hydrate (and, once visible, a prefetch
 * request per learner), which made the coach's page slow to render under load (tests/bench/autosave-load.bench.ts).
 */
export function CaseloadTable({ rows, now }: { rows: CaseloadRow[]; now: Date }) {
  return (
    <>
      <CaseloadCards rows={rows} now={now} />
      <div
        className="hidden overflow-x-auto rounded-xl border border-line bg-white shadow-sm md:block"
        role="region"
        aria-label="Caseload table"
        tabIndex={0}
      >
        <table className="min-w-[60rem] w-full text-left text-sm">
          <caption className="sr-only">
            Your learners, with progress per module, last activity, worksheets to review, the next progress review and
            whether they look stuck
          </caption>
          <thead className="bg-canvas text-muted">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Learner
              </th>
              <th scope="col" className="w-[40%] px-4 py-2 font-medium">
                Progress by module
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Last activity
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Worksheets
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Next review
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Attention
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={`border-t border-line align-top ${r.stuck ? 'bg-notyet/5' : ''}`}>
                <th scope="row" className="px-4 py-3 font-normal">
                  <a
                    href={links.coachLearner(r.id)}
                    className="font-semibold text-brand-700 underline-offset-2 hover:underline"
                  >
                    {r.name}
                  </a>
                  <div className="text-xs text-muted">{r.cohorts.map((c) => c.name).join(', ') || 'No cohort'}</div>
                </th>
                <td className="px-4 py-3">
                  {r.modules.length ? (
                    <ul className="space-y-1.5">
                      {r.modules.map((m) => (
                        <li key={m.slug} className="grid grid-cols-[3.75rem_minmax(6rem,1fr)] items-start gap-2">
                          <span className="pt-px text-xs font-semibold text-ink" title={m.title}>
                            {m.code}
                          </span>
                          <div>
                            <MiniProgress progress={m.progress} label={`${m.code} ${m.title}`} />
                            <SignOffNote line={m} />
                          </div>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-muted">Not enrolled on a module with criteria</span>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3">
                  {r.lastActivity ? (
                    <time dateTime={r.lastActivity} title={new Date(r.lastActivity).toUTCString()}>
                      {formatAgo(new Date(r.lastActivity), now)}
                    </time>
                  ) : (
                    <span className="text-muted">Never</span>
                  )}
                </td>
                <td className="px-4 py-3">
                  <Worksheets row={r} />
                </td>
                <td className="px-4 py-3">
                  <NextReview row={r} />
                </td>
                <td className="px-4 py-3">
                  <Flags row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** On a phone, one card per learner instead of a wide table. */
function CaseloadCards({ rows, now }: { rows: CaseloadRow[]; now: Date }) {
  return (
    <ul className="space-y-3 md:hidden" aria-label="Your learners">
      {rows.map((r) => (
        <li
          key={r.id}
          className={`rounded-xl border bg-white p-4 shadow-sm ${r.stuck ? 'border-notyet/40' : 'border-line'}`}
        >
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <a
                href={links.coachLearner(r.id)}
                className="font-semibold text-brand-700 underline-offset-2 hover:underline"
              >
                {r.name}
              </a>
              <div className="text-xs text-muted">{r.cohorts.map((c) => c.name).join(', ') || 'No cohort'}</div>
            </div>
            <span className="shrink-0 text-xs text-muted">
              {r.lastActivity ? `Active ${formatAgo(new Date(r.lastActivity), now)}` : 'Never active'}
            </span>
          </div>
          <ul className="mt-3 space-y-1.5">
            {r.modules.map((m) => (
              <li key={m.slug} className="grid grid-cols-[3.75rem_1fr] items-start gap-2">
                <span className="pt-px text-xs font-semibold">{m.code}</span>
                <div>
                  <MiniProgress progress={m.progress} label={`${m.code} ${m.title}`} />
                  <SignOffNote line={m} />
                </div>
              </li>
            ))}
          </ul>
          <div className="mt-3 flex flex-wrap items-start justify-between gap-2">
            <Flags row={r} />
            <Worksheets row={r} />
          </div>
          <div className="mt-2 text-sm">
            <span className="text-muted">Next review: </span>
            <NextReview row={r} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/**
 * Why a unit whose criteria may all be met is not "All met": its sign-off still needs the countersignature its cohort
 * requires, or an IQA's disagreement took the sign-off out of force and the assessor has to decide again.
 */
function SignOffNote({ line }: { line: ModuleLine }) {
  const text = line.awaitingCountersignature
    ? UNIT_COMPLETION_LABEL.awaiting_countersignature
    : line.signOffSuperseded
      ? SIGN_OFF_SUPERSEDED_NOTE
      : null;
  return text ? <p className="mt-0.5 text-xs text-muted">{text}</p> : null;
}
