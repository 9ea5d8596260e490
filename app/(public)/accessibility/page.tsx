import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/PageHeader';
import { AXE_JOURNEYS, KEYBOARD_JOURNEYS } from '@/lib/accessibility';
import { ASSESSOR_SHORTCUTS } from '@/lib/reports/shortcuts';

export const metadata: Metadata = { title: 'Accessibility statement' };

const h2 = 'mt-8 text-xl font-semibold text-brand-900';
const p = 'mt-2 max-w-3xl';
const list = 'mt-2 max-w-3xl list-disc space-y-1 pl-6';

/** Criterion's accessibility statement: the standard it aims at, how that is tested, and what is known not to meet it. */
export default function AccessibilityPage() {
  return (
    <>
      <PageHeader
        title="Accessibility statement"
        lead="Criterion aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, for learners, assessors, coaches, quality assurers and administrators alike."
      />
      <div className="text-[15px] leading-7">
        <h2 className={h2}>How we test</h2>
        <p className={p}>
          Every change runs Criterion&rsquo;s end-to-end tests in Chromium. They sign in through the real form as each
          role and check each page they visit with axe-core, whose rules cover WCAG 2.0, 2.1 and 2.2 at levels A and AA
          as far as automated checks can. A test fails on any violation. The journeys checked this way:
        </p>
        <ul className={list}>
          {AXE_JOURNEYS.map((j) => (
            <li key={j.file}>{j.who}</li>
          ))}
        </ul>
        <p className={p}>These journeys are done with the keyboard alone, with the focus visible at every step:</p>
        <ul className={list}>
          {KEYBOARD_JOURNEYS.map((title) => (
            <li key={title}>{title[0]!.toUpperCase() + title.slice(1)}.</li>
          ))}
        </ul>
        <p className={p}>
          Pages are looked at at desktop width and at a phone&rsquo;s width of 390 pixels, where nothing needs scrolling
          sideways except wide tables of results, which scroll within their own box.
        </p>

        <h2 className={h2}>Keyboard shortcuts</h2>
        <p className={p}>
          On a report they assess, assessors can judge criterion by criterion with single keys (listed on the page under
          &ldquo;Keyboard shortcuts&rdquo;):
        </p>
        <ul className={list}>
          {ASSESSOR_SHORTCUTS.map((s) => (
            <li key={s.key}>
              <kbd className="font-mono">{s.key}</kbd>: {s.does}
            </li>
          ))}
        </ul>
        <p className={p}>
          They never act while you type in a text box or hold Ctrl, Alt or Cmd, each change is announced to screen
          readers, and they can be turned off on the page (WCAG 2.1.4, character key shortcuts); the choice is kept in
          that browser. Every shortcut has a button or choice on the page that does the same.
        </p>

        <h2 className={h2}>What WCAG 2.2 added</h2>
        <ul className={list}>
          <li>
            <strong>Target size (2.5.8):</strong> buttons and form controls are at least 24 by 24 pixels or spaced so
            that they do not crowd each other; axe&rsquo;s target-size rule checks every page above.
          </li>
          <li>
            <strong>Focus not obscured (2.4.11):</strong> the header scrolls away with the page, so nothing sticky
            covers the element that has the focus.
          </li>
          <li>
            <strong>Dragging movements (2.5.7):</strong> nothing needs dragging: files are chosen with a button.
          </li>
          <li>
            <strong>Accessible authentication (3.3.8):</strong> signing in asks for an email address and a password,
            with no puzzle to solve. Both fields let password managers fill them and allow pasting.
          </li>
          <li>
            <strong>Consistent help (3.2.6) and redundant entry (3.3.7):</strong> the{' '}
            <Link href="/glossary" className="text-brand-700 underline">
              glossary
            </Link>{' '}
            explains every status in the words the pages use, and no form asks twice for what it already knows.
          </li>
        </ul>

        <h2 className={h2}>Known limitations</h2>
        <ul className={list}>
          <li>
            With &ldquo;Edit as plain text (Markdown)&rdquo; on, the portfolio report is Markdown: a screen reader reads
            the marks for headings and lists (such as <code>##</code>) as typed. The word-processor editor, the default,
            shows real headings and lists.
          </li>
          <li>
            Photos, voice notes and videos are learners&rsquo; own evidence: they have no captions or transcript unless
            the learner writes one in the evidence&rsquo;s description.
          </li>
          <li>
            The printed portfolio is made by the browser&rsquo;s print to PDF, which does not tag headings for assistive
            technology in the PDF. The same record is a web page and a JSON file.
          </li>
          <li>
            A screen reader in browse mode uses the letters J, K, M and N for its own navigation, so the
            assessor&rsquo;s shortcuts reach the page only in focus (forms) mode; the buttons on each criterion work in
            either mode.
          </li>
          <li>
            Charts (an assessor&rsquo;s agreement rate over time) carry a table of the same figures for screen readers;
            the picture itself is not described point by point.
          </li>
          <li>
            Automated checks find only part of the problems people meet, and Criterion has not yet been tried by people
            who use screen readers every day (NVDA, JAWS, VoiceOver). Reports from them are most welcome.
          </li>
        </ul>

        <h2 className={h2}>Tell us</h2>
        <p className={p}>
          If something in Criterion is hard to use with the way you work, tell your centre&rsquo;s administrator, or
          open an issue in Criterion&rsquo;s project. Say the page and what happened: we treat it as a bug.
        </p>
      </div>
    </>
  );
}
