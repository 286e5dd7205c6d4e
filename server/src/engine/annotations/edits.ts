// Edit planners for the annotations YAML (pure TypeScript).
//
// Each planner returns offset-based TextEditPlan[] on the YAML text. Edits are minimal insertions
// placed with the `yaml` parser's node ranges, so the user's comments, key order, quoting and
// formatting stay byte-identical outside the inserted text. When the target cannot be edited in
// place (e.g. a flow-style `{...}` root), the planner falls back to the yaml Document API.
// Planners throw an Error with a clear message when the target (entity id ...) does not exist, and
// return [] when there is nothing to do (alias already present, identical dismissal ...).
import { parseDocument, isMap, isSeq, isScalar, isPair, type Document, type Node as YNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEditPlan } from './api';

/** Canonical order of the top-level keys (used when a missing key has to be created). */
const TOP_ORDER = ['version', 'publisher', 'scale', 'sources', 'entities', 'claims', 'quotes', 'dismissals'];

const FRESH_HEADER =
  '# Factmark annotations: sources, entities, claims (verdicts + evidence), canonical quotes and\n' +
  '# dismissed findings. Every key is described in the JSON Schema (annotations.schema.json).\n' +
  'version: 1\n';

type Value = string | number | boolean | string[] | Array<Record<string, Value>> | undefined;
type Item = Record<string, Value>;

export interface AnnotateClaimInput {
  /** Exact text of the claim in the source. */
  text: string;
  prefix?: string;
  suffix?: string;
  /** Source file path relative to the YAML file's folder (forward slashes). */
  sourceFile: string;
  /** Id to use if the source has to be added (generated from the file name otherwise). */
  sourceId?: string;
  position?: number;
  /** Claim id (generated, unique, when omitted). */
  id?: string;
  /** Entity id of who made the claim. */
  claimant?: string;
}

export interface DismissInput {
  code: string;
  /** Source file relative to the YAML file's folder; omit for all files. */
  file?: string;
  text: string;
  /** Only this claim's match on the text ("Not this claim"). */
  claim?: string;
  reason?: string;
  by?: string;
  date?: string;
}

export interface AddQuoteInput {
  /** Entity id of the speaker (must exist). */
  speaker: string;
  /** Canonical wording. */
  text: string;
  sourceFile?: string;
  sourceId?: string;
  prefix?: string;
  suffix?: string;
  position?: number;
  id?: string;
}

export interface AddEntityInput {
  name: string;
  type: 'person' | 'place' | 'organization' | 'event' | 'other';
  aliases?: string[];
  id?: string;
  description?: string;
  wikidata?: string;
}

// ---------------------------------------------------------------------------------------------
// Scalars

const PLAIN_RE = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} .,'’()\/&+-]*$/u;
const RESERVED_RE = /^(?:true|false|yes|no|on|off|null|~|y|n|[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan|\d{4}-\d\d-\d\d.*)$/i;

/** A YAML scalar for `s` that reads back as exactly `s` (plain when safe, else double-quoted). */
export function yamlScalar(s: string, flow = false): string {
  const plainOk =
    PLAIN_RE.test(s) &&
    !RESERVED_RE.test(s) &&
    s === s.trim() &&
    !/\s#|:\s|: *$/.test(s) &&
    !(flow && /[,\[\]{}]/.test(s)) &&
    !/^[-?]/.test(s);
  return plainOk ? s : JSON.stringify(s);
}

function renderValue(v: Value): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return yamlScalar(v);
  return '';
}

/** Render a mapping as a block sequence item ("- key: value" lines) at the given indentation. */
function renderItem(item: Item, dashIndent: number, keyOffset = 2, comment?: string): string {
  const pad = ' '.repeat(dashIndent);
  const keyPad = ' '.repeat(dashIndent + keyOffset);
  const lines: string[] = [];
  let first = true;
  for (const [k, v] of Object.entries(item)) {
    if (v === undefined) continue;
    const lead = first ? pad + '-' + ' '.repeat(keyOffset - 1) : keyPad;
    first = false;
    if (Array.isArray(v)) {
      if (v.length === 0) lines.push(`${lead}${k}: []`);
      else if (typeof v[0] === 'string') lines.push(`${lead}${k}: [${(v as string[]).map((s) => yamlScalar(s, true)).join(', ')}]`);
      else {
        lines.push(`${lead}${k}:`);
        for (const sub of v as Item[]) lines.push(renderItem(sub, dashIndent + keyOffset + 2).replace(/\n$/, ''));
      }
    } else lines.push(`${lead}${k}: ${renderValue(v)}`);
  }
  if (comment) lines.push(`${keyPad}# ${comment}`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Text helpers

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}
/** Offset just after the line containing `offset` (after its '\n'), or text.length. */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}
/** Last offset of real content in [from, to): skips trailing whitespace. */
export function contentEnd(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && /\s/.test(text[e - 1])) e--;
  return e;
}

function parse(text: string): Document {
  return parseDocument(text, { prettyErrors: false, keepSourceTokens: false }) as Document;
}

function assertParsable(doc: Document): void {
  const fatal = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  if (fatal) throw new Error(`The annotations file has a YAML syntax error (${fatal.message.split('\n')[0]}); fix it before editing it with a quick fix.`);
  if (doc.contents && !isMap(doc.contents)) throw new Error('The annotations file must be a mapping (keys such as sources, entities, claims) to be edited.');
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item as Pair;
  return undefined;
}

function itemsOf(doc: Document, key: string): YAMLMap[] {
  const root = doc.contents;
  if (!root || !isMap(root)) return [];
  const seq = findPair(root, key)?.value;
  return seq && isSeq(seq) ? (seq.items.filter((i) => isMap(i)) as YAMLMap[]) : [];
}

function getStr(map: YAMLMap, key: string): string | undefined {
  const p = findPair(map, key);
  return p && isScalar(p.value) && typeof p.value.value === 'string' ? p.value.value : undefined;
}

function normFile(f: string): string {
  return f.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'item'
  );
}

function uniqueId(base: string, taken: Set<string>): string {
  const b = /^[A-Za-z0-9]/.test(base) ? base : 'x' + base;
  if (!taken.has(b)) return b;
  for (let i = 2; ; i++) if (!taken.has(`${b}-${i}`)) return `${b}-${i}`;
}

function nextNumberedId(prefix: string, taken: Set<string>): string {
  let max = 0;
  const re = new RegExp(`^${prefix}-(\\d+)$`);
  for (const id of taken) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  let n = Math.max(max + 1, taken.size + 1);
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

function idsOf(doc: Document, key: string): Set<string> {
  return new Set(itemsOf(doc, key).map((m) => getStr(m, 'id')).filter((x): x is string => !!x));
}

// ---------------------------------------------------------------------------------------------
// Insertion machinery

/** Apply non-overlapping edits (used for fresh files and for tests). */
export function applyEdits(text: string, edits: TextEditPlan[]): string {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function isWholeRewrite(text: string, edits: TextEditPlan[]): boolean {
  return edits.some((e) => e.start === 0 && e.end === text.length);
}

/** Apply `first`, plan the rest on the result, and return one whole-text replacement. */
function sequential(text: string, first: TextEditPlan[], rest: (t: string) => TextEditPlan[]): TextEditPlan[] {
  const mid = applyEdits(text, first);
  return [{ start: 0, end: text.length, newText: applyEdits(mid, rest(mid)) }];
}

/** Use the file's own line endings (CRLF files stay CRLF). */
function withEol(text: string, edits: TextEditPlan[]): TextEditPlan[] {
  if (!text.includes('\r\n')) return edits;
  return edits.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, '\r\n') }));
}

/** Merge insertions at the same offset (in creation order) so editors apply them predictably. */
function mergeEdits(edits: TextEditPlan[]): TextEditPlan[] {
  const out: TextEditPlan[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === e.start && e.end === e.start);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Where a new top-level key goes: before the next key in canonical order (and its leading comments), else at the end. */
function topLevelInsertPoint(text: string, doc: Document, key: string): { offset: number; before: boolean } {
  const root = doc.contents as YAMLMap | null;
  const rank = TOP_ORDER.indexOf(key);
  if (root && isMap(root) && rank >= 0) {
    for (const p of root.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      const r = TOP_ORDER.indexOf(String(p.key.value));
      if (r > rank && p.key.range) {
        let at = lineStart(text, p.key.range[0]);
        // keep the comment block that introduces the following key with it
        while (at > 0) {
          const prevStart = lineStart(text, at - 1);
          const line = text.slice(prevStart, at - 1);
          if (/^\s*#/.test(line)) at = prevStart;
          else break;
        }
        return { offset: at, before: true };
      }
    }
  }
  return { offset: text.length, before: false };
}

/** Plan appending `item` to the top-level sequence `key` (creating the key when missing). */
function planAppend(text: string, doc: Document, key: string, item: Item, comment?: string): TextEditPlan[] {
  const root = doc.contents;
  if (root && isMap(root) && root.flow) return fallbackAppend(text, doc, key, item);
  const pair = root && isMap(root) ? findPair(root, key) : undefined;
  if (!pair) {
    const { offset, before } = topLevelInsertPoint(text, doc, key);
    const block = `${key}:\n${renderItem(item, 2, 2, comment)}`;
    if (before) return [{ start: offset, end: offset, newText: block + '\n' }];
    const needsNl = text.length > 0 && !text.endsWith('\n');
    const sep = text.trim().length > 0 ? '\n' : '';
    return [{ start: text.length, end: text.length, newText: (needsNl ? '\n' : '') + sep + block }];
  }
  const value = pair.value as YNode | null;
  if (!value || (isScalar(value) && (value.value === null || value.value === ''))) {
    // `claims:` with nothing (or `~`): put the block right after the colon
    const keyEnd = (pair.key as YNode).range![1];
    const colon = text.indexOf(':', keyEnd);
    const valEnd = value?.range ? value.range[1] : colon + 1;
    const eol = text.indexOf('\n', colon);
    const lineEndContent = contentEnd(text, colon + 1, eol < 0 ? text.length : eol);
    const start = colon + 1;
    const end = Math.max(valEnd, start) <= lineEndContent && !/#/.test(text.slice(start, lineEndContent)) ? lineEndContent : start;
    const indent = columnOf(text, (pair.key as YNode).range![0]);
    return [{ start, end, newText: '\n' + renderItem(item, indent + 2, 2, comment).replace(/\n$/, '') }];
  }
  if (!isSeq(value)) throw new Error(`\`${key}\` in the annotations file must be a list to add an entry to it.`);
  const seq = value as YAMLSeq;
  if (seq.flow) {
    if (seq.items.length > 0) return fallbackAppend(text, doc, key, item);
    // `claims: []` → block list
    const indent = columnOf(text, (pair.key as YNode).range![0]);
    const [s, e] = [seq.range![0], seq.range![1]];
    return [{ start: s - (text[s - 1] === ' ' ? 1 : 0), end: e, newText: '\n' + renderItem(item, indent + 2, 2, comment).replace(/\n$/, '') }];
  }
  const items = seq.items as YNode[];
  const last = items[items.length - 1];
  const firstMap = items.find((i) => isMap(i)) as YAMLMap | undefined;
  const dashCol = columnOf(text, seq.range![0]);
  const keyOffset = firstMap?.range ? Math.max(2, columnOf(text, firstMap.range[0]) - dashCol) : 2;
  const end = contentEnd(text, last?.range?.[0] ?? seq.range![0], last?.range?.[1] ?? seq.range![1]);
  let at = nextLineStart(text, end);
  // comment lines indented deeper than the dash still belong to the last item
  while (at < text.length) {
    const eol = text.indexOf('\n', at);
    const line = text.slice(at, eol < 0 ? text.length : eol);
    const m = /^(\s*)#/.exec(line);
    if (m && m[1].length > dashCol) at = eol < 0 ? text.length : eol + 1;
    else break;
  }
  const prefixNl = at === text.length && !text.endsWith('\n') ? '\n' : '';
  // Format like the neighbours: a blank line before the new entry when the entries are separated by one.
  const blank = items.length > 0 && separatedByBlankLines(text, items) ? '\n' : '';
  return [{ start: at, end: at, newText: prefixNl + blank + renderItem(item, dashCol, keyOffset, comment) }];
}

/** Are the items of a block list separated by blank lines (the last gap decides; one item: never)? */
function separatedByBlankLines(text: string, items: YNode[]): boolean {
  for (let i = items.length - 1; i > 0; i--) {
    const prev = items[i - 1].range;
    const next = items[i].range;
    if (!prev || !next) continue;
    const gap = text.slice(contentEnd(text, prev[0], prev[1]), lineStart(text, next[0]));
    return /\n[ \t]*\r?\n/.test(gap);
  }
  return false;
}

function toPlain(item: Item): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (v !== undefined) o[k] = v;
  return o;
}

/** Document-API fallback for flow-style collections: rewrites the file (comments kept by yaml). */
function fallbackAppend(text: string, doc: Document, key: string, item: Item): TextEditPlan[] {
  const d = parse(text);
  const root = d.contents;
  if (root && isMap(root) && findPair(root, key)) d.addIn([key], d.createNode(toPlain(item)));
  else d.set(key, d.createNode([toPlain(item)]));
  void doc;
  return [{ start: 0, end: text.length, newText: d.toString() }];
}

/** For an empty/blank file: plan on a fresh header, return one whole-text replacement. */
function onFresh(text: string, plan: (base: string) => TextEditPlan[]): TextEditPlan[] | null {
  if (!text.split('\n').every((l) => /^\s*(#.*)?$/.test(l))) return null; // only blank and comment lines
  const base = text.trim().length > 0 ? (text.endsWith('\n') ? text : text + '\n') + 'version: 1\n' : FRESH_HEADER;
  const edits = plan(base);
  return [{ start: 0, end: text.length, newText: applyEdits(base, edits) }];
}

// ---------------------------------------------------------------------------------------------
// Planners

/** Add `alias` to entity `entityId`'s aliases (keeps a flow `[a, b]` or block list style). */
function planAddAliasImpl(yamlText: string, entityId: string, alias: string): TextEditPlan[] {
  const doc = parse(yamlText);
  assertParsable(doc);
  const alias0 = alias.trim();
  if (!alias0) throw new Error('The alias to add is empty.');
  const entity = itemsOf(doc, 'entities').find((m) => getStr(m, 'id') === entityId);
  if (!entity) throw new Error(`No entity with id "${entityId}" in the annotations file (\`entities\`).`);
  if (getStr(entity, 'name') === alias0) return [];
  const pair = findPair(entity, 'aliases');
  const value = pair?.value as YNode | null | undefined;
  if (value && isSeq(value)) {
    if (value.items.some((i) => isScalar(i) && i.value === alias0)) return [];
    if (value.flow) {
      const close = value.range![1] - 1;
      if (yamlText[close] !== ']') throw new Error(`Cannot locate the end of the aliases list of entity "${entityId}".`);
      const before = contentEnd(yamlText, value.range![0] + 1, close);
      if (value.items.length === 0) return [{ start: value.range![0] + 1, end: close, newText: yamlScalar(alias0, true) }];
      // after the last item (before any trailing comma/space)
      const lastItem = value.items[value.items.length - 1] as YNode;
      const at = lastItem.range ? lastItem.range[1] : before;
      const trailingComma = /^\s*,/.test(yamlText.slice(at, close));
      if (trailingComma) {
        const comma = yamlText.indexOf(',', at);
        return [{ start: comma + 1, end: comma + 1, newText: ' ' + yamlScalar(alias0, true) + ',' }];
      }
      return [{ start: at, end: at, newText: ', ' + yamlScalar(alias0, true) }];
    }
    const last = value.items[value.items.length - 1] as YNode;
    const dashCol = columnOf(yamlText, value.range![0]);
    const end = contentEnd(yamlText, last.range![0], last.range![1]);
    const at = nextLineStart(yamlText, end);
    const prefixNl = at === yamlText.length && !yamlText.endsWith('\n') ? '\n' : '';
    return [{ start: at, end: at, newText: `${prefixNl}${' '.repeat(dashCol)}- ${yamlScalar(alias0)}\n` }];
  }
  if (pair) {
    // `aliases:` with no value
    const colon = yamlText.indexOf(':', (pair.key as YNode).range![1]);
    const vr = value?.range;
    const end = vr && vr[1] > vr[0] ? vr[1] : colon + 1;
    return [{ start: colon + 1, end, newText: ` [${yamlScalar(alias0, true)}]` }];
  }
  // no aliases key: add one after the entity's last line
  if (entity.flow) {
    const d = parse(yamlText);
    const target = itemsOf(d, 'entities').find((m) => getStr(m, 'id') === entityId)!;
    target.set('aliases', d.createNode([alias0]));
    return [{ start: 0, end: yamlText.length, newText: d.toString() }];
  }
  const firstKey = (entity.items.find((p) => isPair(p)) as Pair | undefined)?.key as YNode | undefined;
  const keyCol = firstKey?.range ? columnOf(yamlText, firstKey.range[0]) : columnOf(yamlText, entity.range![0]);
  const end = contentEnd(yamlText, entity.range![0], entity.range![1]);
  const at = nextLineStart(yamlText, end);
  const prefixNl = at === yamlText.length && !yamlText.endsWith('\n') ? '\n' : '';
  return [{ start: at, end: at, newText: `${prefixNl}${' '.repeat(keyCol)}aliases: [${yamlScalar(alias0, true)}]\n` }];
}

/** Source entry for a file: existing id, or a new entry to append (id from opts or the file name). */
function ensureSource(doc: Document, sourceFile: string, sourceId?: string): { id: string; item?: Item } {
  const file = normFile(sourceFile);
  const existing = itemsOf(doc, 'sources').find((m) => {
    const f = getStr(m, 'file');
    return f !== undefined && normFile(f) === file;
  });
  if (existing) {
    const id = getStr(existing, 'id');
    if (id) return { id };
  }
  const taken = idsOf(doc, 'sources');
  if (sourceId && taken.has(sourceId)) throw new Error(`Source id "${sourceId}" is already used by another file.`);
  const base = file.split('/').pop()!.replace(/\.[^.]+$/, '');
  const id = sourceId ?? uniqueId(slug(base), taken);
  return { id, item: { id, file } };
}

/** Add a draft claim for `text` (exact wording in `sourceFile`), adding the source entry when missing. */
function planAnnotateClaimImpl(yamlText: string, input: AnnotateClaimInput): TextEditPlan[] {
  const fresh = onFresh(yamlText, (base) => planAnnotateClaimImpl(base, input));
  if (fresh) return fresh;
  if (!input.text) throw new Error('The claim text is empty.');
  const doc = parse(yamlText);
  assertParsable(doc);
  const taken = idsOf(doc, 'claims');
  if (input.id && taken.has(input.id)) throw new Error(`A claim with id "${input.id}" already exists.`);
  const src = ensureSource(doc, input.sourceFile, input.sourceId);
  const existing = itemsOf(doc, 'claims').find((m) => getStr(m, 'text') === input.text && getStr(m, 'source') === src.id);
  if (existing) return [];
  const id = input.id ?? nextNumberedId('claim', taken);
  const scaleIds = itemsOf(doc, 'scale')
    .map((m) => getStr(m, 'id'))
    .filter(Boolean);
  const claim: Item = {
    id,
    text: input.text,
    prefix: input.prefix || undefined,
    suffix: input.suffix || undefined,
    source: src.id,
    position: input.position,
    claimant: input.claimant,
    status: 'draft',
    evidence: [],
  };
  const edits: TextEditPlan[] = [];
  if (src.item) {
    const srcEdits = planAppend(yamlText, doc, 'sources', src.item);
    if (isWholeRewrite(yamlText, srcEdits)) return sequential(yamlText, srcEdits, (t) => planAnnotateClaimImpl(t, input));
    for (const e of srcEdits) edits.push(e);
  }
  edits.push(
    ...planAppend(
      yamlText,
      doc,
      'claims',
      claim,
      `TODO: verdict (${scaleIds.length ? scaleIds.join(' | ') : 'a rating id from `scale`'}), explanation, evidence`,
    ),
  );
  return mergeEdits(edits);
}

/** Record a dismissed finding in `dismissals` (shared with the team). */
function planDismissImpl(yamlText: string, input: DismissInput): TextEditPlan[] {
  const fresh = onFresh(yamlText, (base) => planDismissImpl(base, input));
  if (fresh) return fresh;
  if (!/^FM\d{3}$/.test(input.code)) throw new Error(`"${input.code}" is not a Factmark diagnostic code (FM001..FM900).`);
  const doc = parse(yamlText);
  assertParsable(doc);
  const file = input.file ? normFile(input.file) : undefined;
  const dup = itemsOf(doc, 'dismissals').some(
    (m) =>
      getStr(m, 'code') === input.code &&
      getStr(m, 'text') === input.text &&
      (getStr(m, 'claim') === undefined || getStr(m, 'claim') === input.claim) &&
      (getStr(m, 'file') === undefined || (file !== undefined && normFile(getStr(m, 'file')!) === file)),
  );
  if (dup) return [];
  const item: Item = { code: input.code, file, text: input.text, claim: input.claim, reason: input.reason, by: input.by, date: input.date };
  return mergeEdits(planAppend(yamlText, doc, 'dismissals', item));
}

/** Add a canonical quote for an existing speaker entity (and its source of record when given). */
function planAddQuoteImpl(yamlText: string, input: AddQuoteInput): TextEditPlan[] {
  const doc = parse(yamlText);
  assertParsable(doc);
  if (!idsOf(doc, 'entities').has(input.speaker)) throw new Error(`No entity with id "${input.speaker}" in the annotations file: add the speaker to \`entities\` first.`);
  const taken = idsOf(doc, 'quotes');
  if (input.id && taken.has(input.id)) throw new Error(`A quote with id "${input.id}" already exists.`);
  if (itemsOf(doc, 'quotes').some((m) => getStr(m, 'text') === input.text && getStr(m, 'speaker') === input.speaker)) return [];
  const src = input.sourceFile ? ensureSource(doc, input.sourceFile, input.sourceId) : undefined;
  const id = input.id ?? uniqueId(`${input.speaker}-${slug(input.text.split(/\s+/).slice(0, 4).join(' '))}`, taken);
  const edits: TextEditPlan[] = [];
  if (src?.item) {
    const srcEdits = planAppend(yamlText, doc, 'sources', src.item);
    if (isWholeRewrite(yamlText, srcEdits)) return sequential(yamlText, srcEdits, (t) => planAddQuoteImpl(t, input));
    for (const e of srcEdits) edits.push(e);
  }
  edits.push(
    ...planAppend(yamlText, doc, 'quotes', {
      id,
      speaker: input.speaker,
      text: input.text,
      source: src?.id,
      prefix: input.prefix || undefined,
      suffix: input.suffix || undefined,
      position: input.position,
    }),
  );
  return mergeEdits(edits);
}

/** Add an entity (canonical name + aliases). */
function planAddEntityImpl(yamlText: string, input: AddEntityInput): TextEditPlan[] {
  const fresh = onFresh(yamlText, (base) => planAddEntityImpl(base, input));
  if (fresh) return fresh;
  const doc = parse(yamlText);
  assertParsable(doc);
  const taken = idsOf(doc, 'entities');
  if (input.id && taken.has(input.id)) throw new Error(`An entity with id "${input.id}" already exists.`);
  if (itemsOf(doc, 'entities').some((m) => getStr(m, 'name') === input.name)) return [];
  const id = input.id ?? uniqueId(slug(input.name), taken);
  return mergeEdits(
    planAppend(yamlText, doc, 'entities', {
      id,
      name: input.name,
      type: input.type,
      aliases: input.aliases ?? [],
      description: input.description,
      wikidata: input.wikidata,
    }),
  );
}

/** Update (or add) the `position` hint of a claim or quote after re-anchoring. */
function planSetPositionImpl(yamlText: string, kind: 'claim' | 'quote', id: string, position: number): TextEditPlan[] {
  const doc = parse(yamlText);
  assertParsable(doc);
  const item = itemsOf(doc, kind === 'claim' ? 'claims' : 'quotes').find((m) => getStr(m, 'id') === id);
  if (!item) throw new Error(`No ${kind} with id "${id}" in the annotations file.`);
  const pair = findPair(item, 'position');
  if (pair && isScalar(pair.value) && pair.value.range) {
    if (pair.value.value === position) return [];
    return [{ start: pair.value.range[0], end: pair.value.range[1], newText: String(position) }];
  }
  if (item.flow) throw new Error(`Cannot add a position to the flow-style ${kind} "${id}".`);
  const idPair = findPair(item, 'id')!;
  const keyCol = columnOf(yamlText, (idPair.key as YNode).range![0]);
  const end = contentEnd(yamlText, item.range![0], item.range![1]);
  const at = nextLineStart(yamlText, end);
  const prefixNl = at === yamlText.length && !yamlText.endsWith('\n') ? '\n' : '';
  return [{ start: at, end: at, newText: `${prefixNl}${' '.repeat(keyCol)}position: ${position}\n` }];
}

// Public planners: same as the implementations, with the file's line endings.

/** Add `alias` to entity `entityId`'s aliases (keeps a flow `[a, b]` or block list style). */
export function planAddAlias(yamlText: string, entityId: string, alias: string): TextEditPlan[] {
  return withEol(yamlText, planAddAliasImpl(yamlText, entityId, alias));
}
/** Add a draft claim for `text` (exact wording in `sourceFile`), adding the source entry when missing. */
export function planAnnotateClaim(yamlText: string, input: AnnotateClaimInput): TextEditPlan[] {
  return withEol(yamlText, planAnnotateClaimImpl(yamlText, input));
}
/** Record a dismissed finding in `dismissals` (shared with the team). */
export function planDismiss(yamlText: string, input: DismissInput): TextEditPlan[] {
  return withEol(yamlText, planDismissImpl(yamlText, input));
}
/** Add a canonical quote for an existing speaker entity (and its source of record when given). */
export function planAddQuote(yamlText: string, input: AddQuoteInput): TextEditPlan[] {
  return withEol(yamlText, planAddQuoteImpl(yamlText, input));
}
/** Add an entity (canonical name + aliases). */
export function planAddEntity(yamlText: string, input: AddEntityInput): TextEditPlan[] {
  return withEol(yamlText, planAddEntityImpl(yamlText, input));
}
/** Update (or add) the `position` hint of a claim or quote after re-anchoring. */
export function planSetPosition(yamlText: string, kind: 'claim' | 'quote', id: string, position: number): TextEditPlan[] {
  return withEol(yamlText, planSetPositionImpl(yamlText, kind, id, position));
}
