// Quick fixes built from diagnostic data alone (no re-check). YAML changes come from the engine's
// edit planners (comments, order and formatting kept) and go back as a WorkspaceEdit: the client
// applies them (undoable); the server never writes files.
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { planAddAlias, planAnnotateClaim, planDismiss } from '../engine/annotations/edits';
import { claimMatchActions } from './claimActions';
import type { TextEditPlan } from '../engine/annotations/api';
import { ANNOTATE_COMMAND, type AnnotateArgs } from './annotate';
import type { ServerContext } from './context';
import { DIAGNOSTIC_SOURCE, planToTextEdit } from './convert';
import { isInside, normalizeUri, pathToUri, uriToPath } from './workspace';

export interface EditCapabilities {
  documentChanges: boolean;
  /** resourceOperations includes 'create'. */
  create: boolean;
  /** codeAction/resolve with `edit` among the resolvable properties: YAML edits are computed when
   *  the user picks the action, from the file as it is then. */
  resolve?: boolean;
  /** The workspace is trusted (false in VS Code's Restricted Mode: no edits to the annotations). */
  trusted?: boolean;
  /** workspace/applyEdit is supported: "Annotate this claim" runs as a server command (annotate.ts). */
  applyEdit?: boolean;
  /** window/showDocument is supported. */
  showDocument?: boolean;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Largest YAML file a quick fix reads from disk (bytes). */
const MAX_YAML_BYTES = 20_000_000;

/**
 * Current text of a YAML file: the open buffer, else the file on disk read now — never the copy the
 * store loaded earlier, which is stale when the client sends no file-change events (Neovim without
 * watchers) or a `git pull` changed the file since; null text for a file that does not exist yet.
 */
function yamlText(ctx: ServerContext, yamlPath: string): { text: string; open?: TextDocument; exists: boolean } {
  const uri = pathToUri(yamlPath);
  const open = ctx.openDocument(uri) ?? findOpen(ctx, uri);
  if (open) return { text: open.getText(), open, exists: true };
  try {
    const st = fs.statSync(yamlPath);
    if (!st.isFile() || st.size > MAX_YAML_BYTES) return { text: '', exists: true };
    const text = fs.readFileSync(yamlPath, 'utf8');
    const entry = ctx.store.get(yamlPath);
    if (entry && !entry.buffer && entry.text !== text) ctx.diskTextChanged?.(yamlPath);
    return { text, exists: true };
  } catch {
    return { text: '', exists: false };
  }
}

function findOpen(ctx: ServerContext, uri: string): TextDocument | undefined {
  for (const e of ctx.store.all()) {
    if (normalizeUri(e.uri) === uri) {
      const d = ctx.openDocument(e.uri);
      if (d) return d;
    }
  }
  return undefined;
}

/** A YAML edit described by data (so that it can be recomputed when resolved). */
export type YamlFix =
  | { op: 'annotateClaim'; args: Parameters<typeof planAnnotateClaim>[1] }
  | { op: 'addAlias'; args: { entityId: string; alias: string } }
  | { op: 'dismiss'; args: Parameters<typeof planDismiss>[1] };

function planFor(fix: YamlFix): (text: string) => TextEditPlan[] {
  switch (fix.op) {
    case 'annotateClaim':
      return (yaml) => planAnnotateClaim(yaml, fix.args);
    case 'addAlias':
      return (yaml) => planAddAlias(yaml, fix.args.entityId, fix.args.alias);
    case 'dismiss':
      return (yaml) => planDismiss(yaml, fix.args);
  }
}

/** Builds the WorkspaceEdit for planned YAML edits (versioned when the YAML is open). */
export function yamlWorkspaceEdit(
  ctx: ServerContext,
  caps: EditCapabilities,
  yamlPath: string,
  plan: (text: string) => TextEditPlan[],
): WorkspaceEdit | { error: string } | null {
  if (caps.trusted === false) return { error: 'This workspace is in Restricted Mode: Factmark does not edit files until you trust it.' };
  if (!insideWorkspace(ctx, yamlPath)) {
    return { error: `${path.basename(yamlPath)} is outside the workspace folders: Factmark only edits annotations files inside them.` };
  }
  const { text, open, exists } = yamlText(ctx, yamlPath);
  let plans: TextEditPlan[];
  try {
    plans = plan(text);
  } catch (err) {
    return { error: (err as Error).message };
  }
  if (plans.length === 0) return null;
  const doc = open ?? TextDocument.create(pathToUri(yamlPath), 'yaml', 0, text);
  const edits: TextEdit[] = plans.map((p) => planToTextEdit(doc, p));
  const uri = open?.uri ?? pathToUri(yamlPath);
  if (!exists) {
    if (!caps.documentChanges || !caps.create) return { error: `${path.basename(yamlPath)} does not exist and this editor cannot create files from a quick fix.` };
    return {
      documentChanges: [CreateFile.create(uri, { ignoreIfExists: true }), TextDocumentEdit.create({ uri, version: null }, edits)],
    };
  }
  if (open && caps.documentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri, version: open.version }, edits)] };
  }
  return { changes: { [uri]: edits } };
}

/** Is the path inside one of the workspace folders (symlinks resolved)? */
function insideWorkspace(ctx: ServerContext, p: string): boolean {
  const folders = ctx.workspaceFolders?.() ?? [];
  if (folders.length === 0) return false;
  const real = realpathOrParent(p);
  return folders.some((f) => isInside(realpathOrParent(f), real));
}

/** realpath of a path, or of its nearest existing ancestor joined with the rest (a new file). */
function realpathOrParent(p: string): string {
  let cur = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest);
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.resolve(p);
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

function sourceEdit(ctx: ServerContext, caps: EditCapabilities, uri: string, edits: TextEdit[]): WorkspaceEdit {
  const open = ctx.openDocument(uri);
  if (open && caps.documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri, version: open.version }, edits)] };
  return { changes: { [uri]: edits } };
}

export function relFrom(yamlPath: string, sourcePath: string): string {
  return path.relative(path.dirname(yamlPath), sourcePath).split(path.sep).join('/');
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function action(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit | { error: string } | null, preferred = false): CodeAction | null {
  if (!edit) return null;
  const a: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
  if ('error' in edit) a.disabled = { reason: edit.error };
  else a.edit = edit;
  if (preferred) a.isPreferred = true;
  return a;
}

/** Data of a resolvable YAML quick fix. */
interface ResolveData {
  factmarkFix: YamlFix;
  yamlPath: string;
}

/** A quick fix that edits the YAML: with codeAction/resolve, the edit is left out here and computed
 *  again from the file as it is when the user picks the action (resolveYamlAction). */
function yamlAction(ctx: ServerContext, caps: EditCapabilities, title: string, d: Diagnostic, yamlPath: string, fix: YamlFix, preferred = false): CodeAction | null {
  const a = action(title, d, yamlWorkspaceEdit(ctx, caps, yamlPath, planFor(fix)), preferred);
  if (a && a.edit && caps.resolve) {
    delete a.edit;
    a.data = { factmarkFix: fix, yamlPath } satisfies ResolveData;
  }
  return a;
}

/**
 * codeAction/resolve: the edit computed now from the open buffer or the disk. When the file no
 * longer holds what the fix needs (the entity was removed, the file stopped parsing), the action
 * comes back without an edit and the user is told why: nothing is applied on a guess.
 */
export function resolveYamlAction(ctx: ServerContext, caps: EditCapabilities, a: CodeAction, tell: (message: string) => void): CodeAction {
  const data = a.data as Partial<ResolveData> | undefined;
  if (!data || !data.factmarkFix || typeof data.yamlPath !== 'string' || a.edit) return a;
  // The data came back from the client: only an annotations file (by the configured globs) is edited.
  const yamlPath = path.resolve(data.yamlPath);
  const edit = ctx.store.isAnnotationsPath(yamlPath)
    ? yamlWorkspaceEdit(ctx, caps, yamlPath, planFor(data.factmarkFix))
    : { error: `${path.basename(yamlPath)} is not an annotations file`, forged: true };
  const out: CodeAction = { ...a };
  delete out.data;
  if (edit && !('error' in edit)) out.edit = edit;
  else {
    const why = edit ? edit.error : 'the annotations file already has it';
    tell(
      edit && 'forged' in edit
        ? `Factmark did not apply “${a.title}”: ${why}.`
        : `Factmark did not apply “${a.title}”: ${path.basename(yamlPath)} changed since the fix was offered (${why}).`,
    );
  }
  return out;
}

export function codeActions(ctx: ServerContext, caps: EditCapabilities, params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  const uri = params.textDocument.uri;
  const doc = ctx.openDocument(uri);
  const sourcePath = uriToPath(uri);
  for (const d of params.context.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') continue;
    const data = (d.data ?? {}) as Record<string, unknown>;
    const code = d.code;
    if (/^FM(1\d\d|900)$/.test(code)) continue; // problems of the YAML itself / size notice: nothing to record
    // The annotations path in the diagnostic's data is a hint from the client: only a file the
    // server itself knows is used (data can be forged; it must not choose where edits go).
    const hinted = str(data.annotationsPath) ?? str(data.annotations);
    const scoped = hinted ? ctx.store.get(path.resolve(hinted))?.path : undefined;
    const yamlPath = scoped ?? (sourcePath ? ctx.store.forSource(sourcePath)?.path ?? ctx.store.newFilePathFor(sourcePath) : undefined);
    const foundText = doc ? doc.getText(d.range) : str(data.found) ?? str(data.exact) ?? '';

    if (code === 'FM004' && yamlPath && sourcePath && caps.applyEdit && caps.trusted !== false) {
      const command = annotateCommandAction(d, uri, data, yamlPath);
      if (command) {
        out.push(command);
        if (foundText.trim()) out.push(...dismissAction(ctx, caps, d, code, data, yamlPath, sourcePath, foundText));
        continue;
      }
    }
    if (code === 'FM004' && yamlPath && sourcePath) {
      const text = str(data.exact) ?? foundText;
      out.push(
        yamlAction(
          ctx,
          caps,
          'Annotate this claim',
          d,
          yamlPath,
          {
            op: 'annotateClaim',
            args: {
              text,
              prefix: str(data.prefix),
              suffix: str(data.suffix),
              sourceFile: relFrom(yamlPath, sourcePath),
              sourceId: str(data.sourceId),
              position: typeof data.position === 'number' ? data.position : undefined,
            },
          },
          true,
        )!,
      );
    }
    if (code === 'FM007') {
      const replacement = str(data.replacement) ?? str(data.canonical);
      if (replacement && replacement !== foundText) {
        out.push(action(`Use the canonical spelling “${replacement}”`, d, sourceEdit(ctx, caps, uri, [{ range: d.range, newText: replacement }]), true)!);
      }
      const entityId = str(data.entityId);
      const alias = str(data.found) ?? foundText;
      if (entityId && alias && yamlPath) {
        const name = str(data.canonical) ?? entityId;
        const a = yamlAction(ctx, caps, `Add “${alias}” as an alias of ${name}`, d, yamlPath, { op: 'addAlias', args: { entityId, alias } });
        if (a) out.push(a);
      }
    }
    if (yamlPath && sourcePath && /^FM00[12389]$/.test(code)) out.push(...claimMatchActions(ctx, caps, d, data, yamlPath, sourcePath, foundText, action));
    if (yamlPath && foundText.trim()) out.push(...dismissAction(ctx, caps, d, code, data, yamlPath, sourcePath, foundText));
  }
  return out.filter((a): a is CodeAction => !!a);
}

function dismissAction(
  ctx: ServerContext,
  caps: EditCapabilities,
  d: Diagnostic,
  code: string,
  data: Record<string, unknown>,
  yamlPath: string,
  sourcePath: string | null,
  foundText: string,
): CodeAction[] {
  // Name the finding: two findings can cover the same words (e.g. FM007 inside an FM003 claim).
  const rule = str(data.rule);
  const a = action(
    `Dismiss this finding (${code}${rule ? ` ${rule}` : ''})`,
    d,
    yamlWorkspaceEdit(ctx, caps, yamlPath, (yaml) =>
      planDismiss(yaml, {
        code,
        file: sourcePath ? relFrom(yamlPath, sourcePath) : undefined,
        text: foundText,
        reason: 'Dismissed in the editor',
        date: today(),
      }),
    ),
  );
  return a ? [a] : [];
}

/** "Annotate this claim" as a command: the server applies the entry and shows it (annotate.ts). */
function annotateCommandAction(d: Diagnostic, uri: string, data: Record<string, unknown>, yamlPath: string): CodeAction | null {
  const start = typeof data.start === 'number' ? data.start : undefined;
  const end = typeof data.end === 'number' ? data.end : undefined;
  if (start === undefined || end === undefined) return null;
  const args: AnnotateArgs = { uri, start, end, exact: str(data.exact), annotationsPath: yamlPath, sourceId: str(data.sourceId) };
  return {
    title: 'Annotate this claim',
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    command: { title: 'Annotate this claim', command: ANNOTATE_COMMAND, arguments: [args] },
  };
}
