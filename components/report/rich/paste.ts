/**
 * Clipboard HTML from Word and Google Docs, made into plain structure before the editor reads it (the editor's
 * schema then keeps headings, lists, bold, italic, links and tables and drops every style). Runs in the browser
 * (DOMParser); tests/e2e/report-editor.spec.ts pastes the fixtures in tests/fixtures/clipboard through it.
 */

const LIST_STYLE = /mso-list:\s*l(\d+)\s+level(\d+)/i;
// A Word list's own marker ("1.", "a)", "iv.") says whether the list is numbered; bullets are symbols.
const NUMBERED_MARKER = /^\(?([0-9]+|[a-z]|[ivxlcdm]+)[.)]$/i;

function listInfo(p: Element): { level: number; list: string } | null {
  const m = LIST_STYLE.exec(p.getAttribute('style') ?? '');
  if (m) return { list: m[1]!, level: Number(m[2]) };
  return /^MsoListParagraph/i.test(p.getAttribute('class') ?? '') ? { list: '0', level: 1 } : null;
}

/** Word's marker text for a list paragraph ("·", "o", "1."), removed from the paragraph. */
function takeMarker(p: Element): string {
  let marker = '';
  for (const span of Array.from(p.querySelectorAll('span'))) {
    if (/mso-list:\s*ignore/i.test(span.getAttribute('style') ?? '')) {
      marker ||= (span.textContent ?? '').replace(/\s+/g, ' ').trim();
      span.remove();
    }
  }
  return marker;
}

/**
 * Word writes a list as paragraphs (class MsoListParagraph*, style "mso-list:l0 level1 lfo1") with the bullet or
 * number as text: runs of them become real nested lists.
 */
function wordLists(doc: Document) {
  const paragraphs = Array.from(doc.querySelectorAll('p')).filter((p) => listInfo(p));
  const done = new Set<Element>();
  for (const first of paragraphs) {
    if (done.has(first)) continue;
    const run: Element[] = [];
    for (let el: Element | null = first; el && el.tagName === 'P' && listInfo(el); el = el.nextElementSibling) {
      run.push(el);
      done.add(el);
    }
    // stack[i] is the open list at level i + 1
    const stack: HTMLElement[] = [];
    let top: HTMLElement | null = null;
    for (const p of run) {
      const { level } = listInfo(p)!;
      const ordered = NUMBERED_MARKER.test(takeMarker(p));
      while (stack.length > level) stack.pop();
      while (stack.length < level) {
        const list = doc.createElement(ordered ? 'ol' : 'ul');
        const parentItem = stack.at(-1)?.lastElementChild;
        if (parentItem) parentItem.appendChild(list);
        else if (!top) top = list;
        else (stack.at(-1) ?? top).appendChild(list);
        stack.push(list);
      }
      const li = doc.createElement('li');
      const para = doc.createElement('p');
      para.append(...Array.from(p.childNodes));
      li.appendChild(para);
      stack.at(-1)!.appendChild(li);
    }
    if (top) first.before(top);
    for (const p of run) p.remove();
  }
}

/** Word's and Docs' cells hold paragraphs; a Markdown cell is one line, so they become lines of one cell. */
function flatCells(doc: Document) {
  for (const cell of Array.from(doc.querySelectorAll('td, th'))) {
    const blocks = Array.from(cell.querySelectorAll('p, div, h1, h2, h3, h4, h5, h6, li'));
    blocks.forEach((b, i) => {
      if (i > 0) b.before(doc.createElement('br'));
      b.replaceWith(...Array.from(b.childNodes));
    });
  }
}

/** Cleans pasted HTML; returns the HTML the editor's parser reads. */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Google Docs wraps the whole selection in <b style="font-weight:normal" id="docs-internal-guid-…">.
  for (const b of Array.from(doc.querySelectorAll('b[id^="docs-internal-guid"]')))
    b.replaceWith(...Array.from(b.childNodes));
  // Images stay out: Word's point at files on the learner's computer, and a pasted data: image would put megabytes of
  // text in the report (evidence is uploaded separately).
  for (const el of Array.from(doc.querySelectorAll('style, meta, link, script, title, xml, img'))) el.remove();
  wordLists(doc);
  flatCells(doc);
  // Word's title style is the document's heading.
  for (const p of Array.from(doc.querySelectorAll('p.MsoTitle'))) {
    const h = doc.createElement('h1');
    h.append(...Array.from(p.childNodes));
    p.replaceWith(h);
  }
  return doc.body.innerHTML;
}
