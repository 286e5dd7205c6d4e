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
import type { TextEditPlan } from '../engine/annotations/api';
import { ANNOTATE_COMMAND, type AnnotateArgs } from './annotate';
import type { ServerContext } from './context';
import { DIAGNOSTIC_SOURCE, planToTextEdit } from './convert';
import { normalizeUri, pathToUri, uriToPath } from './workspace';

export interface EditCapabilities {
  documentChanges: boolean;
  /** resourceOperations includes 'create'. */
  create: boolean;
  /** workspace/applyEdit is supported: "Annotate this claim" runs as a server command (annotate.ts). */
  applyEdit?: boolean;
  /** window/showDocument is supported. */
  showDocument?: boolean;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Current text of a YAML file: open buffer, else what the store loaded, else disk, else null (new file). */
function yamlText(ctx: ServerContext, yamlPath: string): { text: string; open?: TextDocument; exists: boolean } {
  const uri = pathToUri(yamlPath);
  const open = ctx.openDocument(uri) ?? findOpen(ctx, uri);
  if (open) return { text: open.getText(), open, exists: true };
  const entry = ctx.store.get(yamlPath);
  if (entry && !entry.buffer) return { text: entry.text, exists: true };
  try {
    return { text: fs.readFileSync(yamlPath, 'utf8'), exists: true };
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

/** Builds the WorkspaceEdit for planned YAML edits (versioned when the YAML is open). */
export function yamlWorkspaceEdit(
  ctx: ServerContext,
  caps: EditCapabilities,
  yamlPath: string,
  plan: (text: string) => TextEditPlan[],
): WorkspaceEdit | { error: string } | null {
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

function sourceEdit(ctx: ServerContext, caps: EditCapabilities, uri: string, edits: TextEdit[]): WorkspaceEdit {
  const open = ctx.openDocument(uri);
  if (open && caps.documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri, version: open.version }, edits)] };
  return { changes: { [uri]: edits } };
}

function relFrom(yamlPath: string, sourcePath: string): string {
  return path.relative(path.dirname(yamlPath), sourcePath).split(path.sep).join('/');
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function action(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit | { error: string } | null, preferred = false): CodeAction | null {
  if (!edit) return null;
  const a: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
  if ('error' in edit) a.disabled = { reason: edit.error };
  else a.edit = edit;
  if (preferred) a.isPreferred = true;
  return a;
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
    const scoped = str(data.annotationsPath) ?? str(data.annotations);
    const yamlPath = scoped ?? (sourcePath ? ctx.store.forSource(sourcePath)?.path ?? ctx.store.newFilePathFor(sourcePath) : undefined);
    const foundText = doc ? doc.getText(d.range) : str(data.found) ?? str(data.exact) ?? '';

    if (code === 'FM004' && yamlPath && sourcePath && caps.applyEdit) {
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
        action(
          'Annotate this claim',
          d,
          yamlWorkspaceEdit(ctx, caps, yamlPath, (yaml) =>
            planAnnotateClaim(yaml, {
              text,
              prefix: str(data.prefix),
              suffix: str(data.suffix),
              sourceFile: relFrom(yamlPath, str(data.sourcePath) ?? sourcePath),
              sourceId: str(data.sourceId),
              position: typeof data.position === 'number' ? data.position : undefined,
            }),
          ),
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
        const a = action(`Add “${alias}” as an alias of ${name}`, d, yamlWorkspaceEdit(ctx, caps, yamlPath, (yaml) => planAddAlias(yaml, entityId, alias)));
        if (a) out.push(a);
      }
    }
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
