// The claim checker: findings in a source (FM001-FM007) and in the annotations YAML (FM104/FM105).
// Pure TypeScript: no file IO, no LSP types. Paths are compared as normalised absolute paths.
import { diffWords } from 'diff';
import { parseDocument, isMap, isSeq, isScalar } from 'yaml';
import type { Entity, Finding, FindingCode, Quote, Severity, Span } from '../types';
import { prefixAt, suffixAt } from './context-words';
import type { AnnotationsModel, CheckOptions, LoadedAnnotations, SourceInput } from './api';
import { anchor, type AnchorResult, type AnchorCandidate } from './anchor';
import { oneEditKind, typoGuard } from './typos';
import { checkWorthiness, DEFAULT_CLAIM_THRESHOLD, overlapping, spanIndex } from './worthiness';
import { matchedClaimsIn, snapToSentences } from './matched';

// ---------------------------------------------------------------------------------------------
// Codes, rule names, default severities

export const FINDING_RULES: Record<
  'FM001' | 'FM002' | 'FM003' | 'FM004' | 'FM005' | 'FM006' | 'FM007' | 'FM008' | 'FM009' | 'FM104' | 'FM105',
  { rule: string; severity: Severity; description: string }
> = {
  FM001: { rule: 'claim-refuted', severity: 'error', description: 'The sentence makes a claim the annotations rate as false (rating class "refuted").' },
  FM002: { rule: 'claim-disputed', severity: 'warning', description: 'The claim is rated disputed, misleading or mixed (rating class "disputed").' },
  FM003: { rule: 'claim-needs-evidence', severity: 'info', description: 'The claim is annotated but not yet rated, rated "unproven", or rated true without supporting evidence.' },
  FM004: { rule: 'unsupported-claim', severity: 'info', description: 'A check-worthy sentence (numbers, dates, comparisons, causal/legal language, attributed statements) that no annotation covers.' },
  FM005: { rule: 'quote-wording', severity: 'warning', description: 'Quoted speech differs in wording from the canonical wording recorded for that quote.' },
  FM006: { rule: 'quote-speaker', severity: 'warning', description: 'The quote is attributed to a different speaker than the annotation records.' },
  FM007: { rule: 'entity-spelling', severity: 'info', description: 'A name is spelled differently from the entity\'s canonical name and its recorded aliases.' },
  FM008: { rule: 'claim-supported', severity: 'info', description: 'The sentence makes a claim the annotations rate as supported (true, mostly true), with supporting evidence.' },
  FM009: { rule: 'claim-match-ambiguous', severity: 'warning', description: 'The sentence matches two or more checked claims equally well; no verdict is applied.' },
  FM104: { rule: 'annotations-orphan', severity: 'warning', description: 'An annotated claim or quote can no longer be found in its source (deleted or rewritten).' },
  FM105: { rule: 'annotations-ambiguous', severity: 'warning', description: 'An annotated claim or quote matches several places equally well; add prefix/suffix context.' },
};

type OwnCode = keyof typeof FINDING_RULES;

// ---------------------------------------------------------------------------------------------
// Paths (pure; accepts POSIX and Windows forms)

/** Normalise a path: forward slashes, no '.'/'..' segments, no trailing slash, lower-case drive. */
export function normalizePath(p: string): string {
  let s = p.replace(/\\/g, '/');
  if (s.startsWith('file://')) s = decodeURIComponent(s.slice(7)).replace(/^\/([A-Za-z]:)/, '$1');
  const drive = /^[A-Za-z]:/.exec(s)?.[0]?.toLowerCase() ?? '';
  if (drive) s = s.slice(2);
  const abs = s.startsWith('/');
  const out: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  return drive + (abs ? '/' : '') + out.join('/');
}

function isAbsolute(p: string): boolean {
  return /^([A-Za-z]:)?[\\/]/.test(p) || p.startsWith('file://');
}

function dirnameOf(p: string): string {
  const n = normalizePath(p);
  const i = n.lastIndexOf('/');
  return i <= 0 ? (n.startsWith('/') ? '/' : '.') : n.slice(0, i);
}

/** Resolve a `sources[].file` (relative to the YAML's directory) to a normalised absolute path. */
export function resolveSourceFile(annotationsPath: string, file: string): string {
  return normalizePath(isAbsolute(file) ? file : dirnameOf(annotationsPath) + '/' + file);
}

/** Id of the source entry of `ann` whose file is `srcPath`, if any. */
export function sourceIdFor(ann: LoadedAnnotations, srcPath: string): string | undefined {
  const target = normalizePath(srcPath);
  return ann.model?.sources.find((s) => s.file && resolveSourceFile(ann.path, s.file) === target)?.id;
}

// ---------------------------------------------------------------------------------------------
// Small text helpers

function normText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u00AB\u00BB]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

function shorten(s: string, max = 140): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const sp = cut.lastIndexOf(' ');
  return (sp > max * 0.6 ? cut.slice(0, sp) : cut) + '…';
}

function firstSentence(s: string | undefined, max = 140): string {
  if (!s) return '';
  const t = s.replace(/\s+/g, ' ').trim();
  const m = /^.*?[.!?](?=\s|$)/.exec(t);
  return shorten(m ? m[0] : t, max);
}

/** Optimal string alignment (Damerau) distance, bounded: returns max+1 when above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

// ---------------------------------------------------------------------------------------------
// Claims: anchoring

export interface ClaimLocation {
  claimId: string;
  /** Annotations file path. */
  annotations: string;
  status: AnchorResult['status'];
  start?: number;
  end?: number;
  score: number;
  candidates: AnchorCandidate[];
}

type Claim = AnnotationsModel['claims'][number];

/** How a claim relates to a source: 'primary' (its declared source), 'also' (listed in alsoIn),
 *  'any' (the claim declares no source), or null (does not apply). */
const SOURCE_PATHS = new WeakMap<AnnotationsModel, { yaml: string; paths: Map<string, string> }>();

/** Normalised absolute path of each declared source id (cached per model). */
function sourcePaths(ann: LoadedAnnotations): Map<string, string> {
  const model = ann.model as AnnotationsModel;
  let c = SOURCE_PATHS.get(model);
  if (!c || c.yaml !== ann.path) {
    const paths = new Map<string, string>();
    for (const s of model.sources) if (s.id && s.file && !paths.has(s.id)) paths.set(s.id, resolveSourceFile(ann.path, s.file));
    c = { yaml: ann.path, paths };
    SOURCE_PATHS.set(model, c);
  }
  return c.paths;
}

function claimScope(ann: LoadedAnnotations, claim: Claim, srcPath: string): 'primary' | 'also' | 'any' | null {
  if (!ann.model) return null;
  if (!claim.source) return 'any';
  const target = normalizePath(srcPath);
  const paths = sourcePaths(ann);
  if (paths.get(claim.source) === target) return 'primary';
  for (const id of claim.alsoIn ?? []) if (paths.get(id) === target) return 'also';
  return null;
}

function anchorClaim(text: string, claim: Claim, scope: 'primary' | 'also' | 'any'): AnchorResult {
  if (scope === 'also') return anchor(text, { exact: claim.text });
  return anchor(text, { exact: claim.text, prefix: claim.prefix, suffix: claim.suffix, position: scope === 'primary' ? claim.position : undefined });
}

/** Where each claim of `ann` that applies to `src` currently is (for hovers / go to definition). */
export function anchorClaims(ann: LoadedAnnotations, src: { path: string; text: string }): ClaimLocation[] {
  const out: ClaimLocation[] = [];
  for (const claim of ann.model?.claims ?? []) {
    const scope = claimScope(ann, claim, src.path);
    if (!scope || !claim.text) continue;
    const r = anchorClaim(src.text, claim, scope);
    out.push({ claimId: claim.id, annotations: ann.path, status: r.status, start: r.start, end: r.end, score: r.score, candidates: r.candidates });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Quotes: wording alignment

interface Tok {
  w: string; // normalised word ('…' for an ellipsis)
  start: number;
  end: number;
}

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  // Words (hyphenated compounds split, so "al-Assad" and "Al Assad" compare equal), and ellipses.
  const re = /\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\]|[\p{L}\p{N}]+(?:['’\u2019][\p{L}\p{N}]+)*/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const raw = m[0];
    const w = /^[\p{L}\p{N}]/u.test(raw) ? stripDiacritics(raw.toLowerCase().replace(/[’\u2019]/g, "'")) : '…';
    // Name particles are transliteration style, not wording ("al-Sharaa" / "Sharaa").
    if (PARTICLES.has(w)) continue;
    out.push({ w, start: m.index, end: m.index + raw.length });
  }
  return out;
}

/** LCS alignment of two token lists: matched index pairs in order. */
function align(a: Tok[], b: Tok[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const dp: Uint16Array[] = [];
  for (let i = 0; i <= n; i++) dp.push(new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = a[i].w === b[j].w && a[i].w !== '…' ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i].w === b[j].w && a[i].w !== '…') {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

export interface QuoteMatch {
  /** The quote found in the source (index into analysis.quotes). */
  quoteIndex: number;
  annotations: string;
  quoteId: string;
  /** Share of the found quote's words that appear, in order, in the canonical wording. */
  similarity: number;
  /** True when the found wording is the canonical wording (or an exact excerpt of it, ellipses allowed). */
  sameWording: boolean;
  /** Canonical wording trimmed to the part the found quote covers. */
  canonicalSegment: string;
  /** Found wording trimmed to the aligned part. */
  foundSegment: string;
  /** Speaker check: null when the found quote has no resolved speaker. */
  speakerMatches: boolean | null;
  /** Index in the annotation's `variants` when the quote was recognised through a recorded variant. */
  variant?: number;
  /** With `variant`: the found wording is that recorded variant's wording (ellipses allowed). */
  variantSame?: boolean;
}

/** Same wording: every found word matched in order, gaps in the other wording only where the found
 *  quote marks an omission with an ellipsis. */
function sameWordingOf(ft: Tok[], pairs: Array<[number, number]>, fWords: number): boolean {
  let same = pairs.length === fWords && pairs.length > 0;
  for (let k = 1; same && k < pairs.length; k++) {
    const [fi0, ci0] = pairs[k - 1];
    const [fi1, ci1] = pairs[k];
    if (ci1 - ci0 > 1 && !ft.slice(fi0 + 1, fi1).some((t) => t.w === '…')) same = false;
  }
  return same;
}

/**
 * The part of the canonical wording a found quote reproduces: from the first to the last aligned
 * canonical word, extended by the found quote's unmatched edge words so that changed first/last
 * words show in the diff. A partial quote that aligns weakly ("in the Russian capital" for "... in
 * our capital") is compared with the stretch of canonical wording, as long as the quote, that shares
 * the most words with it — not with the whole canonical quote. Otherwise the whole canonical wording.
 */
function canonicalSegmentFor(text: string, ft: Tok[], ct: Tok[], pairs: Array<[number, number]>, fWords: number): string {
  const cWords = ct.filter((t) => t.w !== '…').length;
  const segment = (ps: Array<[number, number]>, offset: number) => {
    const firstF = ps[0][0];
    const lastF = ps[ps.length - 1][0];
    const leadF = ft.slice(0, firstF).filter((t) => t.w !== '…').length;
    const trailF = ft.slice(lastF + 1).filter((t) => t.w !== '…').length;
    const c0 = Math.max(0, ps[0][1] + offset - leadF);
    const c1 = Math.min(ct.length - 1, ps[ps.length - 1][1] + offset + trailF);
    return text.slice(ct[c0].start, ct[c1].end);
  };
  if (pairs.length >= 3 && pairs.length >= 0.5 * fWords) return segment(pairs, 0);
  if (pairs.length === 0 || fWords >= 0.7 * cWords) return text;
  // Partial quote: the window of the canonical wording (quote-length) with the most aligned words.
  let bestPairs: Array<[number, number]> = [];
  let bestAt = 0;
  for (let at = 0; at + Math.min(fWords, ct.length) <= ct.length; at++) {
    const ps = align(ft, ct.slice(at, at + fWords));
    if (ps.length > bestPairs.length) {
      bestPairs = ps;
      bestAt = at;
    }
  }
  return bestPairs.length ? segment(bestPairs, bestAt) : text;
}

const MIN_QUOTE_WORDS = 4;
const MIN_QUOTE_SIMILARITY = 0.6;

/** Pair each quote found in the source with the annotated quote it reproduces, if any. */
export function matchQuotes(annotations: LoadedAnnotations[], src: SourceInput): QuoteMatch[] {
  interface Wording {
    toks: Tok[];
    words: Set<string>;
    /** -1 for the canonical wording, else the index in `variants`. */
    variant: number;
  }
  const canon: Array<{ ann: LoadedAnnotations; q: AnnotationsModel['quotes'][number]; wordings: Wording[] }> = [];
  const wording = (text: string, variant: number): Wording => {
    const toks = tokenize(text);
    return { toks, words: new Set(toks.map((t) => t.w)), variant };
  };
  for (const ann of annotations)
    for (const q of ann.model?.quotes ?? []) {
      if (!q.text) continue;
      const wordings = [wording(q.text, -1)];
      (q.variants ?? []).forEach((v, i) => v.text && wordings.push(wording(v.text, i)));
      canon.push({ ann, q, wordings });
    }
  const out: QuoteMatch[] = [];
  if (!canon.length) return out;
  src.analysis.quotes.forEach((found, quoteIndex) => {
    const ft = tokenize(found.text);
    const fWords = ft.filter((t) => t.w !== '…').length;
    if (fWords < MIN_QUOTE_WORDS || ft.length > 400) return;
    const tryAlign = (w: Wording) => {
      if (w.toks.length > 400) return undefined;
      // Cheap filter before the alignment: enough of the found words occur in this wording.
      let shared = 0;
      for (const t of ft) if (w.words.has(t.w)) shared++;
      if (shared < 3 || shared < MIN_QUOTE_SIMILARITY * fWords) return undefined;
      const pairs = align(ft, w.toks);
      if (pairs.length < 3) return undefined;
      const sim = pairs.length / fWords;
      // The matched words must be reasonably dense (not scattered function words).
      const cSpan = pairs[pairs.length - 1][1] - pairs[0][1] + 1;
      const fSpan = pairs[pairs.length - 1][0] - pairs[0][0] + 1;
      if (sim < MIN_QUOTE_SIMILARITY || pairs.length / Math.max(cSpan, fSpan) < 0.6) return undefined;
      // Coverage: how much of this wording the found quote reproduces (tie-breaker: the tighter match).
      const coverage = pairs.length / Math.max(1, w.toks.filter((t) => t.w !== '…').length);
      return { pairs, sim, coverage };
    };
    let best: { c: (typeof canon)[number]; sim: number; coverage: number; variant: number } | undefined;
    for (const c of canon) {
      for (const w of c.wordings) {
        const r = tryAlign(w);
        if (!r) continue;
        // Highest similarity; on ties the wording it covers best; then canonical before variants.
        const better =
          !best ||
          r.sim > best.sim + 1e-9 ||
          (Math.abs(r.sim - best.sim) <= 1e-9 && (r.coverage > best.coverage + 1e-9 || (Math.abs(r.coverage - best.coverage) <= 1e-9 && w.variant < 0 && best.variant >= 0)));
        if (better) best = { c, sim: r.sim, coverage: r.coverage, variant: w.variant };
      }
    }
    if (!best) return;
    const { c, sim } = best;
    // Always compare with the canonical wording (also when the quote was recognised via a variant).
    const ct = c.wordings[0].toks;
    const pairs = align(ft, ct);
    const same = sameWordingOf(ft, pairs, fWords);
    // Recognised through a recorded variant: is it that variant's wording (then the desk knows it)?
    const variantSame = best.variant >= 0 ? sameWordingOf(ft, align(ft, c.wordings.find((w) => w.variant === best!.variant)!.toks), fWords) : undefined;
    const canonicalSegment = canonicalSegmentFor(c.q.text, ft, ct, pairs, fWords);
    const foundSegment = found.text.trim().replace(/[\s,;:]+$/, '');
    const model = c.ann.model as AnnotationsModel;
    const speakerEntity = model.entities.find((e) => e.id === c.q.speaker);
    let speakerMatches: boolean | null = null;
    if (found.speaker && speakerEntity) {
      speakerMatches = nameRefersTo(found.speaker, speakerEntity) || (!!found.speakerMention && nameRefersTo(found.speakerMention.text, speakerEntity));
    }
    out.push({
      quoteIndex,
      annotations: c.ann.path,
      quoteId: c.q.id,
      similarity: Math.round(sim * 1000) / 1000,
      sameWording: same,
      canonicalSegment,
      foundSegment,
      speakerMatches,
      variant: best.variant >= 0 ? best.variant : undefined,
      variantSame,
    });
  });
  return out;
}

/** Word-level diff canonical → found: parts with op 'equal' | 'removed' (only in canonical) | 'added'
 *  (only in the found text). */
/** A short Problems-panel summary of a word diff: the changes themselves when they are few
 *  ("“on” instead of “within”"), else counts (the hover has the full diff). */
export function wordingSummary(diff: Array<{ op: 'equal' | 'added' | 'removed'; text: string }>): string {
  const words = (t: string) => t.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)?.length ?? 0;
  const groups = diffChanges(diff).filter((p): p is DiffChange => p.op === 'change');
  const removed = groups.reduce((n, g) => n + words(g.removed), 0);
  const added = groups.reduce((n, g) => n + words(g.added), 0);
  if (removed + added === 0) return 'punctuation differs';
  const q = (t: string) => `“${t.trim().replace(/\s+/g, ' ')}”`;
  const real = groups.filter((g) => words(g.removed) + words(g.added) > 0);
  if (real.length <= 3 && removed + added <= 8) {
    const norm = (t: string) => t.trim().replace(/\s+/g, ' ');
    // a phrase only added in one place and only left out in another has moved
    const addedOnly = real.filter((g) => !words(g.removed)).map((g) => norm(g.added));
    const removedOnly = real.filter((g) => !words(g.added)).map((g) => norm(g.removed));
    const moved = new Set(addedOnly.filter((t) => removedOnly.includes(t)));
    const parts: string[] = [];
    for (const g of real) {
      if (words(g.removed) && words(g.added)) parts.push(`${q(g.added)} instead of ${q(g.removed)}`);
      else {
        const t = norm(words(g.added) ? g.added : g.removed);
        const part = moved.has(t) ? `${q(t)} moved` : words(g.added) ? `${q(t)} added` : `${q(t)} left out`;
        if (!parts.includes(part)) parts.push(part);
      }
    }
    return parts.join('; ');
  }
  const part = (n: number, what: string) => `${n} word${n === 1 ? '' : 's'} ${what}`;
  if (removed && added) return `${part(removed, 'left out')}, ${added} added`;
  return removed ? part(removed, 'left out') : part(added, 'added');
}

export interface DiffChange {
  op: 'change';
  /** Words only in the canonical wording ('' when none). */
  removed: string;
  /** Words only in the found wording ('' when none). */
  added: string;
}

/**
 * A word diff as runs: equal text, and changes that pair what was left out with what replaced it.
 * Neighbouring removed/added parts separated only by spaces form one change, so "there is" →
 * "that Syria" is one replacement rather than four fragments run together.
 */
export function diffChanges(diff: Array<{ op: 'equal' | 'added' | 'removed'; text: string }>): Array<{ op: 'equal'; text: string } | DiffChange> {
  const out: Array<{ op: 'equal'; text: string } | DiffChange> = [];
  const join = (a: string, b: string) => (!a ? b.trimStart() : /\s$/.test(a) || /^\s/.test(b) ? a + b : `${a} ${b}`);
  for (let i = 0; i < diff.length; i++) {
    const p = diff[i];
    const last = out[out.length - 1];
    if (p.op === 'equal') {
      // whitespace between two changes belongs to the change
      const nextChanges = i + 1 < diff.length && diff[i + 1].op !== 'equal';
      if (!p.text.trim() && last?.op === 'change' && nextChanges) {
        if (last.removed) last.removed += p.text;
        if (last.added) last.added += p.text;
        continue;
      }
      out.push({ op: 'equal', text: p.text });
      continue;
    }
    const change: DiffChange = last?.op === 'change' ? last : { op: 'change', removed: '', added: '' };
    if (change !== last) out.push(change);
    if (p.op === 'removed') change.removed = join(change.removed, p.text);
    else change.added = join(change.added, p.text);
  }
  // Whitespace at the edges of a change belongs between it and its neighbours.
  const res: typeof out = [];
  for (const c of out) {
    if (c.op === 'equal') {
      res.push(c);
      continue;
    }
    const lead = /^\s/.test(c.removed || c.added);
    const trail = /\s$/.test(c.removed) || /\s$/.test(c.added);
    c.removed = c.removed.trim();
    c.added = c.added.trim();
    const prev = res[res.length - 1];
    if (lead && prev && !(prev.op === 'equal' && /\s$/.test(prev.text))) res.push({ op: 'equal', text: ' ' });
    res.push(c);
    if (trail) res.push({ op: 'equal', text: ' ' });
  }
  // collapse a space inserted before text that already starts with one
  for (let i = res.length - 2; i >= 0; i--) {
    const a = res[i];
    const b = res[i + 1];
    if (a.op === 'equal' && b.op === 'equal') {
      a.text = /\s$/.test(a.text) && /^\s/.test(b.text) ? a.text + b.text.trimStart() : a.text + b.text;
      res.splice(i + 1, 1);
    }
  }
  if (res.length && res[res.length - 1].op === 'equal' && !(res[res.length - 1] as { text: string }).text.trim()) res.pop();
  return res;
}

export function wordDiff(canonical: string, found: string): Array<{ op: 'equal' | 'added' | 'removed'; text: string }> {
  return diffWords(normText(canonical), normText(found), { ignoreCase: false }).map((p) => ({
    op: p.added ? 'added' : p.removed ? 'removed' : 'equal',
    text: p.value,
  }));
}

// ---------------------------------------------------------------------------------------------
// Entities: spelling

type ModelEntity = AnnotationsModel['entities'][number];

const PARTICLES = new Set(['al', 'el', 'ul']);

interface NamePiece {
  w: string; // loose form: lower case, no diacritics
  start: number;
  end: number;
  particle: boolean;
  /** Start of the piece including an attached particle ("al-" of "al-Sharaa"). */
  withParticle: number;
}

const PIECES_CACHE = new Map<string, NamePiece[]>();

function pieces(name: string): NamePiece[] {
  let cached = PIECES_CACHE.get(name);
  if (!cached) {
    if (PIECES_CACHE.size > 5000) PIECES_CACHE.clear();
    cached = computePieces(name);
    PIECES_CACHE.set(name, cached);
  }
  return cached;
}

function computePieces(name: string): NamePiece[] {
  const out: NamePiece[] = [];
  const re = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
  let m: RegExpExecArray | null;
  let pendingParticle = -1;
  while ((m = re.exec(name))) {
    const w = stripDiacritics(m[0].toLowerCase()).replace(/['’]s$/, '').replace(/['’]/g, '');
    const particle = PARTICLES.has(w);
    if (particle) {
      pendingParticle = m.index;
      out.push({ w, start: m.index, end: m.index + m[0].length, particle, withParticle: m.index });
      continue;
    }
    out.push({ w, start: m.index, end: m.index + m[0].length, particle, withParticle: pendingParticle >= 0 ? pendingParticle : m.index });
    pendingParticle = -1;
  }
  return out;
}

const core = (ps: NamePiece[]) => ps.filter((p) => !p.particle);

/** Lower-cased with separators kept: exact spelling apart from letter case. */
function caseless(s: string): string {
  return normText(s).toLowerCase().replace(/['’]s$/, '');
}

/** Is `mention` exactly a known spelling of the entity, or a word-bounded part of one ("Putin" of
 *  "Vladimir Putin", "Assad" of "Bashar al-Assad")? Letter case is ignored. */
function isKnownSpelling(mention: string, e: ModelEntity): boolean {
  const m = caseless(mention);
  if (!m) return false;
  for (const n of [e.name, ...(e.aliases ?? [])]) {
    const c = caseless(n);
    if (c === m) return true;
    let i = c.indexOf(m);
    while (i >= 0) {
      const before = i === 0 ? ' ' : c[i - 1];
      const after = i + m.length >= c.length ? ' ' : c[i + m.length];
      if (/[\s\-]/.test(before) && /[\s\-,]/.test(after) && core(pieces(mention)).length > 0) return true;
      i = c.indexOf(m, i + 1);
    }
  }
  return false;
}

/** Does a resolved speaker name refer to the entity (spelling variants allowed)? */
function nameRefersTo(name: string, e: ModelEntity): boolean {
  if (isKnownSpelling(name, e)) return true;
  return spellingVariant(name, e) !== null;
}

interface VariantMatch {
  /** Which spelling of the entity it matched. */
  matched: string;
  /** Suggested replacement (canonical spelling of the matched part). */
  replacement: string;
  distance: number;
  kind: 'form' | 'typo';
}

function tokenLimit(len: number): number {
  if (len < 5) return 0;
  if (len < 8) return 1;
  return 2;
}

/** Is `mention` a different spelling of the entity (same words in another form — particles,
 *  hyphens, diacritics — or a small edit distance from a known spelling)? */
function spellingVariant(mention: string, e: ModelEntity): VariantMatch | null {
  const mp = core(pieces(mention));
  if (!mp.length) return null;
  const mentionHasParticle = pieces(mention).some((p) => p.particle);
  let best: VariantMatch | null = null;
  const canonPieces = core(pieces(e.name));
  for (const spelling of [e.name, ...(e.aliases ?? [])]) {
    const sp = core(pieces(spelling));
    for (let i = 0; i + mp.length <= sp.length; i++) {
      let dist = 0;
      let ok = true;
      for (let k = 0; k < mp.length && ok; k++) {
        const a = mp[k].w;
        const b = sp[i + k].w;
        if (a === b) continue;
        const lim = tokenLimit(Math.min(a.length, b.length));
        // One edit anywhere in the word (guarded by type and what the word already is: typos.ts);
        // two edits only in long words with the same first letter and no prefix relation.
        const d = lim === 0 ? lim + 1 : editDistance(a, b, lim);
        if (d > lim || (d === 1 ? typoGuard(a, b, e.type) !== null : a[0] !== b[0] || a.startsWith(b) || b.startsWith(a))) {
          ok = false;
          break;
        }
        dist += d;
      }
      if (!ok) continue;
      // A single short word is too weak to call a misspelling of a longer name unless identical in form.
      if (dist > 0 && mp.length === 1 && sp.length > 1 && mp[0].w.length < 5) continue;
      // Replacement: the canonical name's corresponding words when the spelling is the canonical name
      // (or aligns with it word for word); otherwise the matched alias words.
      const source = spelling === e.name || sp.length === canonPieces.length ? { text: e.name, ps: canonPieces } : { text: spelling, ps: sp };
      const first = source.ps[i];
      const last = source.ps[i + mp.length - 1];
      if (!first || !last) continue;
      const from = mentionHasParticle ? first.withParticle : first.start;
      const replacement = source.text.slice(from, last.end);
      const cand: VariantMatch = { matched: spelling, replacement, distance: dist, kind: dist === 0 ? 'form' : 'typo' };
      if (!best || cand.distance < best.distance) best = cand;
    }
  }
  if (best && caseless(best.replacement) === caseless(mention)) return null;
  return best;
}

function typeCompatible(mentionType: Entity['type'], entityType: string): boolean {
  if (!entityType || entityType === 'other' || entityType === 'event') return true;
  return mentionType === entityType;
}

// ---------------------------------------------------------------------------------------------
// checkSource

interface Ctx {
  src: SourceInput;
  opts: CheckOptions;
  out: Finding[];
}

function severityFor(code: OwnCode, opts: CheckOptions): Severity | 'off' {
  return opts.severities?.[code as FindingCode] ?? FINDING_RULES[code].severity;
}

function push(ctx: Ctx, code: OwnCode, span: Span, message: string, data: Record<string, unknown>): void {
  const sev = severityFor(code, ctx.opts);
  if (sev === 'off') return;
  ctx.out.push({ code, rule: FINDING_RULES[code].rule, severity: sev, start: span.start, end: span.end, message, data });
}

function ratingInfo(model: AnnotationsModel, verdict: string | undefined) {
  const values = model.scale.map((s) => s.value);
  const best = values.length ? values.reduce((a, b) => Math.max(a, b), -Infinity) : undefined;
  const worst = values.length ? values.reduce((a, b) => Math.min(a, b), Infinity) : undefined;
  const r = verdict ? model.scale.find((s) => s.id === verdict) : undefined;
  return { rating: r, bestRating: best, worstRating: worst };
}

function isDismissed(dismissals: Array<{ d: AnnotationsModel['dismissals'][number]; ann: LoadedAnnotations }>, f: Finding, src: SourceInput): boolean {
  if (!dismissals.length) return false;
  const text = normText(src.text.slice(f.start, f.end));
  for (const { d, ann } of dismissals) {
    if (d.code !== f.code && d.code !== f.rule) continue;
    if (normText(d.text) !== text) continue;
    if (d.claim && f.data?.claimId !== d.claim) continue; // "Not this claim": only that claim's match
    if (d.file) {
      const byPath = resolveSourceFile(ann.path, d.file) === normalizePath(src.path);
      const byId = sourceIdFor(ann, src.path) === d.file;
      if (!byPath && !byId) continue;
    }
    return true;
  }
  return false;
}

/**
 * Check one source against the annotations in scope. Findings are sorted by start offset.
 */
export function checkSource(src: SourceInput, annotations: LoadedAnnotations[], opts: CheckOptions = {}): Finding[] {
  const ctx: Ctx = { src, opts, out: [] };
  const anns = annotations.filter((a) => a.model);
  const covered: Span[] = [];
  const anchoredHere: Array<{ annotations: string; claimId: string; start: number; end: number }> = [];

  // Claims: FM001-FM003.
  for (const ann of anns) {
    const model = ann.model as AnnotationsModel;
    for (const claim of model.claims) {
      if (!claim.text) continue;
      const scope = claimScope(ann, claim, src.path);
      if (!scope) continue;
      // A claim with no declared source is placed by exact copies only; paraphrases and edited
      // copies are the claim matcher's job (with its slot checks), not a fuzzy edit distance.
      const r = scope === 'any' ? anchor(src.text, { exact: claim.text }, { fuzzy: false }) : anchorClaim(src.text, claim, scope);
      if (r.status !== 'exact' && r.status !== 'fuzzy') continue;
      const span = r.status === 'fuzzy' ? snapToSentences(src, { start: r.start as number, end: r.end as number }) : { start: r.start as number, end: r.end as number };
      covered.push(span);
      anchoredHere.push({ annotations: ann.path, claimId: claim.id, start: span.start, end: span.end });
      claimFinding(ctx, ann, model, claim, span, r);
    }
  }

  // The same claims made anywhere else in this document, verbatim or paraphrased (match/).
  for (const m of matchedClaimsIn(src, anns, anchoredHere)) {
    covered.push(m.span);
    if (m.kind === 'ambiguous') push(ctx, 'FM009', m.span, m.message, m.data);
    else claimFinding(ctx, m.ann, m.ann.model as AnnotationsModel, m.claim, m.span, { status: 'matched', score: m.data.score as number }, m.data);
  }

  // Quotes: FM005/FM006.
  const qm = matchQuotes(anns, src);
  for (const m of qm) {
    const found = src.analysis.quotes[m.quoteIndex];
    covered.push(found);
    quoteFindings(ctx, anns, m, found);
  }

  // Entities: FM007.
  entityFindings(ctx, anns);

  // Unsupported claims: FM004.
  unsupportedFindings(ctx, anns, covered);

  // Dismissals.
  const dismissals = anns.flatMap((ann) => (ann.model as AnnotationsModel).dismissals.map((d) => ({ d, ann })));
  const out = ctx.out.filter((f) => !isDismissed(dismissals, f, src));
  out.sort((a, b) => a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return out;
}

function claimFinding(ctx: Ctx, ann: LoadedAnnotations, model: AnnotationsModel, claim: Claim, span: Span, r: { status: string; score: number }, extra: Record<string, unknown> = {}): void {
  const { rating, bestRating, worstRating } = ratingInfo(model, claim.verdict);
  const evidence = claim.evidence ?? [];
  const supports = evidence.filter((e) => e.stance === 'supports').length;
  const contradicts = evidence.filter((e) => e.stance === 'contradicts').length;
  const data: Record<string, unknown> = {
    annotations: ann.path,
    claimId: claim.id,
    sourceId: claim.source,
    verdict: claim.verdict,
    verdictLabel: rating?.label,
    ratingValue: rating?.value,
    bestRating,
    worstRating,
    ratingClass: rating?.class,
    evidenceCount: evidence.length,
    status: claim.status,
    anchor: r.status,
    anchorScore: r.score,
    ...extra,
  };
  const label = rating ? `"${rating.label}"${bestRating !== undefined ? ` (${rating.value}/${bestRating})` : ''}` : '';
  // Messages a reader understands: the verdict and the explanation, with the outlet where the claim
  // was annotated when that is another source (the YAML id stays in `data`).
  const why = firstSentence(claim.explanation, 400);
  const tail = why ? ` ${why}` : '';
  const noEvidence = evidence.length === 0 ? ' No evidence cited yet.' : '';
  const primaryOutlet = claim.source && sourceIdFor(ann, ctx.src.path) !== claim.source ? outletName(model, claim.source) : undefined;
  if (claim.explanation) data.explanation = claim.explanation.replace(/\s+/g, ' ').trim();
  // Where the claim was annotated (when elsewhere) and, for a match, how it matched: one parenthesis.
  const about = [
    primaryOutlet ? `annotated in ${primaryOutlet}` : '',
    typeof extra.match === 'string' ? (extra.match === 'exact' ? 'verbatim copy' : `paraphrase, score ${Number(extra.score).toFixed(2)}`) : '',
  ].filter(Boolean);
  const where = about.length ? ` (${about.join('; ')})` : '';
  const how = '';
  switch (rating?.class) {
    case 'refuted':
      push(ctx, 'FM001', span, `Refuted claim: rated ${label}${where}${how}.${tail}${noEvidence}`, data);
      return;
    case 'disputed':
      push(ctx, 'FM002', span, `Disputed claim: rated ${label}${where}${how}.${tail}${noEvidence}`, data);
      return;
    case 'unproven':
      push(ctx, 'FM003', span, `Claim needs evidence: rated ${label}${where}${how}.${tail}`, { ...data, reason: 'unproven' });
      return;
    case 'supported':
      if (supports > 0) {
        push(ctx, 'FM008', span, `Matches a checked claim: rated ${label}${where}${how}.${tail}`, data);
        return;
      }
      push(
        ctx,
        'FM003',
        span,
        `Claim needs evidence: rated ${label}${where}${how}, but no evidence item supports it${contradicts ? ` (${contradicts} contradict${contradicts === 1 ? 's' : ''} it)` : ''}.`,
        { ...data, reason: 'no-supporting-evidence' },
      );
      return;
    default:
      push(
        ctx,
        'FM003',
        span,
        claim.verdict
          ? `Claim needs evidence: its verdict "${claim.verdict}" is not on the rating scale${where}.`
          : `Claim needs evidence: ${where ? `annotated${where}, ` : ''}not yet rated${claim.status ? ` (status: ${claim.status})` : ''}${evidence.length ? ` — ${evidence.length} evidence item${evidence.length === 1 ? '' : 's'} recorded` : ''}.`,
        { ...data, reason: claim.verdict ? 'unknown-verdict' : 'no-verdict' },
      );
  }
}

/** The outlet a reader knows a source by (sources[].outlet, else its title, file or id). */
export function outletName(model: AnnotationsModel, sourceId: string | undefined): string | undefined {
  if (!sourceId) return undefined;
  const s = model.sources.find((x) => x.id === sourceId);
  return s?.outlet ?? s?.title ?? s?.file ?? sourceId;
}

function quoteFindings(ctx: Ctx, anns: LoadedAnnotations[], m: QuoteMatch, found: Quote): void {
  const ann = anns.find((a) => a.path === m.annotations) as LoadedAnnotations;
  const model = ann.model as AnnotationsModel;
  const q = model.quotes.find((x) => x.id === m.quoteId) as AnnotationsModel['quotes'][number];
  const speaker = model.entities.find((e) => e.id === q.speaker);
  const speakerName = speaker?.name ?? q.speaker;
  const base = { annotations: ann.path, quoteId: q.id, speakerId: q.speaker, speakerName, similarity: m.similarity };
  if (!m.sameWording) {
    const diff = wordDiff(m.canonicalSegment, m.foundSegment);
    const variant = m.variant !== undefined ? q.variants?.[m.variant] : undefined;
    const of = outletName(model, q.source);
    const data = { ...base, canonical: q.text, canonicalSegment: m.canonicalSegment, found: m.foundSegment, diff, knownVariant: !!variant && !!m.variantSame, variantNote: variant?.note, variantSource: variant?.source, variantOutlet: outletName(model, variant?.source), canonicalSource: q.source, canonicalOutlet: of };
    if (variant && m.variantSame) {
      // The desk recorded this wording: a hint with its note, not a warning.
      const sev = ctx.opts.severities?.FM005 ?? 'hint';
      if (sev !== 'off') {
        const vOutlet = outletName(model, variant.source);
        const note = variant.note ? ` Note: ${variant.note.trim()}${/[.!?…]$/.test(variant.note.trim()) ? '' : '.'}` : '';
        ctx.out.push({
          code: 'FM005',
          rule: FINDING_RULES.FM005.rule,
          severity: sev,
          start: found.start,
          end: found.end,
          message: `Recorded variant of ${speakerName}'s quote${vOutlet ? ` (${vOutlet})` : ''}; against the canonical wording${of ? ` (${of})` : ''}: ${wordingSummary(diff)}.${note}`,
          data,
        });
      }
    } else {
      push(ctx, 'FM005', { start: found.start, end: found.end }, `Quote differs from ${speakerName}'s recorded wording${of ? ` (${of})` : ''}: ${wordingSummary(diff)}.`, data);
    }
  }
  if (m.speakerMatches === false && m.similarity >= 0.8) {
    const at = found.speakerMention ?? found;
    push(
      ctx,
      'FM006',
      { start: at.start, end: at.end },
      `Quote attributed to ${found.speaker}, but the annotations record it as said by ${speakerName}.`,
      { ...base, foundSpeaker: found.speaker, quoteStart: found.start, quoteEnd: found.end, speakerMention: found.speakerMention ?? null },
    );
  }
}

function entityFindings(ctx: Ctx, anns: LoadedAnnotations[]): void {
  const ents: Array<{ ann: LoadedAnnotations; e: ModelEntity }> = [];
  for (const ann of anns) for (const e of (ann.model as AnnotationsModel).entities) if (e.name) ents.push({ ann, e });
  if (!ents.length) return;
  const cache = new Map<string, { ann: LoadedAnnotations; e: ModelEntity; v: VariantMatch } | null>();
  const mentions: Array<Pick<Entity, 'start' | 'end' | 'text' | 'type'> & { unrecognised?: boolean }> = ctx.src.analysis.entities.slice();
  for (const m of misspeltUnrecognised(ctx.src, ents.map((x) => x.e))) mentions.push(m); // (no spread of an unbounded list)
  mentions.sort((a, b) => a.start - b.start);
  for (const mention of mentions) {
    if (mention.type !== 'person' && mention.type !== 'place' && mention.type !== 'organization') continue;
    const key = `${mention.type}\u0000${mention.text}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = null;
      const compatible = ents.filter(({ e }) => typeCompatible(mention.type, e.type));
      if (!compatible.some(({ e }) => isKnownSpelling(mention.text, e))) {
        for (const x of compatible) {
          const v = spellingVariant(mention.text, x.e);
          if (v && (!hit || v.distance < hit.v.distance)) hit = { ...x, v };
        }
      }
      cache.set(key, hit);
    }
    if (!hit) continue;
    const { ann, e, v } = hit;
    push(
      ctx,
      'FM007',
      mention,
      `"${mention.text}" is spelled differently from ${e.name}${v.replacement !== e.name ? ` (canonical spelling: "${v.replacement}")` : ''}; not a recorded alias.`,
      {
        annotations: ann.path,
        entityId: e.id,
        canonical: e.name,
        found: mention.text,
        replacement: v.replacement,
        matchedSpelling: v.matched,
        kind: v.kind,
        distance: v.distance,
        recognised: !mention.unrecognised,
      },
    );
  }
}

/**
 * Typos often keep the recogniser from seeing a name at all ("Shaara, a former member ..."). This
 * scans capitalised words that no entity mention covers for a one-edit misspelling of a word of a
 * known entity's name (≥ 5 letters, the edit at any position; not a derived form such as "Syrian"
 * for "Syria", a demonym, country, given name or ordinary word — typos.ts — and never written in
 * lower case in the text, which would make it an ordinary word).
 */
function misspeltUnrecognised(src: SourceInput, entities: ModelEntity[]): Array<Pick<Entity, 'start' | 'end' | 'text' | 'type'> & { unrecognised: true }> {
  const words = new Map<string, ModelEntity>();
  for (const e of entities)
    for (const n of [e.name, ...(e.aliases ?? [])]) for (const p of core(pieces(n))) if (p.w.length >= 5 && !words.has(p.w)) words.set(p.w, e);
  if (!words.size) return [];
  const covered = spanIndex(src.analysis.entities);
  const out: Array<Pick<Entity, 'start' | 'end' | 'text' | 'type'> & { unrecognised: true }> = [];
  const re = /(?<![\p{L}\p{N}'’-])\p{Lu}[\p{Ll}]{4,}(?![\p{L}\p{N}-])/gu;
  const lowerCache = new Map<string, boolean>();
  let m: RegExpExecArray | null;
  while ((m = re.exec(src.text))) {
    const start = m.index;
    const end = start + m[0].length;
    const w = stripDiacritics(m[0].toLowerCase());
    if (words.has(w)) continue; // a known spelling the recogniser skipped: nothing to say
    let target: ModelEntity | undefined;
    for (const [kw, e] of words) {
      if (Math.abs(kw.length - w.length) > 1) continue;
      if (oneEditKind(w, kw) && !typoGuard(w, kw, e.type)) {
        target = e;
        break;
      }
    }
    if (!target) continue;
    if (overlapping(covered, { start, end }).length) continue;
    let lower = lowerCache.get(w);
    if (lower === undefined) {
      lower = new RegExp(`(?<![\\p{L}])${m[0].toLowerCase()}(?![\\p{L}])`, 'u').test(src.text);
      lowerCache.set(w, lower);
    }
    if (lower) continue;
    const type = (['person', 'place', 'organization'] as const).find((t) => t === target!.type) ?? 'person';
    out.push({ start, end, text: m[0], type, unrecognised: true });
  }
  return out;
}

function unsupportedFindings(ctx: Ctx, anns: LoadedAnnotations[], covered: Span[]): void {
  const { src, opts } = ctx;
  if (severityFor('FM004', opts) === 'off') return;
  const threshold = opts.claimThreshold ?? DEFAULT_CLAIM_THRESHOLD;
  const declaring = anns.find((a) => sourceIdFor(a, src.path));
  const sourceId = declaring ? sourceIdFor(declaring, src.path) : undefined;
  const scored: Array<{ span: Span; exact: string; score: number; reasons: string[] }> = [];
  const coveredIdx = spanIndex(covered);
  for (const s of src.analysis.sentences) {
    // Trim whitespace so the range and the prefilled exact text are the sentence itself.
    let start = s.start;
    let end = s.end;
    while (start < end && /\s/.test(src.text[start])) start++;
    while (end > start && /\s/.test(src.text[end - 1])) end--;
    if (end <= start) continue;
    if (overlapping(coveredIdx, { start, end }).length) continue;
    const w = checkWorthiness(s, src.analysis, src.text);
    if (w.score < threshold) continue;
    scored.push({ span: { start, end }, exact: src.text.slice(start, end), score: w.score, reasons: w.reasons });
  }
  const cap = opts.maxUnsupported ?? Math.max(5, Math.round(src.analysis.sentences.length * 0.2));
  const corroboration = new Map<(typeof scored)[number], ReturnType<NonNullable<CheckOptions['corroborate']>>>();
  if (opts.corroborate) for (const x of scored) corroboration.set(x, opts.corroborate(x.span.start, x.span.end));
  const rank = (x: (typeof scored)[number]) => rankWithCorroboration(x.score, corroboration.get(x));
  const ranked = scored.slice().sort((a, b) => rank(b) - rank(a) || a.span.start - b.span.start).slice(0, Math.max(0, cap));
  ranked.forEach((x, i) => {
    const positive = x.reasons.filter((r) => !r.startsWith('but '));
    const why = positive.slice(0, 3).join('; ');
    push(
      ctx,
      'FM004',
      x.span,
      `Check-worthy claim, not yet checked: ${why.replace(/\.$/, '')} (check-worthiness ${x.score.toFixed(2)}).`,
      {
        score: x.score,
        rank: i + 1,
        reasons: x.reasons,
        exact: x.exact,
        prefix: prefixAt(src.text, x.span.start),
        suffix: suffixAt(src.text, x.span.end),
        position: x.span.start,
        sourcePath: src.path,
        sourceId,
        annotations: declaring?.path ?? anns[0]?.path,
        threshold,
        ...(corroboration.get(x) ? { corroboration: corroboration.get(x), rankScore: Math.round(rank(x) * 1000) / 1000 } : {}),
      },
    );
  });
}

/** Ranking score of a check-worthy sentence: a fact only this source reports ranks up to 15% higher,
 *  one every compared source reports up to 15% lower (the worthiness score itself is unchanged). */
export function rankWithCorroboration(score: number, c: { count: number; total: number } | null | undefined): number {
  if (!c || c.total < 2) return score;
  const share = (c.count - 1) / (c.total - 1);
  return score * (1.15 - 0.3 * share);
}

// ---------------------------------------------------------------------------------------------
// checkAnchors: FM104 / FM105 in the YAML

/** Span of a claim's / quote's `text` value in the YAML (index when available, else a parse). */
function yamlSpan(ann: LoadedAnnotations, kind: 'claim' | 'quote', id: string, field = 'text'): Span {
  const entry = ann.index?.[kind]?.[id];
  if (entry) return entry.fields[field] ?? entry.idSpan ?? entry.span;
  try {
    const doc = parseDocument(ann.text);
    const seq = doc.get(kind === 'claim' ? 'claims' : 'quotes', true);
    if (isSeq(seq)) {
      for (const item of seq.items) {
        if (!isMap(item)) continue;
        const idNode = item.get('id', true);
        if (!isScalar(idNode) || String(idNode.value) !== id) continue;
        const node = item.get(field, true) ?? idNode;
        if (isScalar(node) && node.range) return { start: node.range[0], end: node.range[1] };
        if (item.range) return { start: item.range[0], end: item.range[1] };
      }
    }
  } catch {
    /* fall through */
  }
  const i = ann.text.indexOf(id);
  return i >= 0 ? { start: i, end: i + id.length } : { start: 0, end: 0 };
}

/**
 * Anchor every claim (and every quote with a source of record) of `ann` in the given sources and
 * report the ones that can no longer be found (FM104) or match several places (FM105), located at
 * the annotation's `text` value in the YAML. Annotations whose declared source is not among
 * `sources` are not judged.
 */
export function checkAnchors(ann: LoadedAnnotations, sources: SourceInput[], opts: CheckOptions = {}): Finding[] {
  const model = ann.model;
  if (!model) return [];
  const out: Finding[] = [];
  const emit = (code: 'FM104' | 'FM105', span: Span, message: string, data: Record<string, unknown>) => {
    const sev = severityFor(code, opts);
    if (sev === 'off') return;
    out.push({ code, rule: FINDING_RULES[code].rule, severity: sev, start: span.start, end: span.end, message, data });
  };
  const fileOf = (id: string) => model.sources.find((s) => s.id === id)?.file;
  const srcFor = (id: string) => {
    const f = fileOf(id);
    if (!f) return undefined;
    const p = resolveSourceFile(ann.path, f);
    return sources.find((s) => normalizePath(s.path) === p);
  };
  const report = (kind: 'claim' | 'quote', id: string, text: string, results: Array<{ src: SourceInput; r: AnchorResult }>, declared: string | undefined) => {
    if (!results.length) return;
    if (results.some(({ r }) => r.status === 'exact' || r.status === 'fuzzy')) return;
    const label = kind === 'claim' ? 'Claim' : 'Quote';
    const amb = results.find(({ r }) => r.status === 'ambiguous');
    const base = { annotations: ann.path, kind, id, sourceId: declared };
    if (amb) {
      emit(
        'FM105',
        yamlSpan(ann, kind, id),
        `${label} ${id} matches ${amb.r.candidates.length} places equally well in ${declared ? outletName(model, declared) : amb.src.path}; add prefix/suffix context to pick one.`,
        { ...base, sourcePath: amb.src.path, score: amb.r.score, candidates: amb.r.candidates },
      );
      return;
    }
    const where = declared ? `its source (${outletName(model, declared)})` : `any of the ${results.length} checked source${results.length === 1 ? '' : 's'}`;
    const near = results.flatMap(({ src, r }) => r.candidates.map((c) => ({ ...c, sourcePath: src.path }))).sort((a, b) => b.score - a.score)[0];
    emit('FM104', yamlSpan(ann, kind, id), `${label} ${id} is no longer found in ${where}: "${shorten(text, 80)}" was deleted or rewritten.`, {
      ...base,
      sourcePath: declared ? results[0].src.path : undefined,
      bestCandidate: near ?? null,
    });
  };

  for (const claim of model.claims) {
    if (!claim.text) continue;
    if (claim.source) {
      const src = srcFor(claim.source);
      if (!src) continue;
      report('claim', claim.id, claim.text, [{ src, r: anchorClaim(src.text, claim, 'primary') }], claim.source);
    } else {
      report('claim', claim.id, claim.text, sources.map((src) => ({ src, r: anchorClaim(src.text, claim, 'any') })), undefined);
    }
  }
  for (const q of model.quotes) {
    if (!q.text || !q.source) continue;
    const src = srcFor(q.source);
    if (!src) continue;
    const r = anchor(src.text, { exact: q.text, prefix: q.prefix, suffix: q.suffix, position: q.position });
    report('quote', q.id, q.text, [{ src, r }], q.source);
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}
