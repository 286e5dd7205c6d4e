// Settings of the language server (section "factmark"), read through workspace/configuration
// and re-read on workspace/didChangeConfiguration. Unknown or badly typed values fall back to
// the defaults so a typo in settings.json never stops the server.
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { FindingCode, Severity } from '../engine/types';

export type SeveritySetting = Severity | 'off';

export interface FactmarkSettings {
  annotations: { files: string[] };
  claims: { threshold: number | undefined };
  diagnostics: { severity: Partial<Record<FindingCode, SeveritySetting>>; /** Most diagnostics published per document (FM901 summarises the rest). */ max?: number };
  maxFileSize: number;
  debounceMs: number;
  /** Base of codeDescription links; the anchor is the lowercase code (`#fm001`). */
  docsUrl: string;
  /** Semantic token types to highlight (factmark.highlight.types). */
  highlight: { types: string[] };
}

/** Every semantic token type Factmark emits (the default of factmark.highlight.types). */
export const HIGHLIGHT_TYPES = ['person', 'place', 'organization', 'date', 'number', 'quote', 'speaker'];

import { DEFAULT_ANNOTATION_GLOBS } from '../node/files';

export { DEFAULT_ANNOTATION_GLOBS };
export const DEFAULT_MAX_FILE_SIZE = 5_000_000;
export const DEFAULT_DEBOUNCE_MS = 150;

/** README.md next to the bundled server (dist/server.js → README.md at the extension root). */
export function defaultDocsUrl(): string {
  return pathToFileURL(path.join(__dirname, '..', 'README.md')).toString();
}

export function defaultSettings(): FactmarkSettings {
  return {
    annotations: { files: [...DEFAULT_ANNOTATION_GLOBS] },
    claims: { threshold: undefined },
    diagnostics: { severity: {} },
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    debounceMs: DEFAULT_DEBOUNCE_MS,
    docsUrl: defaultDocsUrl(),
    highlight: { types: [...HIGHLIGHT_TYPES] },
  };
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a dotted key either nested (`{claims:{threshold}}`, VS Code) or flat (`{"claims.threshold"}`). */
function pick(raw: Record<string, unknown>, dotted: string): unknown {
  if (dotted in raw) return raw[dotted];
  let cur: unknown = raw;
  for (const part of dotted.split('.')) {
    if (!isObject(cur) || !(part in cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Normalises whatever the client sent (null, partial, flat or nested) into complete settings. */
export function parseSettings(raw: unknown): FactmarkSettings {
  const s = defaultSettings();
  if (!isObject(raw)) return s;
  const files = pick(raw, 'annotations.files');
  if (Array.isArray(files) && files.every((f) => typeof f === 'string') && files.length > 0) {
    s.annotations.files = files as string[];
  }
  const threshold = pick(raw, 'claims.threshold');
  if (typeof threshold === 'number' && threshold >= 0 && threshold <= 1) s.claims.threshold = threshold;
  const severity = pick(raw, 'diagnostics.severity');
  if (isObject(severity)) {
    for (const [code, value] of Object.entries(severity)) {
      if (/^FM\d{3}$/i.test(code) && typeof value === 'string' && SEVERITIES.has(value.toLowerCase())) {
        s.diagnostics.severity[code.toUpperCase() as FindingCode] = value.toLowerCase() as SeveritySetting;
      }
    }
  }
  const maxDiagnostics = pick(raw, 'diagnostics.maxPerDocument');
  if (typeof maxDiagnostics === 'number' && maxDiagnostics >= 1) s.diagnostics.max = Math.floor(maxDiagnostics);
  const maxFileSize = pick(raw, 'maxFileSize');
  if (typeof maxFileSize === 'number' && maxFileSize > 0) s.maxFileSize = Math.floor(maxFileSize);
  const debounceMs = pick(raw, 'debounceMs');
  if (typeof debounceMs === 'number' && debounceMs >= 0) s.debounceMs = Math.floor(debounceMs);
  const docsUrl = pick(raw, 'docsUrl');
  if (typeof docsUrl === 'string' && docsUrl.trim() !== '') s.docsUrl = docsUrl.trim();
  const types = pick(raw, 'highlight.types');
  // Unknown names are ignored; an empty list turns the highlighting off.
  if (Array.isArray(types)) s.highlight.types = HIGHLIGHT_TYPES.filter((t) => types.some((x) => typeof x === 'string' && x.toLowerCase() === t));
  return s;
}

export function docsHref(settings: FactmarkSettings, code: string): string {
  const base = settings.docsUrl.replace(/#.*$/, '');
  return `${base}#${code.toLowerCase()}`;
}
