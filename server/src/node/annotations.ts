// Loading annotations YAML files from disk (Node only). The parsing itself is the engine's loadAnnotations.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAnnotations } from '../engine/annotations/load';
import type { LoadedAnnotations } from '../engine/annotations/api';
import { readText } from './files';

/**
 * Reads and parses an annotations file. Throws InputError when the file cannot be read; a file that
 * does not parse comes back with `model: null` and its problems (FM100...) located in `text`.
 */
export function loadAnnotationsFromDisk(file: string): LoadedAnnotations {
  const abs = path.resolve(file);
  const text = readText(file);
  const dir = path.dirname(abs);
  return loadAnnotations(abs, text, { fileExists: (rel) => fs.existsSync(path.resolve(dir, rel)) });
}

/** Absolute paths of the sources an annotations model lists (resolved against the YAML's folder). */
export function listedSources(loaded: LoadedAnnotations): string[] {
  if (!loaded.model) return [];
  const dir = path.dirname(loaded.path);
  return loaded.model.sources.filter((s) => typeof s.file === 'string' && s.file).map((s) => path.resolve(dir, s.file));
}
