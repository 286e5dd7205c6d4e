// Help while writing the annotations YAML, from Factmark's own server (no YAML extension needed):
// completion of keys (from the shipped JSON Schema, by position in the structure) and of values
// (enums; ids: verdict → scale, source/alsoIn/evidence source → sources, speaker/claimant →
// entities; sources[].file → files next to the YAML), hovers on keys (schema descriptions) and on
// ids (what they point to), and document symbols (scale, sources, entities, claims, quotes,
// dismissals in the Outline). Go to definition from an id is in navigation.ts.
//
// Completion works on the buffer text line by line (the structure above the cursor, from
// indentation), so it keeps working while the line being typed does not parse yet.
import * as fs from 'fs';
import * as path from 'path';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type CompletionList,
  type Connection,
  type DocumentSymbol,
  type Hover,
  type Position,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ANNOTATIONS_SCHEMA, nodeAt } from '../engine/annotations/load';
import type { AnnotationsModel, IndexEntry, LoadedAnnotations } from '../engine/annotations/api';
import type { AnnotationsEntry } from './annotations';
import { ANNOTATE_COMMAND, executeAnnotate, type AnnotateArgs } from './annotate';
import type { FactmarkServer } from './server';
import { spanToRange } from './convert';
import { EXPORT_COMMAND, exportClaimReview } from './export';

export const SERVER_COMMANDS = [ANNOTATE_COMMAND, EXPORT_COMMAND] as const;

type Schema = {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
};

const ROOT = ANNOTATIONS_SCHEMA as Schema;

/** Where ids used as values point to, by schema path ('[]' = a sequence item). */
const REFERENCES: Record<string, 'scale' | 'source' | 'entity' | 'file'> = {
  'claims.[].verdict': 'scale',
  'claims.[].source': 'source',
  'claims.[].alsoIn.[]': 'source',
  'claims.[].claimant': 'entity',
  'claims.[].evidence.[].source': 'source',
  'quotes.[].speaker': 'entity',
  'quotes.[].source': 'source',
  'quotes.[].variants.[].source': 'source',
  'dismissals.[].file': 'source',
  'sources.[].file': 'file',
};

// ------------------------------------------------------------------ structure from indentation

interface LineInfo {
  indent: number;
  dash: boolean;
  /** Column of the key (after "- " on an item line). */
  keyCol: number;
  key?: string;
  /** Text after "key:" (trimmed), when there is a key. */
  value?: string;
  blank: boolean;
}

const LINE_RE = /^(\s*)(-(?:\s+|$))?(?:([A-Za-z_][\w.-]*)[ \t]*:(?=\s|$)[ \t]*(.*))?/;

function lineInfo(line: string): LineInfo {
  const m = LINE_RE.exec(line)!;
  const indent = m[1].length;
  const dash = !!m[2];
  const keyCol = indent + (m[2]?.length ?? 0);
  const rest = line.slice(indent).trim();
  const blank = rest === '' || rest.startsWith('#');
  return { indent, dash, keyCol, key: m[3], value: m[4]?.replace(/\s+#.*$/, '').trim(), blank };
}

/** Schema path of the mapping whose key column is `col`, looking up from line `lineNo` (exclusive). */
function parentPath(lines: string[], lineNo: number, col: number, currentDash: boolean, currentIndent: number): string[] {
  const out: string[] = [];
  let c = col;
  if (currentDash) {
    out.push('[]');
    c = currentIndent;
  }
  for (let i = lineNo - 1; i >= 0 && c > 0; i--) {
    const info = lineInfo(lines[i]);
    if (info.blank) continue;
    if (info.dash && info.indent < c) {
      out.push('[]');
      c = info.indent;
      continue;
    }
    if (info.key && info.keyCol < c) {
      out.push(info.key);
      c = info.keyCol;
    }
  }
  return out.reverse();
}

function schemaAt(p: string[]): Schema | undefined {
  let s: Schema | undefined = ROOT;
  for (const seg of p) {
    if (!s) return undefined;
    s = seg === '[]' ? s.items : s.properties?.[seg];
  }
  return s;
}

function describe(s: Schema | undefined): string {
  return s?.markdownDescription ?? s?.description ?? '';
}

function typeLabel(s: Schema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const t = Array.isArray(s.type) ? s.type.join(' | ') : s.type ?? '';
  if (t === 'array' && s.items?.type === 'object') return 'list of entries';
  if (t === 'array') return `list of ${s.items?.type ?? 'values'}`;
  return t;
}

/** Keys already used in the mapping the cursor line belongs to (same key column). */
function siblingKeys(lines: string[], lineNo: number, col: number): Set<string> {
  const keys = new Set<string>();
  for (let i = lineNo - 1; i >= 0; i--) {
    const info = lineInfo(lines[i]);
    if (info.blank) continue;
    if (info.keyCol === col && info.key) keys.add(info.key);
    if (info.keyCol < col || (info.dash && info.keyCol === col)) break;
  }
  for (let i = lineNo + 1; i < lines.length; i++) {
    const info = lineInfo(lines[i]);
    if (info.blank) continue;
    if (info.dash && info.indent < col) break;
    if (info.keyCol < col) break;
    if (info.keyCol === col && info.key) keys.add(info.key);
  }
  return keys;
}

// ------------------------------------------------------------------ ids

function modelOf(entry: AnnotationsEntry): AnnotationsModel | null {
  return entry.loaded.model ?? entry.good?.model ?? null;
}

function idItems(entry: AnnotationsEntry, kind: 'scale' | 'source' | 'entity' | 'file'): CompletionItem[] {
  const model = modelOf(entry);
  if (kind === 'file') return fileItems(entry.path);
  if (!model) return [];
  if (kind === 'scale') {
    return model.scale.map((s, i) => ({
      label: s.id,
      kind: CompletionItemKind.EnumMember,
      detail: `${s.label} — ${s.class}, rating ${s.value}`,
      documentation: s.description,
      sortText: String(i).padStart(3, '0'),
      insertText: quoteIfNeeded(s.id),
    }));
  }
  if (kind === 'source') {
    return model.sources.map((s) => ({
      label: s.id,
      kind: CompletionItemKind.Reference,
      detail: [s.outlet, s.published].filter(Boolean).join(', ') || s.file,
      documentation: [s.title, s.file].filter(Boolean).join('\n\n'),
      insertText: quoteIfNeeded(s.id),
    }));
  }
  return model.entities.map((e) => ({
    label: e.id,
    kind: CompletionItemKind.Reference,
    detail: `${e.name} — ${e.type}`,
    documentation: e.description,
    filterText: `${e.id} ${e.name}`,
    insertText: quoteIfNeeded(e.id),
  }));
}

/** Text files next to (and below) the YAML, relative to it. */
function fileItems(yamlPath: string): CompletionItem[] {
  const dir = path.dirname(yamlPath);
  const out: CompletionItem[] = [];
  const walk = (d: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= 200) return;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(d, e.name);
      if (e.isDirectory() && depth < 2) walk(full, depth + 1);
      else if (e.isFile() && /\.(txt|md|markdown|news|newstext)$/i.test(e.name)) {
        const rel = path.relative(dir, full).split(path.sep).join('/');
        out.push({ label: rel, kind: CompletionItemKind.File, insertText: quoteIfNeeded(rel) });
      }
    }
  };
  walk(dir, 0);
  return out;
}

function quoteIfNeeded(s: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._\/-]*$/.test(s) && !/^(true|false|yes|no|on|off|null|~|\d+(\.\d+)?)$/i.test(s) ? s : JSON.stringify(s);
}

// ------------------------------------------------------------------ completion

export function yamlCompletion(entry: AnnotationsEntry, doc: TextDocument, position: Position): CompletionList {
  const lines = doc.getText().split(/\r?\n/);
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const items: CompletionItem[] = [];

  // value position: "key: partial" (or a flow list "key: [a, b")
  const valueMatch = /^(\s*)(-\s+)?([A-Za-z_][\w.-]*)[ \t]*:[ \t]+(\[[^\]]*)?([^\s,\[\]]*)$/.exec(before);
  // list item value: "- partial" under a key whose items are scalars (alsoIn:)
  const itemMatch = !valueMatch ? /^(\s*)-[ \t]+([^\s:]*)$/.exec(before) : null;
  if (valueMatch) {
    const indent = valueMatch[1].length;
    const dash = !!valueMatch[2];
    const keyCol = indent + (valueMatch[2]?.length ?? 0);
    const key = valueMatch[3];
    const flow = !!valueMatch[4];
    const p = [...parentPath(lines, position.line, keyCol, dash, indent), key];
    const target = flow ? [...p, '[]'] : p;
    items.push(...valueItems(entry, target));
  } else if (itemMatch) {
    const indent = itemMatch[1].length;
    const p = [...parentPath(lines, position.line, indent + 2, true, indent)];
    const s = schemaAt(p);
    if (s && s.type !== 'object') items.push(...valueItems(entry, p));
    else items.push(...keyItems(lines, position.line, indent + 2, p, true, indent));
  } else {
    const keyMatch = /^(\s*)(-\s+)?([A-Za-z_][\w.-]*)?$/.exec(before);
    if (keyMatch) {
      const indent = keyMatch[1].length;
      const dash = !!keyMatch[2];
      const keyCol = indent + (keyMatch[2]?.length ?? 0);
      const p = parentPath(lines, position.line, keyCol, dash, indent);
      items.push(...keyItems(lines, position.line, keyCol, p, dash, indent));
    }
  }
  return { isIncomplete: false, items };
}

function valueItems(entry: AnnotationsEntry, p: string[]): CompletionItem[] {
  const ref = REFERENCES[p.join('.')];
  if (ref) return idItems(entry, ref);
  const s = schemaAt(p);
  if (s?.enum) {
    return s.enum.map((v, i) => ({
      label: String(v),
      kind: CompletionItemKind.EnumMember,
      sortText: String(i).padStart(3, '0'),
      insertText: typeof v === 'string' ? quoteIfNeeded(v) : String(v),
      documentation: describe(s),
    }));
  }
  if (s?.type === 'boolean') return ['true', 'false'].map((label) => ({ label, kind: CompletionItemKind.Value }));
  if (p.join('.') === 'version') return [{ label: '1', kind: CompletionItemKind.Value }];
  return [];
}

function keyItems(lines: string[], lineNo: number, keyCol: number, p: string[], dash: boolean, indent: number): CompletionItem[] {
  const s = schemaAt(p);
  if (!s?.properties) return [];
  const used = siblingKeys(lines, lineNo, keyCol);
  if (dash) {
    // a new item: its other keys are not siblings of the previous item's
    used.clear();
  }
  const current = lineInfo(lines[lineNo] ?? '').key;
  if (current) used.delete(current);
  const required = new Set(s.required ?? []);
  const out: CompletionItem[] = [];
  let i = 0;
  for (const [key, sub] of Object.entries(s.properties)) {
    i++;
    if (used.has(key)) continue;
    const childIndent = ' '.repeat(keyCol + 2);
    let insertText = `${key}: `;
    if (sub.type === 'array' && sub.items?.type === 'object') insertText = `${key}:\n${childIndent}- `;
    else if (sub.type === 'array') insertText = `${key}: [$1]`;
    else if (sub.type === 'object') insertText = `${key}:\n${childIndent}`;
    out.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: `${typeLabel(sub)}${required.has(key) ? ' (required)' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: describe(sub) },
      insertText,
      insertTextFormat: insertText.includes('$1') ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      sortText: `${required.has(key) ? '0' : '1'}${String(i).padStart(3, '0')}`,
      // re-open the list: after "speaker: " the ids are offered at once
      ...(sub.type !== 'object' && !(sub.type === 'array') ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
    });
  }
  void indent;
  return out;
}

// ------------------------------------------------------------------ hover

export function yamlHover(entry: AnnotationsEntry, doc: TextDocument, position: Position): Hover | null {
  const lines = doc.getText().split(/\r?\n/);
  const line = lines[position.line] ?? '';
  const info = lineInfo(line);
  const offset = doc.offsetAt(position);
  // on an id value: what it points to
  const loaded = entry.loaded.index ? entry.loaded : null;
  if (loaded) {
    const node = nodeAt(loaded, offset);
    if (node?.ref) {
      const text = refMarkdown(loaded, node.kind, node.id);
      if (text) return { contents: { kind: MarkupKind.Markdown, value: text }, range: spanToRange(doc, node.span) };
    }
  }
  // on a key: its schema description
  if (info.key) {
    const start = info.keyCol;
    const end = start + info.key.length;
    if (position.character >= start && position.character <= end) {
      const p = [...parentPath(lines, position.line, info.keyCol, info.dash, info.indent), info.key];
      const s = schemaAt(p);
      if (s) {
        const type = typeLabel(s);
        const value = [`**${info.key}**${type ? ` — ${type}` : ''}`, '', describe(s)].join('\n');
        return {
          contents: { kind: MarkupKind.Markdown, value },
          range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } },
        };
      }
    }
  }
  return null;
}

function esc(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}

function refMarkdown(loaded: LoadedAnnotations, kind: string, id: string): string | null {
  const m = loaded.model;
  if (!m) return null;
  const line = (e: IndexEntry | undefined) => (e ? ` · line ${loaded.text.slice(0, e.span.start).split('\n').length}` : '');
  if (kind === 'entity') {
    const e = m.entities.find((x) => x.id === id);
    if (!e) return `Unknown entity \`${esc(id)}\` — not in \`entities\`.`;
    return [
      `**${esc(e.name)}** — ${esc(e.type)} (entity \`${esc(e.id)}\`${line(loaded.index?.entity[id])})`,
      e.description ? `\n${esc(e.description)}` : '',
      e.aliases.length ? `\nAlso written: ${e.aliases.map((a) => `“${esc(a)}”`).join(', ')}` : '',
      e.wikidata ? `\n[Wikidata ${esc(e.wikidata)}](https://www.wikidata.org/wiki/${encodeURIComponent(e.wikidata)})` : '',
    ].filter(Boolean).join('\n');
  }
  if (kind === 'source') {
    const s = m.sources.find((x) => x.id === id);
    if (!s) return `Unknown source \`${esc(id)}\` — not in \`sources\`.`;
    return [
      `**${esc(s.outlet ?? s.title ?? s.id)}**${s.published ? `, ${esc(s.published)}` : ''} (source \`${esc(s.id)}\`${line(loaded.index?.source[id])})`,
      s.title ? `\n${esc(s.title)}` : '',
      `\nFile: \`${esc(s.file)}\`${s.url ? ` · [${esc(s.url)}](${s.url})` : ''}`,
    ].filter(Boolean).join('\n');
  }
  if (kind === 'scale') {
    const r = m.scale.find((x) => x.id === id);
    if (!r) return `Unknown rating \`${esc(id)}\` — not on the \`scale\` (${m.scale.map((x) => `\`${esc(x.id)}\``).join(', ')}).`;
    return [`**${esc(r.label)}** — rating ${r.value}, class *${r.class}*`, r.description ? `\n${esc(r.description)}` : ''].filter(Boolean).join('\n');
  }
  if (kind === 'claim') {
    const c = m.claims.find((x) => x.id === id);
    return c ? `Claim \`${esc(c.id)}\`: “${esc(c.text)}”` : null;
  }
  if (kind === 'quote') {
    const q = m.quotes.find((x) => x.id === id);
    return q ? `Quote \`${esc(q.id)}\`: “${esc(q.text)}”` : null;
  }
  return null;
}

// ------------------------------------------------------------------ outline

function short(s: string, max = 70): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

export function yamlSymbols(entry: AnnotationsEntry, doc: TextDocument): DocumentSymbol[] {
  const loaded = entry.loaded.index ? entry.loaded : null;
  if (!loaded?.model || !loaded.index) return [];
  const m = loaded.model;
  const idx = loaded.index;
  const out: DocumentSymbol[] = [];
  const section = (name: string, kind: SymbolKind, children: DocumentSymbol[]) => {
    if (children.length === 0) return;
    const start = children[0].range.start;
    const end = children[children.length - 1].range.end;
    out.push({ name, detail: String(children.length), kind, range: { start, end }, selectionRange: children[0].selectionRange, children });
  };
  const sym = (e: IndexEntry | undefined, name: string, detail: string, kind: SymbolKind): DocumentSymbol | null =>
    e ? { name, detail, kind, range: spanToRange(doc, e.span), selectionRange: spanToRange(doc, e.idSpan) } : null;
  const keep = (xs: Array<DocumentSymbol | null>) => xs.filter((x): x is DocumentSymbol => !!x).sort((a, b) => a.range.start.line - b.range.start.line);

  section('Rating scale', SymbolKind.Enum, keep(m.scale.map((s) => sym(idx.scale[s.id], s.id, `${s.label} · ${s.class}`, SymbolKind.EnumMember))));
  section('Sources', SymbolKind.Namespace, keep(m.sources.map((s) => sym(idx.source[s.id], s.id, [s.outlet, s.published].filter(Boolean).join(', ') || s.file, SymbolKind.File))));
  section('Entities', SymbolKind.Namespace, keep(m.entities.map((e) => sym(idx.entity[e.id], e.name, `${e.id} · ${e.type}`, SymbolKind.Object))));
  const verdict = (v?: string) => (v ? m.scale.find((s) => s.id === v)?.label ?? v : 'not rated');
  section('Claims', SymbolKind.Namespace, keep(m.claims.map((c) => sym(idx.claim[c.id], c.id, `${verdict(c.verdict)} · “${short(c.text, 50)}”`, SymbolKind.Boolean))));
  section(
    'Quotes',
    SymbolKind.Namespace,
    keep(m.quotes.map((q) => sym(idx.quote[q.id], q.id, `${m.entities.find((e) => e.id === q.speaker)?.name ?? q.speaker} · “${short(q.text, 50)}”`, SymbolKind.String))),
  );
  const dismissals = idx.dismissal
    .map((d, i) => {
      const x = m.dismissals[i];
      if (!x) return null;
      const range = spanToRange(doc, d.span);
      return { name: `${x.code} “${short(x.text, 40)}”`, detail: x.reason ?? '', kind: SymbolKind.Null, range, selectionRange: range } as DocumentSymbol;
    })
    .filter((x): x is DocumentSymbol => !!x);
  section('Dismissals', SymbolKind.Namespace, dismissals);
  return out;
}

// ------------------------------------------------------------------ registration

export function registerYamlFeatures(connection: Connection, server: FactmarkServer): void {
  connection.onCompletion(async (params) => {
    await server.ready;
    const entry = server.freshAnnotationsEntry(params.textDocument.uri);
    const open = server.openDocument(params.textDocument.uri);
    if (!entry || !open) return null;
    return yamlCompletion(entry, open, params.position);
  });
  connection.onExecuteCommand(async (params) => {
    await server.ready;
    if (params.command === ANNOTATE_COMMAND) {
      const args = (params.arguments?.[0] ?? {}) as AnnotateArgs;
      return executeAnnotate(connection, server, { ...server.clientCaps.edits, showDocument: !!server.clientCaps.edits.showDocument }, args);
    }
    if (params.command === EXPORT_COMMAND) return exportClaimReview(server, (params.arguments?.[0] ?? {}) as { uri?: string; baseUrl?: string });
    return null;
  });
}
