// Annotation files known to the server: discovered on disk in every workspace folder, overridden
// by the editor buffer while open, refreshed by watched-file events. A file that stops parsing
// keeps its last good model in force (and says so once per break).
import * as path from 'path';
import { loadAnnotations } from '../engine/annotations/load';
import type { LoadedAnnotations } from '../engine/annotations/api';
import type { Finding } from '../engine/types';
import { isInside, matchesGlobs, pathToUri, readTextFile, scanFolder } from './workspace';
import { fileStatusFor, insideAny } from '../node/boundary';

export interface AnnotationsEntry {
  path: string;
  uri: string;
  /** Text the current `loaded` was built from (buffer when open, else disk). */
  text: string;
  /** Open buffer text and version, when the YAML is open in the editor. */
  buffer: { text: string; version: number } | null;
  /** The latest load (its problems are what the YAML shows). */
  loaded: LoadedAnnotations;
  /** The last load that produced a model: what sources are checked against. */
  good: LoadedAnnotations | null;
  /** True while the latest load has no model (syntax error) and the last good one is in use. */
  broken: boolean;
  /** The user was told about the current break (window/showMessage once per break). */
  warned: boolean;
}

export interface UpdateResult {
  entry: AnnotationsEntry;
  /** The file just broke (had a model, now has none) — time to tell the user once. */
  newlyBroken: boolean;
  /** The file parses again after being broken. */
  recovered: boolean;
}

export class AnnotationsStore {
  private entries = new Map<string, AnnotationsEntry>();
  /** Incremented on every change of any model in force: cached findings compare against it. */
  generation = 0;

  constructor(
    private folders: () => string[],
    private globs: () => string[],
    /** Largest YAML text loaded (characters); a larger one is not parsed (FM900). */
    private maxChars: () => number = () => Infinity,
  ) {}

  all(): AnnotationsEntry[] {
    return [...this.entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  get(p: string): AnnotationsEntry | undefined {
    return this.entries.get(p);
  }

  /** Is this path an annotations file by the factmark.annotations.files globs (relative to its folder)? */
  isAnnotationsPath(p: string): boolean {
    if (this.entries.has(p)) return true;
    const globs = this.globs();
    const folders = this.folders().filter((f) => isInside(f, p));
    if (folders.length === 0) return matchesGlobs(path.basename(p), globs);
    return folders.some((f) => matchesGlobs(path.relative(f, p), globs));
  }

  /** Scans every workspace folder for annotation files and loads them (disk copies). */
  async scan(): Promise<void> {
    const globs = this.globs();
    const found = new Set<string>();
    for (const folder of this.folders()) {
      const files = await scanFolder(folder, (rel) => matchesGlobs(rel, globs));
      for (const f of files) found.add(f);
    }
    for (const p of found) {
      const e = this.entries.get(p);
      if (e?.buffer) continue;
      const text = await readTextFile(p);
      if (text !== null) this.update(p, text, null);
      await new Promise<void>((resolve) => setImmediate(resolve)); // requests between two files
    }
    // Files no longer matched (settings changed, deleted meanwhile) are dropped unless open.
    for (const [p, e] of this.entries) {
      if (!found.has(p) && !e.buffer) {
        this.entries.delete(p);
        this.generation++;
      }
    }
  }

  /** The editor buffer of an annotations file changed (or was opened). */
  setBuffer(p: string, text: string, version: number): UpdateResult {
    return this.update(p, text, { text, version });
  }

  /** The editor closed the YAML: fall back to the disk copy (or forget it when gone). */
  async closeBuffer(p: string): Promise<UpdateResult | null> {
    const e = this.entries.get(p);
    if (!e) return null;
    const text = await readTextFile(p);
    if (text === null) {
      this.entries.delete(p);
      this.generation++;
      return null;
    }
    return this.update(p, text, null);
  }

  /** A watched file was created/changed/deleted on disk. Open buffers win over the disk. */
  async diskChanged(p: string, deleted: boolean): Promise<UpdateResult | null> {
    const e = this.entries.get(p);
    if (e?.buffer) return null;
    if (deleted) {
      if (e) {
        this.entries.delete(p);
        this.generation++;
      }
      return null;
    }
    if (!this.isAnnotationsPath(p)) return null;
    const text = await readTextFile(p);
    if (text === null) return null;
    if (e && e.text === text) return null;
    return this.update(p, text, null);
  }

  private update(p: string, text: string, buffer: AnnotationsEntry['buffer']): UpdateResult {
    const prev = this.entries.get(p);
    const max = this.maxChars();
    const loaded: LoadedAnnotations =
      text.length > max
        ? { path: p, text, model: null, problems: [tooLargeYaml(p, text.length, max)] }
        : loadAnnotations(p, text, { fileStatus: fileStatusFor(p, this.boundaryOf(p)) });
    const good = loaded.model ? loaded : prev?.good ?? null;
    const broken = loaded.model === null;
    const warned = broken && !!prev?.warned;
    const entry: AnnotationsEntry = { path: p, uri: prev?.uri ?? pathToUri(p), text, buffer, loaded, good, broken, warned };
    this.entries.set(p, entry);
    if (!prev || prev.text !== text || prev.good !== good) this.generation++;
    return { entry, newlyBroken: broken && !prev?.broken, recovered: !broken && !!prev?.broken };
  }

  /** What an annotations file may read: the workspace folders holding it, else its own folder. */
  boundaryOf(p: string): string[] {
    const folders = this.folders().filter((f) => insideAny([f], p));
    return folders.length ? folders : [path.dirname(p)];
  }

  /**
   * The annotations file in scope for a source: one that lists the source in `sources[].file`,
   * else the nearest one in the source's folder or above (within its workspace folder), else the
   * first of the source's workspace folder.
   */
  forSource(sourcePath: string | null): AnnotationsEntry | null {
    const all = this.all();
    if (all.length === 0 || !sourcePath) return all.length === 1 && !sourcePath ? all[0] : null;
    for (const e of all) {
      const model = e.good?.model;
      if (model && model.sources.some((s) => typeof s.file === 'string' && path.resolve(path.dirname(e.path), s.file) === sourcePath)) {
        return e;
      }
    }
    let best: AnnotationsEntry | null = null;
    for (const e of all) {
      const dir = path.dirname(e.path);
      if (isInside(dir, sourcePath) && (!best || path.dirname(best.path).length < dir.length)) best = e;
    }
    if (best) return best;
    const folder = this.folders()
      .filter((f) => isInside(f, sourcePath))
      .sort((a, b) => b.length - a.length)[0];
    if (folder) return all.find((e) => isInside(folder, e.path)) ?? null;
    return null;
  }

  /** Where a new annotations file for this source goes when none is in scope. */
  newFilePathFor(sourcePath: string): string {
    const folder = this.folders()
      .filter((f) => isInside(f, sourcePath))
      .sort((a, b) => b.length - a.length)[0];
    return path.join(folder ?? path.dirname(sourcePath), 'annotations.yaml');
  }
}

function tooLargeYaml(p: string, length: number, max: number): Finding {
  return {
    code: 'FM900',
    rule: 'document-too-large',
    severity: 'warning',
    start: 0,
    end: 0,
    message:
      `${path.basename(p)} has ${length.toLocaleString('en-US')} characters, more than the ${max.toLocaleString('en-US')} an annotations file may have ` +
      '(the smaller of factmark.maxFileSize and 2,000,000): it is not read; the last good version stays in use. Split it into several annotations files.',
    data: { length, max },
  };
}
