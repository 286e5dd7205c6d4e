// Loading and validating an annotations YAML file (pure TypeScript).
//
// loadAnnotations() never throws: every problem becomes a Finding located at the exact YAML node
//   FM100 annotations-syntax            YAML syntax errors (from the `yaml` parser's positions)
//   FM101 annotations-schema            JSON Schema violations (ajv, compiled once from
//                                       server/schema/annotations.schema.json) and duplicate keys
//   FM102 annotations-duplicate-id      the same id twice among scale/sources/entities/claims/quotes/dismissals
//   FM103 annotations-unknown-reference a source/entity/rating id (or source file) that does not exist
// A file with syntax errors is unusable: model is null (callers keep the last good model), but the
// problems found before the first syntax error are still reported. Schema problems do not make the
// model unusable: invalid items are left out of the model or their invalid fields ignored.
import { parseDocument, isMap, isSeq, isScalar, isPair, isAlias, type Alias, type Document, type Node as YNode, type Pair, type YAMLMap } from 'yaml';
import { measureExpansion, expansionProblem, MAX_PROBLEMS_PER_FILE } from './limits';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schemaJson from '../../../schema/annotations.schema.json';
import { misindentedKey } from './indent-hint';
import type { Finding, FindingCode, Severity, Span } from '../types';
import type {
  AnnotationKind,
  AnnotationsIndex,
  AnnotationsModel,
  IndexEntry,
  LoadedAnnotations,
} from './api';

/** The JSON Schema of the annotations file (draft-07). */
export const ANNOTATIONS_SCHEMA: Record<string, unknown> = schemaJson as unknown as Record<string, unknown>;

/** Used when the file declares no `scale`. Worst to best. */
export const DEFAULT_SCALE: AnnotationsModel['scale'] = [
  { id: 'false', label: 'False', value: 1, class: 'refuted', description: 'The claim is wrong.' },
  { id: 'misleading', label: 'Misleading', value: 2, class: 'disputed', description: 'Accurate in part but gives a wrong impression.' },
  { id: 'mixed', label: 'Mixed', value: 3, class: 'disputed', description: 'Sources disagree or the claim is partly wrong.' },
  { id: 'unproven', label: 'Unproven', value: 4, class: 'unproven', description: 'No independent evidence either way yet.' },
  { id: 'mostly-true', label: 'Mostly true', value: 5, class: 'supported', description: 'Accurate with minor imprecision.' },
  { id: 'true', label: 'True', value: 6, class: 'supported', description: 'Accurate and confirmed.' },
];

export interface LoadOptions {
  /** Checks a path relative to the YAML file's folder (sources[].file, dismissals[].file). The engine
   *  does no IO: the LSP/CLI pass this to get FM103 for missing files. */
  fileExists?: (relativePath: string) => boolean;
  /** Like fileExists, and also says when the path (symlinks resolved) is outside the folder the
   *  annotations file may read from (its workspace folder, the CLI's root). A source outside is
   *  FM103 with a message that says nothing about the file, and is left out of the model, so it is
   *  never read, anchored against or echoed. Takes precedence over fileExists. */
  fileStatus?: (relativePath: string) => 'exists' | 'missing' | 'outside';
  /** Notes from reading the file's bytes (e.g. not UTF-8), reported as FM100 warnings at `offset`. */
  readNotes?: Array<{ offset: number; message: string }>;
}

const RULES: Record<string, string> = {
  FM100: 'annotations-syntax',
  FM101: 'annotations-schema',
  FM102: 'annotations-duplicate-id',
  FM103: 'annotations-unknown-reference',
};

let validator: ValidateFunction | null = null;
function getValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(ANNOTATIONS_SCHEMA);
  }
  return validator;
}

type Collection = 'scale' | 'sources' | 'entities' | 'claims' | 'quotes' | 'dismissals';
const COLLECTION_ITEM: Record<Collection, string> = {
  scale: 'rating',
  sources: 'source',
  entities: 'entity',
  claims: 'claim',
  quotes: 'quote',
  dismissals: 'dismissal',
};

function finding(code: FindingCode, span: Span, message: string, data?: Record<string, unknown>, severity: Severity = 'error'): Finding {
  return { code, rule: RULES[code], severity, message, start: span.start, end: Math.max(span.end, span.start), ...(data ? { data } : {}) };
}

function nodeSpan(node: YNode | null | undefined): Span | null {
  if (!node || !node.range) return null;
  return { start: node.range[0], end: node.range[1] };
}

/** 1-based line of an offset (for messages only). */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item as Pair;
  }
  return undefined;
}

/** Span of a pair's value, falling back to the key when the value is empty (`text:`). */
function pairValueSpan(pair: Pair): Span | null {
  const v = nodeSpan(pair.value as YNode);
  if (v && v.end > v.start) return v;
  return nodeSpan(pair.key as YNode) ?? v;
}

/** Short span for an item: its first pair (`- id: c1`), or the map itself when empty. */
function headSpan(map: YAMLMap): Span {
  const first = map.items.find((p) => isPair(p)) as Pair | undefined;
  const ks = first ? nodeSpan(first.key as YNode) : null;
  if (first && ks) {
    const vs = nodeSpan(first.value as YNode);
    return { start: ks.start, end: vs && isScalar(first.value) && vs.end > ks.end ? vs.end : ks.end };
  }
  return nodeSpan(map) ?? { start: 0, end: 0 };
}

/** Walk a JSON pointer path through the document. Returns the deepest node found and the pair holding it. */
function walk(doc: Document, segments: string[]): { node: YNode | null; pair: Pair | null; complete: boolean } {
  let node: YNode | null = (doc.contents as YNode) ?? null;
  let pair: Pair | null = null;
  for (const seg of segments) {
    if (node && isMap(node)) {
      const p = findPair(node, seg);
      if (!p) return { node, pair, complete: false };
      pair = p;
      node = (p.value as YNode) ?? null;
      if (!node) return { node: null, pair, complete: true };
    } else if (node && isSeq(node)) {
      const item = node.items[Number(seg)] as YNode | undefined;
      if (!item) return { node, pair, complete: false };
      pair = null;
      node = item;
    } else {
      return { node, pair, complete: false };
    }
  }
  return { node, pair, complete: true };
}

function decodePointer(p: string): string[] {
  if (!p) return [];
  return p
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function levenshtein(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Resolve the sub-schema at a schema path like "#/properties/claims/items/properties/evidence". */
function schemaAt(schemaPath: string): Record<string, any> | undefined {
  const parts = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean);
  let s: any = ANNOTATIONS_SCHEMA;
  for (const p of parts) {
    if (s == null) return undefined;
    s = s[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return s;
}

/** "claim c3" / "evidence #2 of claim c3" / "top level": where an instance path points, for messages. */
function describeLocation(segments: string[], data: any): string {
  if (segments.length === 0) return 'the top level';
  const coll = segments[0] as Collection;
  const itemName = COLLECTION_ITEM[coll];
  if (!itemName) return `"${segments[0]}"`;
  if (segments.length === 1) return `\`${coll}\``;
  const idx = Number(segments[1]);
  const item = Array.isArray(data?.[coll]) ? data[coll][idx] : undefined;
  const idText = item && typeof item === 'object' && typeof item.id === 'string' ? ` "${item.id}"` : ` #${idx + 1}`;
  let where = `${itemName}${idText}`;
  if (segments.length >= 4 && (segments[2] === 'evidence' || segments[2] === 'variants')) {
    where = `${segments[2] === 'evidence' ? 'evidence' : 'variant'} #${Number(segments[3]) + 1} of ${where}`;
  }
  return where;
}

function jsType(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text "${v.length > 40 ? v.slice(0, 37) + '...' : v}"`;
  return `${typeof v} ${String(v)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  array: 'a list',
  object: 'a mapping (key: value)',
  boolean: 'true or false',
};

/** Problems about an item's completeness (missing keys): unreliable when a syntax error cuts the file. */
const STRUCTURAL = new WeakSet<Finding>();
function structural(f: Finding): Finding {
  STRUCTURAL.add(f);
  return f;
}

function schemaErrorToFinding(err: ErrorObject, doc: Document, data: any, text: string): Finding | null {
  const segs = decodePointer(err.instancePath);
  const { node, pair } = walk(doc, segs);
  const where = describeLocation(segs, data);
  const field = segs.length ? segs[segs.length - 1] : '';
  const value = segs.reduce<any>((v, s) => (v == null ? undefined : v[s]), data);
  const fieldName = /^\d+$/.test(field) ? `item #${Number(field) + 1}` : `\`${field}\``;
  const valueSpan = (): Span =>
    (pair && pairValueSpan(pair)) ?? nodeSpan(node) ?? { start: 0, end: Math.min(text.length, 1) };
  const sub = schemaAt(err.schemaPath.replace(/\/[^/]+$/, ''));
  const descr = sub && typeof sub.description === 'string' ? ` (${sub.description.replace(/\.$/, '')})` : '';

  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String((err.params as any).additionalProperty);
      const map = node && isMap(node) ? node : null;
      const p = map ? findPair(map, key) : undefined;
      const span = (p && nodeSpan(p.key as YNode)) ?? valueSpan();
      const parentSchema = schemaAt(err.schemaPath.replace(/\/additionalProperties$/, ''));
      const allowed = parentSchema?.properties ? Object.keys(parentSchema.properties) : [];
      const guess = closest(key, allowed);
      return finding(
        'FM101',
        span,
        `Unknown key "${key}" in ${where}.${guess ? ` Did you mean "${guess}"?` : ''} Expected one of: ${allowed.join(', ')}.`,
        { key, allowed, ...(guess ? { suggestion: guess } : {}) },
      );
    }
    case 'required': {
      const missing = String((err.params as any).missingProperty);
      const span = node && isMap(node) ? headSpan(node) : valueSpan();
      const propSchema = schemaAt(err.schemaPath.replace(/\/required$/, '') + '/properties/' + missing);
      const d = propSchema?.description ? ` — ${propSchema.description.replace(/\.$/, '')}` : '';
      return structural(finding('FM101', span, `Missing required key "${missing}" in ${where}${d}.`, { missing }));
    }
    case 'anyOf': {
      // evidence needs a source or a url
      const span = node && isMap(node) ? headSpan(node) : valueSpan();
      const options = ((sub?.anyOf ?? []) as any[]).map((o) => (o.required ?? []).join('+')).filter(Boolean);
      return structural(
        finding('FM101', span, `${where[0].toUpperCase()}${where.slice(1)} needs one of: ${options.map((o) => `"${o}"`).join(' or ')}.`, {
          missing: options,
        }),
      );
    }
    case 'type': {
      const expected = String((err.params as any).type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ');
      const subject = segs.length === 0 ? 'The annotations file' : segs.length === 1 ? fieldName : `${fieldName} in ${where}`;
      const hint = segs.length === 0 ? ' with keys such as scale, sources, entities, claims, quotes, dismissals' : '';
      const quoteHint =
        (err.params as any).type === 'string' && value !== null && (typeof value === 'boolean' || typeof value === 'number')
          ? ` YAML reads bare ${JSON.stringify(value)} as ${typeof value}: write it in quotes, "${text.slice(valueSpan().start, valueSpan().end)}".`
          : '';
      return finding('FM101', valueSpan(), `${subject} must be ${expected}${hint}, not ${jsType(value)}.${quoteHint}`, {
        expected: (err.params as any).type,
      });
    }
    case 'enum': {
      const allowed = ((err.params as any).allowedValues ?? []) as unknown[];
      const guess = typeof value === 'string' ? closest(value, allowed.map(String)) : undefined;
      return finding(
        'FM101',
        valueSpan(),
        `${fieldName} in ${where} must be one of: ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(value)}).${guess ? ` Did you mean "${guess}"?` : ''}`,
        { allowed, ...(guess ? { suggestion: guess } : {}) },
      );
    }
    case 'pattern': {
      let expect = `to match ${(err.params as any).pattern}`;
      if (field === 'id' || /Unique id/.test(sub?.description ?? '')) expect = "to use only letters, digits, '.', '_' or '-' and start with a letter or digit";
      else if (/ISO 8601/.test(sub?.description ?? '')) expect = 'to be a date like 2025-10-15 (optionally with a time)';
      else if (field === 'wikidata') expect = 'to be a Wikidata item id like "Q42"';
      else if (field === 'code') expect = 'to be a diagnostic code like "FM004" or a rule name like "unsupported-claim"';
      else if (field === 'url') expect = 'to be an absolute http(s) URL';
      else if (field === 'language') expect = 'to be a language tag like "en"';
      return finding('FM101', valueSpan(), `${fieldName} in ${where} is expected ${expect} (got ${JSON.stringify(value)}).`, {
        pattern: (err.params as any).pattern,
      });
    }
    case 'minLength':
      return finding('FM101', valueSpan(), `${fieldName} in ${where} must not be empty${descr}.`);
    case 'maxLength':
      return finding('FM101', valueSpan(), `${fieldName} in ${where} is too long (at most ${(err.params as any).limit} characters).`);
    case 'minimum':
      return finding('FM101', valueSpan(), `${fieldName} in ${where} must be ${(err.params as any).comparison} ${(err.params as any).limit} (got ${JSON.stringify(value)}).`);
    case 'uniqueItems': {
      const j = (err.params as any).j as number;
      const { node: dupNode } = walk(doc, [...segs, String(j)]);
      const dup = Array.isArray(value) ? value[j] : undefined;
      return finding('FM101', nodeSpan(dupNode) ?? valueSpan(), `${fieldName} in ${where} lists ${JSON.stringify(dup)} twice.`);
    }
    default:
      return finding('FM101', valueSpan(), `${fieldName === '``' ? 'Value' : fieldName} in ${where} ${err.message ?? 'is invalid'}${descr}.`);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function strList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
/** The mappings of a list; an item repeated through a YAML alias (the same object) is kept once (FM102). */
function objs(v: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(v)) return [];
  const seen = new Set<unknown>();
  return v.filter((x): x is Record<string, unknown> => {
    if (!x || typeof x !== 'object' || Array.isArray(x) || seen.has(x)) return false;
    seen.add(x);
    return true;
  });
}
function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

const ENTITY_TYPES = new Set(['person', 'place', 'organization', 'event', 'other']);
const RATING_CLASSES = new Set(['refuted', 'disputed', 'unproven', 'supported']);
const STANCES = new Set(['supports', 'contradicts', 'context']);

/** Build the model leniently from plain data: items without their required fields are left out. */
function buildModel(data: Record<string, any>): AnnotationsModel {
  const publisherRaw = data.publisher && typeof data.publisher === 'object' ? data.publisher : undefined;
  const scaleGiven = Array.isArray(data.scale);
  const model: AnnotationsModel = {
    scale: scaleGiven
      ? objs(data.scale)
          .filter((r) => str(r.id) && num(r.value) !== undefined && RATING_CLASSES.has(String(r.class)))
          .map((r) =>
            defined({
              id: r.id as string,
              label: str(r.label) ?? (r.id as string),
              value: r.value as number,
              class: r.class as AnnotationsModel['scale'][number]['class'],
              description: str(r.description),
            }),
          )
      : DEFAULT_SCALE.map((s) => ({ ...s })),
    sources: objs(data.sources)
      .filter((s) => str(s.id) && str(s.file))
      .map((s) =>
        defined({
          id: s.id as string,
          file: s.file as string,
          outlet: str(s.outlet),
          url: str(s.url),
          published: str(s.published),
          title: str(s.title),
          author: str(s.author),
          language: str(s.language),
        }),
      ),
    entities: objs(data.entities)
      .filter((e) => str(e.id) && str(e.name))
      .map((e) =>
        defined({
          id: e.id as string,
          name: e.name as string,
          type: ENTITY_TYPES.has(String(e.type)) ? (e.type as string) : 'other',
          aliases: strList(e.aliases),
          description: str(e.description),
          wikidata: str(e.wikidata),
        }),
      ),
    claims: objs(data.claims)
      .filter((c) => str(c.id) && str(c.text))
      .map((c) =>
        defined({
          id: c.id as string,
          text: c.text as string,
          prefix: str(c.prefix),
          suffix: str(c.suffix),
          source: str(c.source),
          position: num(c.position),
          verdict: str(c.verdict),
          explanation: str(c.explanation),
          evidence: objs(c.evidence)
            .filter((ev) => str(ev.passage) && STANCES.has(String(ev.stance)))
            .map((ev) =>
              defined({
                source: str(ev.source),
                url: str(ev.url),
                passage: ev.passage as string,
                stance: ev.stance as 'supports' | 'contradicts' | 'context',
                note: str(ev.note),
              }),
            ),
          reviewer: str(c.reviewer),
          date: str(c.date),
          status: str(c.status),
          claimant: str(c.claimant),
          url: str(c.url),
          alsoIn: Array.isArray(c.alsoIn) ? strList(c.alsoIn) : undefined,
          appearances: Array.isArray(c.appearances)
            ? objs(c.appearances)
                .filter((a) => str(a.file))
                .map((a) => defined({ file: a.file as string, text: str(a.text), date: str(a.date) }))
            : undefined,
        }),
      ),
    quotes: objs(data.quotes)
      .filter((q) => str(q.id) && str(q.speaker) && str(q.text))
      .map((q) =>
        defined({
          id: q.id as string,
          speaker: q.speaker as string,
          text: q.text as string,
          source: str(q.source),
          prefix: str(q.prefix),
          suffix: str(q.suffix),
          position: num(q.position),
          context: str(q.context),
          variants: Array.isArray(q.variants)
            ? objs(q.variants)
                .filter((v) => str(v.source) && str(v.text))
                .map((v) => defined({ source: v.source as string, text: v.text as string, note: str(v.note) }))
            : undefined,
          note: str(q.note),
        }),
      ),
    dismissals: objs(data.dismissals)
      .filter((d) => str(d.code) && str(d.text))
      .map((d) =>
        defined({
          id: str(d.id),
          code: d.code as string,
          file: str(d.file),
          text: d.text as string,
          claim: str(d.claim),
          reason: str(d.reason),
          by: str(d.by),
          date: str(d.date),
        }),
      ),
  };
  if (num(data.version) !== undefined) model.version = data.version;
  if (publisherRaw && str(publisherRaw.name)) {
    const ptype: 'Person' | 'Organization' | undefined =
      publisherRaw.type === 'Person' ? 'Person' : publisherRaw.type === 'Organization' ? 'Organization' : undefined;
    model.publisher = defined({
      name: publisherRaw.name as string,
      type: ptype,
      url: str(publisherRaw.url),
    });
  }
  return model;
}

function emptyIndex(): AnnotationsIndex {
  return { source: {}, entity: {}, claim: {}, quote: {}, scale: {}, dismissal: [], refs: [], evidence: {} };
}

function scalarFields(map: YAMLMap): Record<string, Span> {
  const fields: Record<string, Span> = {};
  for (const p of map.items) {
    if (!isPair(p) || !isScalar(p.key)) continue;
    const s = isScalar(p.value) ? nodeSpan(p.value as YNode) : null;
    if (s) fields[String(p.key.value)] = s;
  }
  return fields;
}

/** Index item ranges and reference values; collect FM102 duplicates on the way. */
function buildIndex(doc: Document, text: string, problems: Finding[], aliasTargets: Map<Alias, YNode> = new Map()): AnnotationsIndex {
  const index = emptyIndex();
  const root = doc.contents as YNode | null;
  if (!root || !isMap(root)) return index;
  const kinds: Array<[Collection, AnnotationKind | 'scale' | null]> = [
    ['scale', 'scale'],
    ['sources', 'source'],
    ['entities', 'entity'],
    ['claims', 'claim'],
    ['quotes', 'quote'],
    ['dismissals', null],
  ];
  const dismissalIds: Record<string, Span> = {};
  for (const [coll, kind] of kinds) {
    const pair = findPair(root, coll);
    const seq = pair?.value as YNode | undefined;
    if (!seq || !isSeq(seq)) continue;
    for (const item of seq.items) {
      if (isAlias(item)) {
        // `- *c1`: the same item a second time (its copies would each give the same finding)
        const target = aliasTargets.get(item);
        const idPair = target && isMap(target) ? findPair(target, 'id') : undefined;
        const idVal = idPair && isScalar(idPair.value) ? idPair.value.value : undefined;
        const span = nodeSpan(item as YNode);
        if (span && typeof idVal === 'string') {
          const first = target ? nodeSpan(target) : null;
          problems.push(
            finding(
              'FM102',
              span,
              `Duplicate ${COLLECTION_ITEM[coll]} id "${idVal}": the alias *${item.source} repeats the ${COLLECTION_ITEM[coll]} defined on line ${lineOf(text, first?.start ?? 0)}. ` +
                `Each ${COLLECTION_ITEM[coll]} is listed once; the repeat is ignored.`,
              { id: idVal, kind: kind ?? 'dismissal', alias: item.source, ...(first ? { first } : {}) },
            ),
          );
        }
        continue;
      }
      if (!isMap(item)) continue;
      const span = nodeSpan(item as YNode)!;
      const fields = scalarFields(item);
      const idPair = findPair(item, 'id');
      const idVal = idPair && isScalar(idPair.value) ? idPair.value.value : undefined;
      const idSpan = idPair ? pairValueSpan(idPair) : null;
      if (kind === null) {
        // keep index.dismissal aligned with model.dismissals (which needs code and text)
        const code = findPair(item, 'code');
        const dtext = findPair(item, 'text');
        if (!(code && isScalar(code.value) && typeof code.value.value === 'string' && dtext && isScalar(dtext.value) && typeof dtext.value.value === 'string')) continue;
        index.dismissal.push({ span, fields });
        if (typeof idVal === 'string' && idSpan) {
          if (dismissalIds[idVal]) {
            problems.push(
              finding('FM102', idSpan, `Duplicate dismissal id "${idVal}": already used on line ${lineOf(text, dismissalIds[idVal].start)}. Ids must be unique.`, {
                id: idVal,
                kind: 'dismissal',
                first: dismissalIds[idVal],
              }),
            );
          } else dismissalIds[idVal] = idSpan;
        }
        continue;
      }
      if (typeof idVal !== 'string' || !idSpan) continue;
      const table = index[kind] as Record<string, IndexEntry>;
      if (Object.prototype.hasOwnProperty.call(table, idVal)) {
        const first = table[idVal].idSpan;
        problems.push(
          finding(
            'FM102',
            idSpan,
            `Duplicate ${COLLECTION_ITEM[coll]} id "${idVal}": already used on line ${lineOf(text, first.start)}. Ids must be unique within \`${coll}\`.`,
            { id: idVal, kind, first },
          ),
        );
        continue;
      }
      table[idVal] = { span, idSpan, fields };
      if (kind === 'scale') continue;
      const from = { kind, id: idVal };
      const addRef = (refKind: AnnotationKind | 'scale', p: Pair | undefined) => {
        if (p && isScalar(p.value) && typeof p.value.value === 'string') {
          const s = nodeSpan(p.value as YNode);
          if (s) index.refs.push({ kind: refKind, id: p.value.value, span: s, from });
        }
      };
      const addSeqRefs = (refKind: AnnotationKind, p: Pair | undefined) => {
        if (p && isSeq(p.value)) {
          for (const it of p.value.items) {
            if (isScalar(it) && typeof it.value === 'string') {
              const s = nodeSpan(it as YNode);
              if (s) index.refs.push({ kind: refKind, id: it.value, span: s, from });
            }
          }
        }
      };
      if (kind === 'claim') {
        addRef('source', findPair(item, 'source'));
        addRef('entity', findPair(item, 'claimant'));
        addRef('scale', findPair(item, 'verdict'));
        addSeqRefs('source', findPair(item, 'alsoIn'));
        const ev = findPair(item, 'evidence');
        const passages: Span[] = [];
        if (ev && isSeq(ev.value)) {
          for (const e of ev.value.items) {
            if (!isMap(e)) continue;
            addRef('source', findPair(e, 'source'));
            const pp = findPair(e, 'passage');
            const ps = pp && isScalar(pp.value) ? nodeSpan(pp.value as YNode) : null;
            passages.push(ps ?? nodeSpan(e as YNode)!);
          }
        }
        index.evidence[idVal] = passages;
      } else if (kind === 'quote') {
        addRef('entity', findPair(item, 'speaker'));
        addRef('source', findPair(item, 'source'));
        const vs = findPair(item, 'variants');
        if (vs && isSeq(vs.value)) for (const v of vs.value.items) if (isMap(v)) addRef('source', findPair(v, 'source'));
      }
    }
  }
  return index;
}

/** FM103: references to unknown sources / entities / ratings / files. */
function checkReferences(model: AnnotationsModel, index: AnnotationsIndex, usingDefaultScale: boolean, opts: LoadOptions, problems: Finding[]): void {
  const known: Record<string, Set<string>> = {
    source: new Set(model.sources.map((s) => s.id)),
    entity: new Set(model.entities.map((e) => e.id)),
    scale: new Set(model.scale.map((s) => s.id)),
    claim: new Set(model.claims.map((c) => c.id)),
    quote: new Set(model.quotes.map((q) => q.id)),
  };
  const words: Record<string, [string, string]> = {
    source: ['source', 'sources'],
    entity: ['entity', 'entities'],
    scale: ['rating', 'scale'],
    claim: ['claim', 'claims'],
    quote: ['quote', 'quotes'],
  };
  for (const ref of index.refs) {
    const set = known[ref.kind];
    if (set.has(ref.id)) continue;
    const [one, coll] = words[ref.kind];
    const list = [...set];
    const guess = closest(ref.id, list);
    const shown = list.length > 12 ? list.slice(0, 12).join(', ') + ', ...' : list.join(', ');
    const scaleNote = ref.kind === 'scale' && usingDefaultScale ? ' (no `scale` is declared, so the default scale applies)' : '';
    problems.push(
      finding(
        'FM103',
        ref.span,
        `Unknown ${one} "${ref.id}" in ${ref.from.kind} "${ref.from.id}": no ${one} with this id in \`${coll}\`${scaleNote}.` +
          (guess ? ` Did you mean "${guess}"?` : '') +
          (list.length ? ` Known: ${shown}.` : ` \`${coll}\` is empty.`),
        { kind: ref.kind, id: ref.id, ...(guess ? { suggestion: guess } : {}) },
      ),
    );
  }
  if (opts.fileStatus) {
    const status = opts.fileStatus;
    const outside = new Set<string>();
    for (const s of model.sources) {
      const e = index.source[s.id];
      const span = e?.fields.file ?? e?.idSpan;
      const st = status(s.file);
      if (st === 'outside') outside.add(s.id);
      if (!span || st === 'exists') continue;
      problems.push(
        st === 'outside'
          ? finding('FM103', span, outsideMessage(`Source file "${s.file}" of source "${s.id}"`), { kind: 'file', file: s.file, outside: true })
          : finding('FM103', span, `Source file "${s.file}" of source "${s.id}" not found (paths are relative to the annotations file's folder).`, { kind: 'file', file: s.file }),
      );
    }
    // Never read: the checkers and anchoring only see the sources the model lists.
    if (outside.size) model.sources = model.sources.filter((s) => !outside.has(s.id));
    model.dismissals.forEach((d, i) => {
      const span = index.dismissal[i]?.fields.file;
      if (!d.file || !span) return;
      const st = status(d.file);
      if (st === 'exists') return;
      problems.push(
        st === 'outside'
          ? finding('FM103', span, outsideMessage(`Dismissed file "${d.file}"`), { kind: 'file', file: d.file, outside: true }, 'warning')
          : finding('FM103', span, `Dismissed file "${d.file}" not found (paths are relative to the annotations file's folder).`, { kind: 'file', file: d.file }, 'warning'),
      );
    });
  } else if (opts.fileExists) {
    for (const s of model.sources) {
      const e = index.source[s.id];
      const span = e?.fields.file;
      if (span && !opts.fileExists(s.file)) {
        problems.push(
          finding('FM103', span, `Source file "${s.file}" of source "${s.id}" not found (paths are relative to the annotations file's folder).`, {
            kind: 'file',
            file: s.file,
          }),
        );
      }
    }
    model.dismissals.forEach((d, i) => {
      // "Not this claim": the claim it names must exist.
      const claimSpan = index.dismissal[i]?.fields.claim;
      if (d.claim && claimSpan && !model.claims.some((c) => c.id === d.claim)) {
        problems.push(finding('FM103', claimSpan, `Dismissal names claim "${d.claim}", which is not in \`claims\`.`, { kind: 'claim', id: d.claim }));
      }
      const span = index.dismissal[i]?.fields.file;
      if (d.file && span && !opts.fileExists!(d.file)) {
        problems.push(
          finding('FM103', span, `Dismissed file "${d.file}" not found (paths are relative to the annotations file's folder).`, {
            kind: 'file',
            file: d.file,
          }, 'warning'),
        );
      }
    });
  }
}

/** The FM103 message for a path outside the boundary: the same whether or not the file exists. */
function outsideMessage(what: string): string {
  return (
    `${what} is outside the folder this annotations file may read (its workspace folder; for the CLI, the current folder or --root): ` +
    'Factmark does not read it. Move the file inside, or run the CLI with --allow-outside if you trust this annotations file.'
  );
}

/** Load, validate and index an annotations YAML text. Never throws: an unexpected failure (a
 *  document nested too deeply for the parser, say) becomes an FM100 with a readable message. At most
 *  MAX_PROBLEMS_PER_FILE problems are returned, the last of them a summary of the rest. */
export function loadAnnotations(path: string, text: string, opts: LoadOptions = {}): LoadedAnnotations {
  let loaded: LoadedAnnotations;
  try {
    loaded = loadUnchecked(path, text, opts);
  } catch (e) {
    loaded = { path, text, model: null, problems: [finding('FM100', { start: 0, end: Math.min(1, text.length) }, failureMessage(e))] };
  }
  loaded.problems = capProblems(loaded.problems, text, OMITTED.get(loaded) ?? 0);
  return loaded;
}

/** A human reading of an exception thrown while reading the YAML. */
export function failureMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /call stack/i.test(msg)) {
    return 'The annotations file is nested too deeply to be read (lists or mappings inside each other thousands of levels deep). The file is not used; the last good annotations stay in force.';
  }
  if (/Excessive alias count/i.test(msg)) {
    return 'The annotations file repeats its aliases (*name) too many times to be read safely. The file is not used; the last good annotations stay in force.';
  }
  return `The annotations file could not be read: ${msg}. The file is not used; the last good annotations stay in force.`;
}

/** Keep the first problems (by position) and summarise the rest in one finding, so that a file with
 *  200,000 mistakes neither floods the editor nor overflows anything downstream. */
const OMITTED = new WeakMap<LoadedAnnotations, number>();
function capProblems(problems: Finding[], text: string, omitted: number): Finding[] {
  if (problems.length + omitted <= MAX_PROBLEMS_PER_FILE) return problems;
  const kept = problems.slice(0, Math.min(problems.length, MAX_PROBLEMS_PER_FILE) - 1);
  const rest = problems.length - kept.length + omitted;
  const firstLeft = problems[kept.length];
  const worst = problems.slice(kept.length).some((p) => p.severity === 'error') ? 'error' : 'warning';
  kept.push(
    finding(
      'FM101',
      { start: firstLeft.start, end: firstLeft.end },
      `${rest.toLocaleString('en-US')} more problems in this file are not shown (at most ${MAX_PROBLEMS_PER_FILE.toLocaleString('en-US')} are reported per file, ` +
        `from line ${lineOf(text, firstLeft.start)} on). Fix the ones above first.`,
      { omitted: rest },
      worst,
    ),
  );
  return kept;
}

function loadUnchecked(path: string, original: string, opts: LoadOptions): LoadedAnnotations {
  const problems: Finding[] = [];
  for (const n of opts.readNotes ?? []) {
    const at = Math.max(0, Math.min(n.offset, original.length));
    problems.push(finding('FM100', { start: at, end: Math.min(original.length, at + 1) }, `The annotations file is ${n.message}.`, { yamlCode: 'ENCODING' }, 'warning'));
  }
  // Classic Mac line ends (CR alone) are line breaks: the parser sees them as LF (same length, so
  // every offset stays valid). Without this a file starting with a comment reads as one comment.
  let text = original;
  const lone = /\r(?!\n)/.exec(original);
  if (lone) {
    text = original.replace(/\r(?!\n)/g, '\n');
    problems.push(
      finding('FM100', { start: lone.index, end: lone.index + 1 }, 'Line ends here are a carriage return alone (classic Mac): read as line breaks. Save the file with LF (or CRLF) line ends; quick fixes insert LF.', { yamlCode: 'CR_LINE_ENDS' }, 'warning'),
    );
  }
  const restore = (l: LoadedAnnotations): LoadedAnnotations => (text === original ? l : { ...l, text: original });
  let doc: Document;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false }) as Document;
  } catch (e) {
    problems.push(finding('FM100', { start: 0, end: Math.min(1, text.length) }, `The annotations file could not be parsed: ${(e as Error).message}`));
    return restore({ path, text, model: null, problems });
  }

  let syntaxAt = Infinity;
  for (const err of doc.errors) {
    const start = Math.max(0, Math.min(err.pos[0], text.length - 1));
    const span = { start, end: Math.max(start, Math.min(Math.max(err.pos[1], start + 1), text.length)) };
    const msg = err.message.replace(/\s+at line \d+, column \d+[\s\S]*$/, '');
    if (/call stack/i.test(msg)) {
      syntaxAt = Math.min(syntaxAt, span.start);
      problems.push(finding('FM100', span, failureMessage(new RangeError(msg)), { yamlCode: 'TOO_DEEP' }));
      continue;
    }
    if (err.code === 'DUPLICATE_KEY') {
      // duplicate keys leave a usable document: a schema-level problem
      const m = /^("[^"\n]*"|'[^'\n]*'|[^:\n#]*[^:\s#])\s*:/.exec(text.slice(span.start, span.start + 200));
      if (m) span.end = span.start + m[1].length;
      const key = m ? m[1].replace(/^["']|["']$/g, '') : text.slice(span.start, span.end);
      problems.push(finding('FM101', span, `Duplicate key ${key ? `"${key}" ` : ''}in the same mapping: each key may appear only once.`, { key }));
      continue;
    }
    if (err.code === 'MISSING_CHAR' && /closing ("|')quote/.test(msg)) {
      // point at the opening quote rather than where the parser ran out of text
      const q = /closing "quote/.test(msg) ? '"' : "'";
      const open = openingQuoteBefore(text, span.start, q);
      if (open >= 0) {
        const eol = text.indexOf('\n', open);
        span.start = open;
        span.end = Math.max(open + 1, eol < 0 ? text.length : eol);
      }
    }
    const indent = /compact mappings|Implicit keys need to be on a single line|Implicit map keys need to be followed|Unexpected scalar|BAD_INDENT/.test(msg + err.code)
      ? misindentedKey(text, span.start)
      : null;
    if (indent) {
      // one problem at the line that is really wrong, instead of parser errors on the line above
      syntaxAt = Math.min(syntaxAt, indent.span.start, span.start);
      if (!problems.some((p) => p.code === 'FM100' && p.start === indent.span.start)) {
        problems.push(finding('FM100', indent.span, `YAML syntax error: ${indent.message}`, { yamlCode: 'BAD_INDENT' }));
      }
      continue;
    }
    syntaxAt = Math.min(syntaxAt, span.start);
    problems.push(finding('FM100', span, `YAML syntax error: ${msg}${syntaxHint(err.code, msg)}`, { yamlCode: err.code }));
  }
  for (const w of doc.warnings) {
    const span = { start: Math.min(w.pos[0], text.length), end: Math.min(Math.max(w.pos[1], w.pos[0] + 1), text.length) };
    problems.push(finding('FM100', span, `YAML warning: ${w.message.replace(/\s+at line \d+, column \d+[\s\S]*$/, '')}`, { yamlCode: w.code }, 'warning'));
  }

  // Bound the work by the expanded size before anything is converted (alias amplification).
  const expansion = measureExpansion(doc);
  const tooBig = expansionProblem(expansion);
  if (tooBig) {
    const at = (expansion.culprit && nodeSpan(expansion.culprit as unknown as YNode)) ?? { start: 0, end: Math.min(1, text.length) };
    problems.push(finding('FM100', at, tooBig, { yamlCode: 'EXPANSION_LIMIT', literal: expansion.literal, expanded: expansion.expanded }));
    return restore({ path, text, model: null, problems: sortProblems(problems) });
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: -1 });
  } catch (e) {
    problems.push(finding('FM100', { start: 0, end: Math.min(1, text.length) }, failureMessage(e)));
    return restore({ path, text, model: null, problems: sortProblems(problems) });
  }
  if (data === null || data === undefined) data = {}; // empty file or comments only

  const validate = getValidator();
  const semantic: Finding[] = [];
  let omittedSchemaErrors = 0;
  if (!validate(data)) {
    const errs = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    // anyOf reports its branches' `required` errors too: keep only the anyOf summary
    const anyOfPaths = new Set(errs.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath + '|' + e.schemaPath));
    const isBranch = (e: ErrorObject): boolean => {
      if (e.keyword === 'anyOf' || anyOfPaths.size === 0) return false;
      for (let i = e.schemaPath.lastIndexOf('/'); i > 0; i = e.schemaPath.lastIndexOf('/', i - 1)) {
        if (anyOfPaths.has(e.instancePath + '|' + e.schemaPath.slice(0, i))) return true;
      }
      return false;
    };
    // Only the first errors become findings (messages cost a schema walk each): the rest are counted.
    let converted = 0;
    for (const e of errs) {
      if (isBranch(e)) continue;
      if (converted >= MAX_PROBLEMS_PER_FILE) {
        omittedSchemaErrors++;
        continue;
      }
      const f = schemaErrorToFinding(e, doc, data, text);
      if (f) {
        semantic.push(f);
        converted++;
      }
    }
  }

  const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  const index = isObject ? buildIndex(doc, text, semantic, expansion.targets) : undefined;
  const model = isObject ? buildModel(data as Record<string, any>) : null;
  if (model && index) checkReferences(model, index, !Array.isArray((data as any).scale), opts, semantic);

  if (syntaxAt !== Infinity) {
    // The document after a syntax error is unreliable: report only what precedes it, keep no model.
    // Keep problems located entirely before the error; references and structural problems (missing
    // keys) may be artefacts of the text the parser could not read, so they are left out.
    for (const p of semantic) if (p.code !== 'FM103' && p.start < syntaxAt && !STRUCTURAL.has(p)) problems.push(p);
    return restore({ path, text, model: null, problems: sortProblems(problems) });
  }
  for (const p of semantic) problems.push(p);
  const loaded: LoadedAnnotations = { path, text, model, problems: sortProblems(problems), ...(index && model ? { index } : {}) };
  const out = restore(loaded);
  if (omittedSchemaErrors) OMITTED.set(out, omittedSchemaErrors);
  return out;
}

/** Offset of the quote that opens the unterminated scalar (the last one in value position before `pos`). */
function openingQuoteBefore(text: string, pos: number, q: string): number {
  const re = q === '"' ? /(^|[\s\[{,:-])"/g : /(^|[\s\[{,:-])'/g;
  let found = -1;
  let m: RegExpExecArray | null;
  const hay = text.slice(0, Math.min(pos + 1, text.length));
  while ((m = re.exec(hay))) found = m.index + m[1].length;
  return found;
}

function syntaxHint(code: string, msg: string): string {
  if (code === 'TAB_AS_INDENT') return ' — indent with spaces.';
  if (code === 'MISSING_CHAR' && /quote/.test(msg)) return ' — the quoted text that starts here is never closed.';
  if (/Nested mappings are not allowed in compact mappings|Implicit keys need to be on a single line|Implicit map keys need to be followed by map values/.test(msg))
    return ' — put text that contains ": " or " #" in quotes.';
  if (code === 'BAD_INDENT' || /must start at the same column|without - indicator|sufficiently indented/.test(msg))
    return ' — check the indentation of this line against the lines above.';
  if (code === 'MULTIPLE_DOCS') return ' — an annotations file holds one document (remove the "---" separators).';
  return '';
}

function sortProblems(p: Finding[]): Finding[] {
  return p.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}

export type NodeKind = 'source' | 'entity' | 'claim' | 'quote' | 'dismissal' | 'scale';

/**
 * What is at `offset` in the YAML: a reference value (claim.source, quote.speaker, evidence.source,
 * claim.verdict ... → the referenced item, `ref: true`, span = the value) or else the innermost item
 * (span = the whole item, idSpan = its id value). null outside any item.
 */
export function nodeAt(
  loaded: LoadedAnnotations,
  offset: number,
): { kind: NodeKind; id: string; span: Span; idSpan?: Span; ref?: boolean } | null {
  const index = loaded.index;
  if (!index) return null;
  const inside = (s: Span) => offset >= s.start && offset <= s.end;
  for (const r of index.refs) {
    if (inside(r.span)) return { kind: r.kind, id: r.id, span: r.span, ref: true };
  }
  let best: { kind: NodeKind; id: string; span: Span; idSpan?: Span } | null = null;
  const consider = (kind: NodeKind, id: string, span: Span, idSpan?: Span) => {
    if (!inside(span)) return;
    if (!best || span.end - span.start < best.span.end - best.span.start) best = { kind, id, span, ...(idSpan ? { idSpan } : {}) };
  };
  for (const kind of ['scale', 'source', 'entity', 'claim', 'quote'] as const) {
    const table = index[kind] as Record<string, IndexEntry>;
    for (const id of Object.keys(table)) consider(kind, id, table[id].span, table[id].idSpan);
  }
  index.dismissal.forEach((d, i) => {
    const id = loaded.model?.dismissals[i]?.id ?? String(i);
    consider('dismissal', id, d.span);
  });
  return best;
}
