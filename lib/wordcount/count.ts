/**
 * countWords: the number of words LibreOffice Writer reports for the same text
 * (Tools ▸ Word Count / document statistics), pasted as plain text, one paragraph per line.
 *
 * This is a faithful re-implementation of what Writer 7.4 does, discovered by experiment against
 * `soffice --headless` and checked against the corpus in tests/fixtures/wordcount/corpus.json:
 *
 *  1. Each line is a paragraph (a form feed also ends one); words never span paragraphs. As in
 *     Writer's plain-text import, other C0 control characters (except tab) stand for "#".
 *  2. En dash (U+2013) and em dash (U+2014) are word separators (Writer's default
 *     "Additional separators" setting), i.e. they behave exactly like a space.
 *  3. Within a paragraph the text is cut by the ICU rule-based break iterator with
 *     LibreOffice's `count_word` rules: letters, digits, punctuation and symbols glue together
 *     (so `and/or`, `3,000`, `e.g.`, `£1,200.50`, URLs and `don't` are one word each);
 *     hyphen-minus joins letter runs (`customer-focused`) but a run of hyphens after a word ends
 *     that word; Thai, Lao, Hiragana and superscript digits stand alone; format characters
 *     (soft hyphen, joiners) join letters.
 *  4. Writer's scanner (SwScanner) skips white space, takes each break-iterator segment as a
 *     word (so stray punctuation such as `-`, `...`, `•`, `#` counts as a word), and splits off
 *     every CJK/Hangul/kana character as a word of its own.
 *  5. Quirks reproduced on purpose: a zero-width space (U+200B) that directly follows a
 *     non-space character ends the counting of that paragraph (Writer stops there); and a CJK
 *     character outside the Basic Multilingual Plane (e.g. U+20000) that follows two or more
 *     spaces or characters of Writer's Chinese dictionary counts as two words, because Writer's
 *     dictionary break iterator splits its surrogate pair.
 *
 * Pure TypeScript, no dependencies, same result in the browser and on the server (the Unicode
 * classes come from a table generated from the ICU that LibreOffice uses, not from the JS engine).
 */
import { PALETTE, RUNS, ZH_DICT_CJK, ZH_DICT_OTHER } from './unicode-table';

// Flags (must match gen-unicode-table.cpp)
const F_ALETTER = 1;
const F_KATAKANA = 2;
const F_HIRAGANA = 4;
const F_EXTEND = 8;
const F_FORMAT = 16;
const F_CONTROL = 32;
const F_IDEOGRAPHIC = 64;
const F_ASIAN = 128;
const F_ISSPACE = 256;
const F_WHITESPACE = 512;
const F_JAVA_WHITESPACE = 1024;

const HYPHEN_MINUS = 0x2d;
const ZWSP = 0x200b;
const EN_DASH = 0x2013;
const EM_DASH = 0x2014;

let runStarts: Uint32Array | null = null;
let runFlags: Uint16Array | null = null;
let bmp: Uint16Array | null = null;

function decodeTable(): void {
  const starts: number[] = [];
  const flags: number[] = [];
  let i = 0;
  let pos = 0;
  const digit = (ch: number): number => (ch <= 57 ? ch - 48 : ch <= 90 ? ch - 65 + 36 : ch - 97 + 10);
  const readVarint = (): number => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const d = digit(RUNS.charCodeAt(i++));
      if (d >= 31) {
        v += (d - 31) * mul;
        mul *= 31;
      } else {
        return v + d * mul;
      }
    }
  };
  while (i < RUNS.length) {
    pos += readVarint();
    starts.push(pos);
    flags.push(PALETTE[readVarint()]);
  }
  runStarts = Uint32Array.from(starts);
  runFlags = Uint16Array.from(flags);
  const table = new Uint16Array(0x10000);
  for (let r = 0; r < starts.length && starts[r] < 0x10000; r++) {
    const end = r + 1 < starts.length ? Math.min(starts[r + 1], 0x10000) : 0x10000;
    table.fill(flags[r], starts[r], end);
  }
  // Writer's plain-text import turns C0 control characters other than tab, line feed, form feed
  // and carriage return into "#" (a form feed ends the paragraph, see countWords).
  for (let c = 0; c < 0x20; c++) if (c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) table[c] = table[0x23];
  bmp = table;
  // Fast-path classes (see fastParagraph): 1 plain letter/digit/punctuation/symbol,
  // 2 hyphen-minus, 3 white space (u_isspace and White_Space); 0 anything else.
  const simple = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const f = table[c];
    if (f === F_ALETTER) simple[c] = 1;
    else if (f & F_ISSPACE && f & F_WHITESPACE && !(f & (F_ALETTER | F_EXTEND | F_FORMAT))) simple[c] = 3;
  }
  simple[HYPHEN_MINUS] = 2;
  simple[EN_DASH] = 3;
  simple[EM_DASH] = 3;
  simple[ZWSP] = 0;
  for (let c = 0xd800; c < 0xe000; c++) simple[c] = 0;
  simpleClass = simple;
}

let simpleClass: Uint8Array | null = null;

/**
 * Fast path for the common paragraph made only of plain letters, digits, punctuation and symbols
 * (no combining marks, format characters, CJK, Thai, ZWSP or astral characters), hyphens and
 * white space. There every white-space-delimited run is one word, except that a run of two or
 * more hyphens followed by more letters ends a word (the rules of count_word.txt reduce to this).
 * Returns -1 as soon as it meets any other character; the general algorithm then decides.
 */
function fastParagraph(t: string, start: number, end: number): number {
  const cls = simpleClass!;
  let words = 0;
  let inRun = false;
  let dashes = 0; // length of the current hyphen run inside a word
  for (let i = start; i < end; i++) {
    const k = cls[t.charCodeAt(i)];
    if (k === 1) {
      if (!inRun) {
        words++;
        inRun = true;
      } else if (dashes >= 2) {
        words++;
      }
      dashes = 0;
    } else if (k === 2) {
      if (!inRun) {
        words++;
        inRun = true;
      }
      dashes++;
    } else if (k === 3) {
      inRun = false;
      dashes = 0;
    } else {
      return -1;
    }
  }
  return words;
}

function astralFlags(cp: number): number {
  const s = runStarts!;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid] <= cp) lo = mid;
    else hi = mid - 1;
  }
  return runFlags![lo];
}

const SPACE_FLAGS_PLACEHOLDER = -1;
let spaceFlags = SPACE_FLAGS_PLACEHOLDER;

/** Class flags of a code point, with en/em dash already turned into a space (rule 2). */
function flagsOf(cp: number): number {
  if (cp < 0x10000) {
    if (cp === EN_DASH || cp === EM_DASH) return spaceFlags;
    return bmp![cp];
  }
  return astralFlags(cp);
}

function ensureTable(): void {
  if (bmp === null) {
    decodeTable();
    spaceFlags = bmp![0x20];
  }
}

/** Code point at UTF-16 index i of s (a lone surrogate is returned as is). */
function cpAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

// ---- ICU break iterator with LibreOffice's count_word rules -------------------------------
// NFA states (bit positions); see count_word.txt:
//   $LetterSequence = $ALetterEx ($FormatEx* $ALetterEx)*                    {R1}
//   $ALetterEx* $dash+                                                      {R2}
//   $ALetterEx* ($dash $LetterSequence)+ $dash*                             {R3}
//   $KatakanaEx ($FormatEx* $KatakanaEx)*                                   {R4}
//   [:Hiragana:] $Extend*                                                   {R5}
//   [^$Control [:Ideographic:]] $Extend*                                    {R6}
// The longest match wins; with no match the iterator advances one code point.
const S_LA = 1 << 0; // R1 after ALetter (accepting)
const S_LF = 1 << 1; // R1 after Format
const S_PA = 1 << 2; // R2/R3 prefix after ALetter
const S_PD = 1 << 3; // R2 dashes (accepting)
const S_QD = 1 << 4; // R3 after dash, needs a letter sequence
const S_QLA = 1 << 5; // R3 in letter sequence after ALetter (accepting)
const S_QLF = 1 << 6; // R3 in letter sequence after Format
const S_QD2 = 1 << 7; // R3 one dash after a letter sequence (accepting)
const S_QD3 = 1 << 8; // R3 trailing dashes (accepting)
const S_KK = 1 << 9; // R4 after Katakana (accepting)
const S_KF = 1 << 10; // R4 after Format
const S_HH = 1 << 11; // R5 (accepting)
const S_OO = 1 << 12; // R6 (accepting)
const ACCEPTING = S_LA | S_PD | S_QLA | S_QD2 | S_QD3 | S_KK | S_HH | S_OO;

// Input classes of the automaton: 7 bits.
const C_A = 1; // ALetter
const C_E = 2; // Extend
const C_F = 4; // Format
const C_K = 8; // Katakana
const C_D = 16; // hyphen-minus
const C_H = 32; // Hiragana
const C_S = 64; // may start rule R6 (not Control, not Ideographic)

/** One NFA step from the state set `states` on input class `c` (c = -1: the start). */
function nfaStep(states: number, c: number): number {
  const A = (c & C_A) !== 0;
  const E = (c & C_E) !== 0;
  const F = (c & C_F) !== 0;
  const K = (c & C_K) !== 0;
  const D = (c & C_D) !== 0;
  let n = 0;
  if (states & S_LA) {
    if (A || E) n |= S_LA;
    if (F) n |= S_LF;
  }
  if (states & S_LF) {
    if (E || F) n |= S_LF;
    if (A) n |= S_LA;
  }
  if (states & S_PA) {
    if (A || E) n |= S_PA;
    if (D) n |= S_PD | S_QD;
  }
  if (states & S_PD && D) n |= S_PD;
  if (states & S_QD && A) n |= S_QLA;
  if (states & S_QLA) {
    if (A || E) n |= S_QLA;
    if (F) n |= S_QLF;
    if (D) n |= S_QD2;
  }
  if (states & S_QLF) {
    if (E || F) n |= S_QLF;
    if (A) n |= S_QLA;
  }
  if (states & S_QD2) {
    if (A) n |= S_QLA;
    if (D) n |= S_QD3;
  }
  if (states & S_QD3 && D) n |= S_QD3;
  if (states & S_KK) {
    if (E || K) n |= S_KK;
    if (F) n |= S_KF;
  }
  if (states & S_KF) {
    if (E || F) n |= S_KF;
    if (K) n |= S_KK;
  }
  if (states & S_HH && E) n |= S_HH;
  if (states & S_OO && E) n |= S_OO;
  return n;
}

function startStates(c: number): number {
  let n = 0;
  if (c & C_A) n |= S_LA | S_PA;
  if (c & C_D) n |= S_PD | S_QD;
  if (c & C_K) n |= S_KK;
  if (c & C_H) n |= S_HH;
  if (c & C_S) n |= S_OO;
  return n;
}

/** Input class of a code point with flags f. */
function classOf(cp: number, f: number): number {
  let c = 0;
  if (f & F_ALETTER) c |= C_A;
  if (f & F_EXTEND) c |= C_E;
  if (f & F_FORMAT) c |= C_F;
  if (f & F_KATAKANA) c |= C_K;
  if (cp === HYPHEN_MINUS) c |= C_D;
  if (f & F_HIRAGANA) c |= C_H;
  if (!(f & (F_CONTROL | F_IDEOGRAPHIC))) c |= C_S;
  return c;
}

// The DFA, built lazily from the NFA (subset construction on demand). State 0 is dead.
const dfaSets: number[] = [0];
const dfaIds = new Map<number, number>([[0, 0]]);
let dfaNext = new Int16Array(128 * 16).fill(-1);
let dfaAccept = new Uint8Array(16);
const dfaStart = new Int16Array(128).fill(-1);

function dfaState(set: number): number {
  let id = dfaIds.get(set);
  if (id === undefined) {
    id = dfaSets.length;
    dfaSets.push(set);
    dfaIds.set(set, id);
    if (id >= dfaAccept.length) {
      const next = new Int16Array(dfaNext.length * 2).fill(-1);
      next.set(dfaNext);
      dfaNext = next;
      const acc = new Uint8Array(dfaAccept.length * 2);
      acc.set(dfaAccept);
      dfaAccept = acc;
    }
    dfaAccept[id] = set & ACCEPTING ? 1 : 0;
  }
  return id;
}

/** Position of the first CJK ("Asian") code point of the last segment found, or -1. */
let segmentAsian = -1;

/**
 * End (UTF-16 index) of the break-iterator segment that starts at boundary b of paragraph p:
 * the longest match of the rules; with no match the iterator advances one code point.
 */
function segmentEnd(p: string, b: number, end: number): number {
  let cp = p.charCodeAt(b);
  if (cp >= 0xd800 && cp <= 0xdbff) cp = cpAt(p, b);
  let size = cp > 0xffff ? 2 : 1;
  let f = flagsOf(cp);
  let c = classOf(cp, f);
  segmentAsian = f & F_ASIAN ? b : -1;
  let st = dfaStart[c];
  if (st < 0) st = dfaStart[c] = dfaState(startStates(c));
  let i = b + size;
  const last0 = i; // also the "no match" end
  let last = last0;
  while (st !== 0 && i < end) {
    cp = p.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) cp = cpAt(p, i);
    size = cp > 0xffff ? 2 : 1;
    f = flagsOf(cp);
    c = classOf(cp, f);
    const k = st * 128 + c;
    let nx = dfaNext[k];
    if (nx < 0) {
      nx = dfaState(nfaStep(dfaSets[st], c));
      dfaNext[st * 128 + c] = nx; // dfaNext may have been reallocated by dfaState
    }
    st = nx;
    if (st === 0) break;
    if (segmentAsian < 0 && f & F_ASIAN) segmentAsian = i;
    i += size;
    if (dfaAccept[st]) last = i;
  }
  if (segmentAsian >= last) segmentAsian = -1;
  return last;
}

let zhBits: Uint8Array | null = null;

/** xdictionary::exists() for LibreOffice's Chinese dictionary (BMP only; astral: false). */
function zhExists(cp: number): boolean {
  if (cp >= 0x4e00 && cp < 0xa000) {
    if (zhBits === null) {
      const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const bytes = new Uint8Array((0xa000 - 0x4e00) / 8);
      let o = 0;
      for (let k = 0; k + 3 < ZH_DICT_CJK.length; k += 4) {
        const v =
          (B64.indexOf(ZH_DICT_CJK[k]) << 18) |
          (B64.indexOf(ZH_DICT_CJK[k + 1]) << 12) |
          ((B64.indexOf(ZH_DICT_CJK[k + 2]) & 63) << 6) |
          (B64.indexOf(ZH_DICT_CJK[k + 3]) & 63);
        if (o < bytes.length) bytes[o++] = (v >> 16) & 255;
        if (o < bytes.length) bytes[o++] = (v >> 8) & 255;
        if (o < bytes.length) bytes[o++] = v & 255;
      }
      zhBits = bytes;
    }
    const i = cp - 0x4e00;
    return (zhBits[i >> 3] & (1 << (i & 7))) !== 0;
  }
  return ZH_DICT_OTHER.indexOf(cp) >= 0;
}

/**
 * For an astral CJK character at pos, Writer asks its Chinese dictionary break iterator
 * (xdictionary::getWordBoundary). When the run of white space (u_isWhitespace) and dictionary
 * characters just before pos holds two or more code points, xdictionary::seekSegment reports a
 * "segment" that ends at pos, and the boundary it returns is [pos, pos + 1]: half a surrogate
 * pair. Writer then counts the high and the low surrogate as separate words.
 */
function dictionarySplitsSurrogates(t: string, start: number, pos: number): boolean {
  let s = pos;
  let count = 0;
  while (s > start) {
    let cp = t.charCodeAt(s - 1);
    let size = 1;
    if (cp >= 0xdc00 && cp <= 0xdfff && s - 2 >= start) {
      const hi = t.charCodeAt(s - 2);
      if (hi >= 0xd800 && hi <= 0xdbff) {
        cp = ((hi - 0xd800) << 10) + (cp - 0xdc00) + 0x10000;
        size = 2;
      }
    }
    const javaWs = cp < 0x10000 && (flagsOf(cp) & F_JAVA_WHITESPACE) !== 0;
    if (!javaWs && !(cp < 0xfff8 && zhExists(cp))) break;
    s -= size;
    if (++count >= 2) return true;
  }
  return false;
}

/** Is the code point at i skipped by BreakIteratorImpl's skipSpace (White_Space or ZWSP)? */
function isSkippable(cp: number): boolean {
  return cp === ZWSP || (flagsOf(cp) & F_WHITESPACE) !== 0;
}

/** Words in one paragraph [start, end) of text t, as SwTextNode::CountWords counts them. */
function countParagraph(t: string, start: number, end: number): number {
  let words = 0;
  // Break iterator state: boundaries are generated forward from the paragraph start.
  let curB = start; // last boundary <= query position
  let nextB = start < end ? segmentEnd(t, start, end) : end; // first boundary > curB
  let pos = start;
  for (;;) {
    // SwScanner: skip u_isspace code units
    while (pos < end) {
      const c = t.charCodeAt(pos);
      const f = c === EN_DASH || c === EM_DASH ? spaceFlags : c < 0xd800 || c > 0xdfff ? bmp![c] : 0;
      if (!(f & F_ISSPACE)) break;
      pos++;
    }
    if (pos >= end) break;
    const here = t.charCodeAt(pos);
    if (here >= 0xd800 && here <= 0xdbff) {
      const cp = cpAt(t, pos);
      if (cp > 0xffff && flagsOf(cp) & F_ASIAN && dictionarySplitsSurrogates(t, start, pos)) {
        words++; // the high surrogate alone; the low surrogate starts the next "word"
        pos++;
        continue;
      }
    }
    // BreakIteratorImpl::getWordBoundary(text, pos, WORD_COUNT, bDirection = true)
    let next = pos;
    while (next < end) {
      const cp = cpAt(t, next);
      if (!isSkippable(cp)) break;
      next += cp > 0xffff ? 2 : 1;
    }
    let prev = pos;
    while (prev > start) {
      let cp = t.charCodeAt(prev - 1);
      let size = 1;
      if (cp >= 0xdc00 && cp <= 0xdfff && prev - 2 >= start) {
        const hi = t.charCodeAt(prev - 2);
        if (hi >= 0xd800 && hi <= 0xdbff) {
          cp = ((hi - 0xd800) << 10) + (cp - 0xdc00) + 0x10000;
          size = 2;
        }
      }
      if (!isSkippable(cp)) break;
      prev -= size;
    }
    if (prev === start && next === end) break; // empty boundary: scanner gives up
    if (next === end) break; // [len, len]: scanner gives up
    let q = pos;
    let forward = true;
    if (next !== prev) {
      if (next === pos) forward = true;
      else if (prev === pos && prev !== start) forward = false;
      else q = next;
    }
    while (nextB <= q) {
      curB = nextB;
      nextB = segmentEnd(t, curB, end);
    }
    let bStart: number;
    let bEnd: number;
    if (curB === q) {
      if (forward || q === start) {
        bStart = q;
        bEnd = nextB;
      } else {
        // [preceding(q), q]: clipped to the scanner position it is empty
        break;
      }
    } else {
      bStart = curB;
      bEnd = nextB;
    }
    if (bStart < pos) bStart = pos;
    if (bEnd === bStart) break;
    // forceEachAsianCodePointToWord
    let wEnd = bEnd;
    const first = cpAt(t, bStart);
    const firstSize = first > 0xffff ? 2 : 1;
    if (bEnd - bStart > 1 && segmentAsian >= 0) {
      if (flagsOf(first) & F_ASIAN) {
        wEnd = bStart + firstSize;
      } else {
        let k = bStart + firstSize;
        while (k < bEnd) {
          const cp = cpAt(t, k);
          if (flagsOf(cp) & F_ASIAN) {
            wEnd = k;
            break;
          }
          k += cp > 0xffff ? 2 : 1;
        }
      }
    }
    words++;
    pos = wEnd;
  }
  return words;
}

/** Number of words, exactly as LibreOffice Writer counts the same text (one paragraph per line). */
export function countWords(text: string): number {
  if (!text) return 0;
  ensureTable();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // the plain-text import drops a byte-order mark
  const n = text.length;
  let words = 0;
  while (i <= n) {
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x0a || c === 0x0d || c === 0x0c) break;
      j++;
    }
    if (j > i) {
      const fast = fastParagraph(text, i, j);
      words += fast >= 0 ? fast : countParagraph(text, i, j);
    }
    if (j >= n) break;
    i = text.charCodeAt(j) === 0x0d && text.charCodeAt(j + 1) === 0x0a ? j + 2 : j + 1;
  }
  return words;
}
