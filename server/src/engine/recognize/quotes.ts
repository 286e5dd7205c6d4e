// Quoted speech: detection (quote-marks.ts) + speaker attribution (speakers.ts).
//
// Behaviour summary (see the two modules for details):
// - Spans exclude the marks; `open`/`close` are the marks' offsets, `close` null for a quote capped
//   at the end of its paragraph.
// - PARAGRAPH-SPANNING QUOTES (opening mark repeated at each paragraph start, closing mark only at
//   the end of the last one) are reported as one Quote per paragraph; the parts share the speaker
//   found for any of them (normally the cue after the last part), so every part shows who said it.
// - METONYMY: a place/organisation named as the source ("Moscow said", "the Kremlin said") is the
//   speaker (its canonical name). "he"/"she" never resolve to places or organisations; "it said"
//   resolves to a nearby organisation only.
// - Order of attribution: an immediate trailing cue after a quote ending in a comma ("...," Putin
//   said) first; then the nearest verb of saying before the quote in its sentence (or "X:" / a
//   colon at the end of the previous line); then a trailing cue; then continuation.
// - Unnamed sources ("the official", "a Syrian government official who requested anonymity",
//   "analysts") give speaker null with the cue and the description recorded (kind 'unknown').
// - Nested quotes (single inside double) are reported with nested: true and speaker null: the outer
//   speaker is quoting somebody else's words, and we do not guess whose.
// - Consecutive quotes without a cue continue the previous quote's speaker in the same paragraph
//   (kind 'continuation'), and a quote that opens a paragraph with no cue continues the speaker of a
//   quote that opened the previous paragraph.

import type { AttributionCue, Entity, EntityCluster, Quote, Sentence, Span } from '../types';
import { isSpaceCode, isWordCode, RawQuote, scanQuoteMarks } from './quote-marks';
import { Attribution, CueMatch, isHeadlineAt, SpeakerResolver, Subject, tokenize, Tok } from './speakers';
import { internWord } from './words';

const ABBREVIATIONS = new Set<string>([
  'mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'lt', 'col', 'sen', 'rep', 'gov', 'prof', 'jr', 'sr', 'vs',
  'no', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'capt', 'maj', 'sgt', 'adm', 'rev', 'fr', 'mt', 'ft', 'approx', 'etc', 'e.g',
  'i.e', 'u.s', 'u.k', 'u.n', 'e.u',
]);

const PARTICIPLE_LEAD = new Set<string>(['while', 'also', 'before', 'after', 'when', 'and', 'then', 'further', 'thereby']);
const TRAILING_OK_NEXT = new Set<string>([
  'at', 'on', 'in', 'during', 'before', 'after', 'alongside', 'while', 'when', 'via', 'through',
  'from', 'last', 'this', 'earlier', 'later', 'to', 'in', 'as', 'of', 'about',
]);
const NAME_PARTICLES_LOWER = /^(al|el|ad|as|ash|an|bin|ibn|abu|von|van|de|der|di|da|du|la|le|ben|o['’])[-\s]/;

export function findQuotes(text: string, ctx: { entities: Entity[]; clusters: EntityCluster[]; sentences: Sentence[] }): Quote[] {
  const raw = scanQuoteMarks(text);
  if (raw.length === 0) return [];
  const resolver = new SpeakerResolver(text, ctx.entities ?? [], ctx.clusters ?? [], raw.map((q) => ({ start: q.start, end: q.end })));
  const n = raw.length;
  const attrs: Array<Attribution | null> = new Array(n).fill(null);
  /** A cue was found but its subject could not be named: may still be overridden by continuation. */
  const weak: boolean[] = new Array(n).fill(false);
  const partial: boolean[] = new Array(n).fill(false);
  const beginsPara: boolean[] = new Array(n).fill(false);
  const enclosing: number[] = new Array(n).fill(-1);
  const prevTopOf: number[] = new Array(n).fill(-1);

  let lastTop = -1;
  for (let i = 0; i < n; i++) {
    const q = raw[i];
    // The top-level quote that encloses this one (nested quotes come right after it).
    if (lastTop >= 0 && q.open < endOf(raw[lastTop])) enclosing[i] = lastTop;
    // Nested only when an emitted quote encloses it (its opener may have been dropped as an apostrophe).
    const isNested = enclosing[i] >= 0;
    q.nested = isNested;
    const prevTop = isNested ? -1 : lastTop >= 0 && raw[lastTop].paraStart === q.paraStart ? lastTop : -1;
    prevTopOf[i] = isNested ? -1 : lastTop;

    const bound = isNested
      ? raw[enclosing[i]].start
      : Math.max(q.paraStart, prevTop >= 0 ? endOf(raw[prevTop]) + 1 : 0, q.open - 400);
    const ss = sentenceStartBefore(text, q.open, bound);
    // Quotes that open their sentence (about half of them) need no tokens before them.
    let k0 = q.open;
    while (k0 > ss.pos && (isSpaceCode(text.charCodeAt(k0 - 1)) || isDashOrParen(text.charCodeAt(k0 - 1)))) k0--;
    const beforeToks = k0 > ss.pos ? tokenize(text, Math.max(ss.pos, q.open - 240), q.open) : [];
    const begins = beforeToks.every((t) => t.punct);
    beginsPara[i] = q.open === firstNonSpace(text, q.paraStart);
    partial[i] = !begins && isPartial(text, q, ss.pos);
    if (isNested) continue;
    lastTop = i;
    const sameSentenceAsPrev = prevTop >= 0 && ss.hitBound && bound === endOf(raw[prevTop]) + 1;

    let headlineMemo: boolean | undefined;
    const headline = () => (headlineMemo ??= isHeadlineAt(text, q.open));
    let res: Attribution | null = null;
    let weakRes: Attribution | null = null;
    let beforeNull: Attribution | null = null;

    // A trailing cue after the closing mark: "...," Putin said. / "...," said Putin. / "..." X told Y.
    const trailingCue = (): { res: Attribution | null; weak: Attribution | null; cueI: number } => {
      const none = { res: null, weak: null, cueI: -1 };
      if (q.close === null && q.group >= 0) return none; // a run-on part: its cue follows the last part
      const afterStart = q.close !== null ? q.close + 1 : q.end;
      let nextOpen = text.length;
      for (let k = i + 1; k < n; k++) {
        if (raw[k].open > afterStart - 1) {
          nextOpen = raw[k].open;
          break;
        }
      }
      const afterEnd = sentenceEndAfter(text, afterStart, Math.min(nextOpen, afterStart + 300, text.length));
      const afterToks = tokenize(text, afterStart, afterEnd);
      const cues = resolver.findCues(afterToks, headline);
      const innerPeriod = endsWithPeriod(text, q);
      // "We are ready" — Putin   (a dash and a name, nothing else)
      const d0 = afterToks[0];
      if (d0 && (d0.w === '\u2014' || d0.w === '\u2013') && afterToks.length >= 2) {
        const subj = resolver.subjectAfter(afterToks, 1, afterToks.length);
        const rest = subj ? afterToks.slice(subj.startTok + 1).filter((t) => t.s >= subj.end) : [];
        if (subj && (subj.kind === 'entity' || subj.kind === 'name') && (rest.length === 0 || rest[0].punct)) {
          const sp = resolver.speakerOf(subj);
          const a: Attribution = {
            speaker: sp.speaker,
            speakerMention: mention(subj),
            cue: { start: d0.s, end: d0.e, text: d0.w, kind: 'name-after' },
          };
          if (sp.clusterId !== undefined) a.speakerClusterId = sp.clusterId;
          if (sp.speaker !== null) return { res: a, weak: null, cueI: 0 };
        }
      }
      // A name right after the quote followed by a comma opens an apposition, which may be long
      // (""…," Tom Achebe, head of research at Northgate Securities in Lagos, said"): look further.
      let maxCue = 12;
      if (d0 && afterToks.length > 14 && d0.cap) {
        const lead = resolver.subjectAfter(afterToks, 0, Math.min(afterToks.length, 6));
        if (lead && lead.kind === 'entity' && lead.entity!.type === 'person') {
          let k = lead.startTok;
          while (k < afterToks.length && afterToks[k].s < lead.end) k++;
          if (afterToks[k] && afterToks[k].w === ',') maxCue = 32;
        }
      }
      // Headline form "'We will not back down': Okoro on the strike": a colon, then the speaker.
      if (d0 && d0.w === ':' && afterToks.length >= 2 && begins && headline()) {
        const subj = resolver.subjectAfter(afterToks, 1, Math.min(afterToks.length, 8));
        if (subj && subj.kind === 'entity' && subj.entity!.type === 'person') {
          const sp = resolver.speakerOf(subj);
          if (sp.speaker !== null) {
            const a: Attribution = { speaker: sp.speaker, speakerMention: mention(subj), cue: { start: d0.s, end: d0.e, text: ':', kind: 'colon' } };
            if (sp.clusterId !== undefined) a.speakerClusterId = sp.clusterId;
            return { res: a, weak: null, cueI: 0 };
          }
        }
      }
      for (const cue of cues) {
        if (cue.i > maxCue) break;
        if (cue.participle && !cue.subjectAfter) continue;
        let subj: Subject | null = null;
        if (cue.subjectAfter) subj = resolver.subjectAfter(afterToks, cue.j, afterToks.length);
        else {
          subj = resolver.subjectBefore(afterToks, cue.i, 0);
          if (!subj && afterToks.slice(0, cue.i).every((t) => t.punct)) subj = resolver.subjectAfter(afterToks, cue.j, afterToks.length);
        }
        if (!subj) continue;
        if (innerPeriod && !trailingAfterPeriodOk(afterToks, cue, subj)) return none;
        const a = build(text, resolver, subj, cue, afterToks, q, 'after');
        return a.speaker !== null ? { res: a, weak: null, cueI: cue.i } : { res: null, weak: a, cueI: cue.i };
      }
      return none;
    };
    let trailing: { res: Attribution | null; weak: Attribution | null; cueI: number } = { res: null, weak: null, cueI: -1 };
    let trailingDone = false;
    // A quote ending with a comma (or ?/!) followed at once by "X said" is attributed by that cue,
    // even when the sentence before it has a verb of saying ("Lavrov said no, but "...," Putin said").
    if (!begins && endsWithCommaLike(text, q)) {
      trailing = trailingCue();
      trailingDone = true;
      if (trailing.res && trailing.cueI <= 5) res = trailing.res;
    }

    // 1. A cue before the quote in the same sentence.
    const beforeCue = (toks: Tok[]) => {
      const cues = resolver.findCues(toks, headline);
      for (let c = cues.length - 1; c >= 0 && c >= cues.length - 3 && !res; c--) {
        const cue = cues[c];
        if (toks.length - cue.j > 30) break; // too far from the quote to introduce it
        let subj: Subject | null = null;
        if (cue.subjectAfter) subj = resolver.subjectAfter(toks, cue.j, toks.length);
        else if (cue.participle && isParticipleClause(toks, cue.i)) {
          if (sameSentenceAsPrev && attrs[prevTop] && attrs[prevTop]!.speaker) {
            res = continuation(attrs[prevTop]!);
            break;
          }
          subj = resolver.sentenceSubject(toks, cue.i);
        } else {
          subj = resolver.subjectBefore(toks, cue.i, 0);
          if (!subj && toks.slice(0, cue.i).every((t) => t.punct)) subj = resolver.subjectAfter(toks, cue.j, toks.length);
          if (!subj) subj = resolver.unnamedSubjectBefore(toks, cue.i, 0);
        }
        if (subj) {
          // The nearest cue with a subject decides, even an unnamed one ("an aide told reporters").
          const a = build(text, resolver, subj, cue, toks, q, 'before');
          if (a.speaker !== null) res = a;
          else beforeNull = a;
          break;
        }
      }
      // "Putin: "We are ready"" — a name right before a colon.
      if (!res) {
        const last = toks[toks.length - 1];
        if (last && last.w === ':') {
          const subj = resolver.subjectBefore(toks, toks.length - 1, 0);
          if (subj && (subj.kind === 'entity' || subj.kind === 'name') && subj.startTok >= toks.length - 6) {
            const sp = resolver.speakerOf(subj);
            res = {
              speaker: sp.speaker,
              speakerClusterId: sp.clusterId,
              speakerMention: mention(subj),
              cue: { start: last.s, end: last.e, text: ':', kind: 'colon' },
            };
          }
        }
        // "The minister was blunt:", "X, an analyst at Y, has been in touch:", "Duarte agreed:": a
        // clause ending in a colon introduces the quote; its subject (a person opening the clause) speaks.
        if (!res && last && last.w === ':' && !beforeNull) {
          const subj = clauseSubject(resolver, toks);
          if (subj) {
            const sp = resolver.speakerOf(subj);
            if (sp.speaker !== null) {
              res = { speaker: sp.speaker, speakerMention: mention(subj), cue: { start: last.s, end: last.e, text: ':', kind: 'colon' } };
              if (sp.clusterId !== undefined) res.speakerClusterId = sp.clusterId;
            }
          }
        }
      }
    };
    if (!res && !begins) beforeCue(beforeToks);

    // 2. A trailing cue after the closing mark.
    if (!res) {
      if (!trailingDone) trailing = trailingCue();
      if (trailing.res) res = trailing.res;
    }
    // A quote opening a paragraph right after a line ending with a colon ("Putin said:\n"...").
    if (!res && !beforeNull && begins && beginsPara[i] && q.paraStart > 0) {
      let k = q.paraStart - 1;
      while (k > 0 && q.paraStart - k < 8 && isSpaceCode(text.charCodeAt(k))) k--;
      if (text.charCodeAt(k) === 0x3a) {
        const ps = sentenceStartBefore(text, k, Math.max(0, k - 240));
        beforeCue(tokenize(text, ps.pos, k + 1));
      }
    }
    // 3. An unnamed speaker ("the official told reporters:"): speaker null, cue recorded. In the
    //    same sentence as an attributed quote it may still become a continuation (weak).
    if (!res && beforeNull) {
      if (sameSentenceAsPrev) weakRes = beforeNull;
      else res = beforeNull;
    }
    if (!res && !weakRes && trailing.weak) res = trailing.weak;
    // 4. A partial quote in a sentence with no verb of saying whose subject is a person ("Lowe
    //    urged his rivals to "join hands"", "He called for "a fresh start""): the subject's words.
    if (!res && !weakRes && partial[i] && !sameSentenceAsPrev && ss.pos >= q.open - 240) {
      const subj = resolver.sentenceSubject(beforeToks, Math.min(beforeToks.length, 8));
      if (subj && (subj.kind === 'pronoun' || subj.kind === 'entity')) {
        // Only capitalised words (titles) before it, and a lower-case word (its verb) right after.
        let ok = true;
        for (let k = 0; k < subj.startTok && ok; k++) ok = beforeToks[k].punct || beforeToks[k].cap;
        let after = subj.startTok + 1;
        while (after < beforeToks.length && beforeToks[after].s < subj.end) after++;
        let v = beforeToks[after];
        // An appositive name after a short description: "Her editor at Faber, Alex Bowler, calls it "…"".
        if (!ok && subj.startTok >= 2 && subj.startTok <= 6 && beforeToks[subj.startTok - 1].w === ',' && v && v.w === ',') {
          ok = true;
          for (let k = 0; k < subj.startTok - 1 && ok; k++) ok = !beforeToks[k].punct;
          v = beforeToks[after + 1];
        }
        ok = ok && v !== undefined && !v.punct && !v.cap && v.s < q.open;
        if (ok) {
          const sp = resolver.speakerOf(subj);
          if (sp.speaker !== null && !resolver.personBetween(subj.end, q.open, sp.clusterId, subj)) {
            res = { speaker: sp.speaker, speakerMention: mention(subj) };
            if (sp.clusterId !== undefined) res.speakerClusterId = sp.clusterId;
          }
        }
      }
    }
    // The speaker of a sentence of reported speech (its first cue's subject, a person), carried on to
    // the quote that follows it (rules 5 and 6); a pronoun subject only where `pronoun` allows it.
    const continuationOf = (toks: ReturnType<typeof tokenize>, pronoun: boolean): Attribution | null => {
      for (const cue of resolver.findCues(toks, headline)) {
        if (cue.i > 10) break;
        if (cue.subjectAfter || cue.participle) continue;
        const subj = resolver.subjectBefore(toks, cue.i, 0);
        if (!subj || (subj.kind !== 'entity' && subj.kind !== 'name' && !(pronoun && subj.kind === 'pronoun'))) break;
        if (subj.kind === 'entity' && subj.entity!.type !== 'person') break;
        const sp = resolver.speakerOf(subj);
        if (sp.speaker === null) return null;
        const found: Attribution = { speaker: sp.speaker, speakerMention: mention(subj), cue: { start: toks[cue.i].s, end: toks[cue.j - 1].e, text: text.slice(toks[cue.i].s, toks[cue.j - 1].e), kind: 'continuation' } };
        if (sp.clusterId !== undefined) found.speakerClusterId = sp.clusterId;
        return found;
      }
      return null;
    };
    // 5. A quote that is a whole paragraph, with no cue, right after a paragraph ending in reported
    //    speech ("Smith said the plan would fail.\n\n"It cannot work.""): the same speaker goes on.
    if (!res && !weakRes && begins && beginsPara[i] && q.group < 0 && q.close !== null && q.paraStart > 0 && /[.!?]/.test(text[q.close - 1])) {
      let e = q.close + 1;
      while (e < text.length && e - q.close < 4 && (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9 || text.charCodeAt(e) === 13)) e++;
      let k = q.paraStart - 1;
      while (k > 0 && q.paraStart - k < 8 && isSpaceCode(text.charCodeAt(k))) k--;
      if ((e >= text.length || text.charCodeAt(e) === 10) && text.charCodeAt(k) === 0x2e) {
        const ps = sentenceStartBefore(text, k, Math.max(0, k - 300));
        if ((!ps.hitBound || ps.pos === 0) && (i === 0 || endOf(raw[i - 1]) < ps.pos)) {
          const toks = tokenize(text, ps.pos, k + 1);
          res = continuationOf(toks, false);
        }
      }
    }
    // 6. The same inside a paragraph: a quote opening its sentence right after a sentence of reported
    //    speech ("Lind, 67, said the water reached her units. "You can replace a sofa."").
    if (!res && !weakRes && begins && !beginsPara[i] && q.group < 0 && ss.pos > q.paraStart) {
      let k = ss.pos - 1;
      while (k > q.paraStart && ss.pos - k < 8 && isSpaceCode(text.charCodeAt(k))) k--;
      if (text.charCodeAt(k) === 0x2e) {
        const ps = sentenceStartBefore(text, k, Math.max(q.paraStart, k - 300));
        if ((i === 0 || endOf(raw[i - 1]) < ps.pos) && ps.pos >= q.paraStart) {
          const toks = tokenize(text, ps.pos, k + 1);
          res = continuationOf(toks, true);
        }
      }
    }
    if (res) attrs[i] = res;
    else if (weakRes) {
      attrs[i] = weakRes;
      weak[i] = true;
    }
  }

  // Paragraph-spanning quotes: every part gets the attribution found for the group.
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) if (raw[i].group >= 0) (groups.get(raw[i].group) ?? groups.set(raw[i].group, []).get(raw[i].group)!).push(i);
  for (const parts of groups.values()) {
    let src = parts.find((k) => attrs[k] && attrs[k]!.speaker !== null && !weak[k]);
    if (src === undefined) src = parts.find((k) => attrs[k]);
    if (src === undefined) continue;
    for (const k of parts) {
      if (!attrs[k] || (weak[k] && attrs[src]!.speaker !== null)) {
        attrs[k] = { ...attrs[src]! };
        weak[k] = weak[src];
      }
    }
  }

  // Continuation of the previous quote's speaker.
  for (let i = 0; i < n; i++) {
    if (raw[i].nested) continue;
    if (attrs[i] && !weak[i]) continue;
    const p = prevTopOf[i];
    if (p < 0 || !attrs[p] || attrs[p]!.speaker === null) continue;
    const samePara = raw[p].paraStart === raw[i].paraStart;
    const adjacentQuoteParas = !samePara && beginsPara[i] && beginsPara[p] && adjacentParagraphs(text, raw[p], raw[i]);
    // An interview: the answer after the interviewer's question paragraph(s) goes on with the last
    // answer's speaker ("…," she says.\n\nWhere did the book begin?\n\n"With my grandmother's …").
    const afterQuestion = !samePara && !adjacentQuoteParas && beginsPara[i] && !partial[p] && questionsBetween(text, raw[p], raw[i]);
    if (!samePara && !adjacentQuoteParas && !afterQuestion) continue;
    // Another person named between the two quotes ("... 'Ready' as Zelensky rejects 'Ultimatum'")
    // breaks the chain.
    const prevA = attrs[p]!;
    if (resolver.personBetween(endOf(raw[p]), raw[i].open, prevA.speakerClusterId, prevA.speakerMention)) continue;
    attrs[i] = continuation(prevA);
    weak[i] = false;
  }

  const out: Quote[] = [];
  for (let i = 0; i < n; i++) {
    const q = raw[i];
    const a = attrs[i];
    const quote: Quote = {
      start: q.start,
      end: q.end,
      text: text.slice(q.start, q.end),
      open: q.open,
      close: q.close,
      speaker: a ? a.speaker : null,
      partial: partial[i],
      nested: q.nested,
    };
    if (a) {
      if (a.speakerClusterId !== undefined) quote.speakerClusterId = a.speakerClusterId;
      if (a.speakerMention) quote.speakerMention = a.speakerMention;
      if (a.cue) quote.cue = a.cue;
    }
    out.push(quote);
  }
  return out;
}

/**
 * The subject of a clause: a person (or he/she) opening it, after only capitalised words (titles,
 * a team or country) or a determiner, followed by a lower-case word (its verb) or an appositive comma,
 * and no other person before the clause ends.
 */
function clauseSubject(resolver: SpeakerResolver, toks: Tok[]): Subject | null {
  const subj = resolver.sentenceSubject(toks, Math.min(toks.length, 10));
  if (!subj || (subj.kind !== 'pronoun' && subj.kind !== 'entity')) return null;
  // Before it only capitalised words or "the", or at most three words of a role ("India coach X").
  if (subj.startTok > 3) for (let k = 0; k < subj.startTok; k++) if (!(toks[k].punct || toks[k].cap || toks[k].lw === 'the')) return null;
  let after = subj.startTok + 1;
  while (after < toks.length && toks[after].s < subj.end) after++;
  const v = toks[after];
  if (!v || (v.punct && v.w !== ',') || (!v.punct && v.cap)) return null;
  if (toks.length && resolver.personBetween(subj.end, toks[toks.length - 1].s, subj.kind === 'entity' ? subj.entity!.clusterId : undefined, subj)) return null;
  return subj;
}

function endOf(q: RawQuote): number {
  return q.close !== null ? q.close : q.end;
}

function continuation(prev: Attribution): Attribution {
  const a: Attribution = { speaker: prev.speaker };
  if (prev.speakerClusterId !== undefined) a.speakerClusterId = prev.speakerClusterId;
  if (prev.speakerMention) a.speakerMention = prev.speakerMention;
  if (prev.cue) a.cue = { start: prev.cue.start, end: prev.cue.end, text: prev.cue.text, kind: 'continuation' };
  return a;
}

function mention(s: Subject): Span & { text: string } {
  return { start: s.start, end: s.end, text: s.text };
}

function build(
  text: string,
  r: SpeakerResolver,
  subj: Subject,
  cue: CueMatch,
  toks: Tok[],
  q: RawQuote,
  where: 'before' | 'after',
): Attribution {
  const sp = r.speakerOf(subj);
  if (subj.kind === 'name' && sp.speaker !== null && !/^[A-Z]+$/.test(subj.text)) {
    r.addPseudoPerson({ start: subj.start, end: subj.end, text: subj.text, clusterId: sp.clusterId });
  }
  const cs = toks[cue.i].s;
  const ce = toks[cue.j - 1].e;
  let kind: AttributionCue['kind'];
  if (sp.resolvedBy === 'pronoun') kind = 'pronoun';
  else if (sp.resolvedBy === 'description') kind = 'description';
  else if (sp.resolvedBy === 'unknown') kind = 'unknown';
  else if (cue.subjectAfter) kind = 'according-to';
  else if (where === 'before' && /:\s*$/.test(text.slice(ce, q.open))) kind = 'colon';
  else kind = subj.start < cs ? 'name-before' : 'name-after';
  const a: Attribution = {
    speaker: sp.speaker,
    speakerMention: mention(subj),
    cue: { start: cs, end: ce, text: text.slice(cs, ce), kind },
  };
  if (sp.clusterId !== undefined) a.speakerClusterId = sp.clusterId;
  return a;
}

/** "..., hailing the "deep ties"", "while also praising the "ties"": a participle clause. */
function isParticipleClause(toks: Tok[], i: number): boolean {
  const p = toks[i - 1];
  if (!p) return false;
  return p.w === ',' || PARTICIPLE_LEAD.has(p.lw);
}

/** After a quote ending with a full stop, only accept a short trailing cue ("..." Putin said.). */
function trailingAfterPeriodOk(toks: Tok[], cue: CueMatch, subj: Subject): boolean {
  if (cue.i > 4 || toks.length > 14) return false;
  const after = subj.startTok >= cue.j ? subj.startTok + 1 : cue.j;
  const nx = toks[after];
  if (!nx || nx.punct) return true;
  if (subj.startTok >= cue.j) return TRAILING_OK_NEXT.has(nx.lw) || nx.punct;
  if (['that', 'it', 'he', 'she', 'they', 'we', 'the', 'a', 'an', 'there', 'this'].includes(nx.lw)) return false;
  return true;
}

/** The quote ends with a comma, question or exclamation mark (inside or right after the closing mark). */
function endsWithCommaLike(text: string, q: RawQuote): boolean {
  let e = q.end;
  while (e > q.start && isSpaceCode(text.charCodeAt(e - 1))) e--;
  const last = text[e - 1];
  if (last === ',' || last === '?' || last === '!') return true;
  return q.close !== null && text[q.close + 1] === ',';
}

function endsWithPeriod(text: string, q: RawQuote): boolean {
  let e = q.end;
  while (e > q.start && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return text[e - 1] === '.' && text[e - 2] !== '.';
}

/** Partial quote: embedded in a sentence rather than introduced by a colon/comma (bounded work). */
function isPartial(text: string, q: RawQuote, sentStart: number): boolean {
  let k = q.open - 1;
  while (k >= sentStart && isSpaceCode(text.charCodeAt(k))) k--;
  if (k < sentStart) return false;
  const c = text[k];
  if (c === ':' || c === ',' || c === '\u2014' || c === '\u2013') return false;
  // A full clause introduced by "that": long and starting with a capital (or a name particle).
  const inner = text.slice(q.start, Math.min(q.end, q.start + 400));
  let words = 0;
  for (let x = 0, inWord = false; x < inner.length; x++) {
    const sp = isSpaceCode(inner.charCodeAt(x));
    if (!sp && !inWord) words++;
    inWord = !sp;
  }
  const first = inner.trimStart()[0] ?? '';
  const capital = first !== first.toLowerCase() || NAME_PARTICLES_LOWER.test(inner.trimStart());
  if (words > 8 && capital) return false;
  return true;
}

function isDashOrParen(c: number): boolean {
  return c === 0x2014 || c === 0x2013 || c === 0x2d || c === 0x28;
}

function firstNonSpace(text: string, from: number): number {
  let k = from;
  while (k < text.length && isSpaceCode(text.charCodeAt(k))) k++;
  return k;
}

function isAbbreviationDot(text: string, k: number): boolean {
  // k: index of '.'
  let s = k;
  while (s > 0 && k - s < 6 && (isWordCode(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 0x2e)) s--;
  const w = internWord(text, s, k).lw; // = the slice lower-cased
  if (w.length === 1 && text[s] !== text[s].toLowerCase()) return true; // initial "J."
  return ABBREVIATIONS.has(w);
}

/** Start of the sentence holding `pos`, scanning back no further than `bound`. */
export function sentenceStartBefore(text: string, pos: number, bound: number): { pos: number; hitBound: boolean } {
  for (let k = pos - 1; k >= bound; k--) {
    const c = text.charCodeAt(k);
    if (c === 10) return { pos: k + 1, hitBound: false };
    if ((c === 0x2e || c === 0x21 || c === 0x3f) && k + 1 < pos && isSpaceCode(text.charCodeAt(k + 1))) {
      if (c === 0x2e && isAbbreviationDot(text, k)) continue;
      return { pos: k + 1, hitBound: false };
    }
  }
  return { pos: Math.max(bound, 0), hitBound: true };
}

/** End of the sentence starting at or before `pos`, scanning no further than `bound`. */
export function sentenceEndAfter(text: string, pos: number, bound: number): number {
  for (let k = pos; k < bound; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) return k;
    if ((c === 0x2e || c === 0x21 || c === 0x3f) && (k + 1 >= text.length || isSpaceCode(text.charCodeAt(k + 1)))) {
      if (c === 0x2e && isAbbreviationDot(text, k)) continue;
      return k + 1;
    }
  }
  return bound;
}

/** Are the paragraphs of two quotes adjacent (only line breaks and the first quote's tail between)? */
/** Only one or two paragraphs between a's paragraph and b's, each a question (ends with "?"), none quoted. */
function questionsBetween(text: string, a: RawQuote, b: RawQuote): boolean {
  let from = endOf(a) + 1;
  if (b.open - from > 900) return false;
  // Skip the rest of a's paragraph.
  const nl = text.indexOf('\n', from);
  if (nl < 0 || nl >= b.paraStart) return false;
  from = nl;
  const mid = text.slice(from, b.paraStart).split(/\n\s*\n|\n/).map((x) => x.trim()).filter((x) => x.length > 0);
  if (mid.length === 0 || mid.length > 2) return false;
  return mid.every((x) => x.endsWith('?') && x.length < 300 && !/["“”]/.test(x));
}

function adjacentParagraphs(text: string, a: RawQuote, b: RawQuote): boolean {
  const from = endOf(a) + 1;
  if (b.open - from > 600) return false;
  let breaks = 0;
  for (let k = from; k < b.paraStart; k++) {
    if (text.charCodeAt(k) === 10) {
      breaks++;
      // a blank line counts as one break
      while (k + 1 < b.paraStart && isSpaceCode(text.charCodeAt(k + 1))) k++;
    }
  }
  return breaks === 1;
}
