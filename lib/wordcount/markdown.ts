/**
 * Turns one line of a learner's Markdown into the text a reader sees once it is formatted
 * (what Word/Writer would show), so that markup never adds words: heading `#`s, list bullets and
 * numbers, block quotes, emphasis markers, table pipes, link targets and images are dropped.
 * Each function is a single left-to-right pass (no backtracking regular expressions).
 */

/** How far a code span, link or autolink may reach: keeps hostile input linear. */
const LOOKAHEAD = 500;

function isSpaceChar(c: number): boolean {
  return (
    c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x0b || c === 0x0c || c === 0x3000 || (c >= 0x2000 && c <= 0x200a)
  );
}

function isAsciiPunct(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0xc0;
}

/** Index of the first non-space character at or after i. */
function skipSpaces(s: string, i: number): number {
  while (i < s.length && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09)) i++;
  return i;
}

/** Strips inline Markdown: emphasis delimiters, code backticks, links, images, escapes, HTML comments. */
function stripInline(s: string): string {
  // Fast path: nothing that could be inline markup.
  let needs = false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x2a || c === 0x5f || c === 0x60 || c === 0x5b || c === 0x21 || c === 0x5c || c === 0x3c || c === 0x7e) {
      needs = true;
      break;
    }
  }
  if (!needs) return s;
  let out = '';
  let i = 0;
  let from = 0; // s[from, i) is still to be copied to out
  const n = s.length;
  // Inside link text: at linkTextEnd jump to linkEnd (the "](target)" part is not shown).
  let linkTextEnd = -1;
  let linkEnd = -1;
  const flush = (): void => {
    if (i > from) out += s.slice(from, i);
  };
  while (i < n) {
    if (i === linkTextEnd) {
      flush();
      i = linkEnd;
      from = i;
      linkTextEnd = -1;
      continue;
    }
    const c = s.charCodeAt(i);
    if (c !== 0x5c && c !== 0x60 && c !== 0x3c && c !== 0x21 && c !== 0x5b && c !== 0x2a && c !== 0x5f && c !== 0x7e) {
      i++;
      continue;
    }
    flush();
    if (c === 0x5c && i + 1 < n && isAsciiPunct(s.charCodeAt(i + 1))) {
      // backslash escape: the character stands for itself
      out += s[i + 1];
      i += 2;
      from = i;
      continue;
    }
    if (c === 0x60) {
      // code span: `code` -> code (backtick runs must match in length)
      let j = i;
      while (j < n && s.charCodeAt(j) === 0x60) j++;
      const run = j - i;
      let k = j;
      let close = -1;
      const limit = Math.min(n, j + LOOKAHEAD, linkTextEnd >= 0 ? linkTextEnd : n);
      while (k < limit) {
        if (s.charCodeAt(k) === 0x60) {
          let m = k;
          while (m < n && s.charCodeAt(m) === 0x60) m++;
          if (m - k === run) {
            close = k;
            break;
          }
          k = m;
        } else k++;
      }
      if (close >= 0) {
        out += s.slice(j, close);
        i = close + run;
      } else {
        out += s.slice(i, j);
        i = j;
      }
      from = i;
      continue;
    }
    if (c === 0x3c && s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end >= 0 && end - i < LOOKAHEAD) {
        out += ' ';
        i = end + 3;
        from = i;
        continue;
      }
    }
    if (c === 0x3c) {
      // autolink <https://...> or <a@b.c>: the address is shown without the brackets
      let end = i + 1;
      const limit = Math.min(n, i + 300);
      while (end < limit && s.charCodeAt(end) !== 0x3e && s.charCodeAt(end) !== 0x3c && s.charCodeAt(end) !== 0x20)
        end++;
      if (end < limit && s.charCodeAt(end) === 0x3e && end > i + 1) {
        const inner = s.slice(i + 1, end);
        if (/^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*$/.test(inner) || /^[^\s<>@]+@[^\s<>@]+$/.test(inner)) {
          out += inner;
          i = end + 1;
          from = i;
          continue;
        }
      }
    }
    if (linkTextEnd < 0 && ((c === 0x21 && s.charCodeAt(i + 1) === 0x5b) || c === 0x5b)) {
      // [text](target) -> text ; ![alt](src) -> (nothing) ; [text][ref] -> text
      const image = c === 0x21;
      const open = image ? i + 1 : i;
      let depth = 0;
      let k = open;
      let closeBracket = -1;
      const bracketLimit = Math.min(n, open + LOOKAHEAD);
      while (k < bracketLimit) {
        const d = s.charCodeAt(k);
        if (d === 0x5c) {
          k += 2;
          continue;
        }
        if (d === 0x5b) depth++;
        else if (d === 0x5d) {
          depth--;
          if (depth === 0) {
            closeBracket = k;
            break;
          }
        }
        k++;
      }
      if (closeBracket > 0) {
        const after = s.charCodeAt(closeBracket + 1);
        let endTarget = -1;
        if (after === 0x28) {
          let p = 1;
          let m = closeBracket + 2;
          const parenLimit = Math.min(n, m + LOOKAHEAD);
          while (m < parenLimit) {
            const e = s.charCodeAt(m);
            if (e === 0x5c) {
              m += 2;
              continue;
            }
            if (e === 0x28) p++;
            else if (e === 0x29) {
              p--;
              if (p === 0) break;
            }
            m++;
          }
          if (m < parenLimit) endTarget = m + 1;
        } else if (after === 0x5b) {
          let m = closeBracket + 2;
          const refLimit = Math.min(n, m + LOOKAHEAD);
          while (m < refLimit && s.charCodeAt(m) !== 0x5d) m++;
          if (m < refLimit) endTarget = m + 1;
        }
        if (endTarget > 0) {
          if (image) {
            i = endTarget;
          } else {
            // keep scanning inside the link text, then skip the target
            linkTextEnd = closeBracket;
            linkEnd = endTarget;
            i = open + 1;
          }
          from = i;
          continue;
        }
      }
      out += s[i];
      i++;
      from = i;
      continue;
    }
    if (c === 0x2a || c === 0x5f || c === 0x7e) {
      // emphasis / strikethrough delimiter run: drop it when it can open or close emphasis
      let j = i;
      while (j < n && s.charCodeAt(j) === c) j++;
      const before = i > 0 ? s.charCodeAt(i - 1) : 0x20;
      const after = j < n ? s.charCodeAt(j) : 0x20;
      const leftFlanking = !isSpaceChar(after);
      const rightFlanking = !isSpaceChar(before);
      let drop = leftFlanking || rightFlanking;
      if (c === 0x5f && isAlnum(before) && isAlnum(after)) drop = false; // snake_case stays
      if (c === 0x7e && j - i === 1 && leftFlanking && rightFlanking) drop = false; // ~ inside a word
      if (!drop) out += s.slice(i, j);
      i = j;
      from = i;
      continue;
    }
    // "<" or "!" that starts nothing: keep it
    out += s[i];
    i++;
    from = i;
  }
  flush();
  return out;
}

type LineKind = 'text' | 'heading' | 'blank' | 'fence' | 'break' | 'setext1' | 'setext2' | 'hidden';

export interface ParsedLine {
  kind: LineKind;
  /** Visible text of the line (for headings, the heading text). */
  text: string;
  level: number;
}

const BULLETS = new Set([0x2d, 0x2a, 0x2b, 0x2022, 0x25e6, 0x25aa, 0x25cf, 0x2023, 0x2043, 0x25a0, 0x25cb, 0xb7]);

/** Classifies a line outside code blocks and returns its visible text. */
export function parseLine(line: string): ParsedLine {
  let i = skipSpaces(line, 0);
  if (i >= line.length) return { kind: 'blank', text: '', level: 0 };
  const indent = i;
  let c = line.charCodeAt(i);
  // fenced code block delimiter
  if (indent < 4 && (c === 0x60 || c === 0x7e)) {
    let j = i;
    while (j < line.length && line.charCodeAt(j) === c) j++;
    if (j - i >= 3) return { kind: 'fence', text: line.slice(i, j), level: 0 };
  }
  // ATX heading
  if (indent < 4 && c === 0x23) {
    let j = i;
    while (j < line.length && line.charCodeAt(j) === 0x23) j++;
    const level = j - i;
    if (level <= 6 && (j === line.length || line.charCodeAt(j) === 0x20 || line.charCodeAt(j) === 0x09)) {
      let end = line.length;
      while (end > j && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end--;
      // optional closing sequence of #s preceded by a space
      let k = end;
      while (k > j && line.charCodeAt(k - 1) === 0x23) k--;
      if (k < end && (k === j || line.charCodeAt(k - 1) === 0x20 || line.charCodeAt(k - 1) === 0x09)) end = k;
      return { kind: 'heading', text: stripInline(line.slice(j, end).trim()), level };
    }
  }
  // setext underline (=== or ---) and thematic breaks (---, ***, ___, - - -)
  if (indent < 4 && (c === 0x3d || c === 0x2d || c === 0x2a || c === 0x5f)) {
    let count = 0;
    let onlyMarks = true;
    let spaced = false;
    for (let k = i; k < line.length; k++) {
      const d = line.charCodeAt(k);
      if (d === c) count++;
      else if (d === 0x20 || d === 0x09) spaced = true;
      else {
        onlyMarks = false;
        break;
      }
    }
    if (onlyMarks) {
      // A setext underline only when it follows a paragraph line; the caller decides and
      // otherwise treats it as a thematic break, an empty list item or literal text.
      if (c === 0x3d) return { kind: 'setext1', text: line.trim(), level: 1 };
      if (c === 0x2d && !spaced) return { kind: 'setext2', text: line.trim(), level: 2 };
      if (count >= 3) return { kind: 'break', text: '', level: 0 };
    }
  }
  // link reference definition "[label]: target" is invisible; footnote "[^1]: text" shows its text
  if (indent < 4 && c === 0x5b) {
    const close = line.indexOf(']:', i);
    if (close > i + 1) {
      const label = line.slice(i + 1, close);
      if (!label.includes('[') && !label.includes(']')) {
        if (label.charCodeAt(0) === 0x5e) {
          return { kind: 'text', text: stripInline(line.slice(close + 2)), level: 0 };
        }
        const rest = line.slice(close + 2).trim();
        if (/^\S+(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?$/.test(rest)) return { kind: 'hidden', text: '', level: 0 };
      }
    }
  }
  // block quotes
  while (c === 0x3e) {
    i = skipSpaces(line, i + 1);
    if (i >= line.length) return { kind: 'blank', text: '', level: 0 };
    c = line.charCodeAt(i);
  }
  // list markers: bullets (-, *, +, •, ...) and ordered (1. or 1)) followed by a space
  if (BULLETS.has(c)) {
    const j = i + 1;
    if (j >= line.length) return { kind: 'blank', text: '', level: 0 };
    const d = line.charCodeAt(j);
    if (d === 0x20 || d === 0x09) i = skipSpaces(line, j);
  } else if (c >= 0x30 && c <= 0x39) {
    let j = i;
    while (j < line.length && j - i < 9 && line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x39) j++;
    const d = line.charCodeAt(j);
    if (
      (d === 0x2e || d === 0x29) &&
      (j + 1 >= line.length || line.charCodeAt(j + 1) === 0x20 || line.charCodeAt(j + 1) === 0x09)
    ) {
      i = skipSpaces(line, j + 1);
    }
  }
  // task list box
  if (line.charCodeAt(i) === 0x5b && line.charCodeAt(i + 2) === 0x5d && ' xX'.includes(line[i + 1] ?? '?')) {
    const d = line.charCodeAt(i + 3);
    if (Number.isNaN(d) || d === 0x20 || d === 0x09) i = skipSpaces(line, i + 3);
  }
  let text = line.slice(i);
  // table rows: | a | b |  (delimiter rows |---|:--:| carry no words)
  if (text.charCodeAt(0) === 0x7c) {
    let delimiterRow = true;
    for (let k = 0; k < text.length; k++) {
      const d = text.charCodeAt(k);
      if (d !== 0x7c && d !== 0x2d && d !== 0x3a && d !== 0x20 && d !== 0x09) {
        delimiterRow = false;
        break;
      }
    }
    if (delimiterRow) return { kind: 'hidden', text: '', level: 0 };
    let row = '';
    for (let k = 0; k < text.length; k++) {
      const d = text.charCodeAt(k);
      if (d === 0x5c && text.charCodeAt(k + 1) === 0x7c) {
        row += '|';
        k++;
      } else row += d === 0x7c ? ' ' : text[k];
    }
    text = row;
  }
  return { kind: 'text', text: stripInline(text), level: 0 };
}
