// Loading annotations YAML files from disk (Node only). The parsing itself is the engine's loadAnnotations.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAnnotations } from '../engine/annotations/load';
import type { LoadedAnnotations } from '../engine/annotations/api';
import { decodeChecked, readBytes } from './files';
import { fileStatusFor, insideAny } from './boundary';

/**
 * Reads and parses an annotations file. Throws InputError when the file cannot be read; a file that
 * does not parse comes back with `model: null` and its problems (FM100...) located in `text`.
 */
export function loadAnnotationsFromDisk(file: string, boundary?: { root: string } | null): LoadedAnnotations {
  const abs = path.resolve(file);
  const { text, notes } = decodeChecked(file, readBytes(file));
  const dir = path.dirname(abs);
  if (boundary === null) return loadAnnotations(abs, text, { fileExists: (rel) => fs.existsSync(path.resolve(dir, rel)), readNotes: notes });
  // The CLI's root bounds what the file may read; a file outside the root is bounded by its own folder.
  const root = boundary?.root ?? process.cwd();
  const roots = insideAny([root], abs) ? [root] : [dir];
  return loadAnnotations(abs, text, { fileStatus: fileStatusFor(abs, roots), readNotes: notes });
}

/** Absolute paths of the sources an annotations model lists (resolved against the YAML's folder). */
export function listedSources(loaded: LoadedAnnotations): string[] {
  if (!loaded.model) return [];
  const dir = path.dirname(loaded.path);
  return loaded.model.sources.filter((s) => typeof s.file === 'string' && s.file).map((s) => path.resolve(dir, s.file));
}
