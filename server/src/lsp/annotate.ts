// "Annotate this claim" / "Annotate Claim at Cursor" as a server command, so the entry is written
// where the user sees it in any client: the server plans the YAML edit on the current buffer,
// asks the client to apply it (workspace/applyEdit: undoable, and not saved — a code action's own
// `edit` is saved by VS Code's files.refactoring.autoSave), then asks it to show the YAML with the
// verdict placeholder of the new entry selected (window/showDocument; the VS Code client opens it
// beside the source). Clients that cannot apply edits keep the plain code-action edit.
import * as path from 'path';
import { MessageType, type Connection, type Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, planAnnotateClaim, type AnnotateClaimInput } from '../engine/annotations/edits';
import { prefixAt, suffixAt } from '../engine/annotations/context-words';
import type { TextEditPlan } from '../engine/annotations/api';
import { yamlWorkspaceEdit, type EditCapabilities } from './actions';
import type { ServerContext } from './context';
import { pathToUri, uriToPath } from './workspace';

/** Server command id (executeCommandProvider); the VS Code client forwards it. */
export const ANNOTATE_COMMAND = 'factmark.server.annotateClaim';

export interface AnnotateArgs {
  /** Source document. */
  uri: string;
  /** Offsets of the claim in the source (an FM004 finding), or… */
  start?: number;
  end?: number;
  /** …a cursor position / selection in the source: the selection, else the sentence around it. */
  range?: Range;
  /** The claim's words when start/end were computed (a finding's `exact`): re-found if the text moved. */
  exact?: string;
  /** Annotations file to write to (absolute path), when the finding named one. */
  annotationsPath?: string;
  sourceId?: string;
}

/** The claim to annotate: explicit offsets, a non-empty selection, else the sentence at the cursor. */
export function claimSpan(ctx: ServerContext, args: AnnotateArgs): { start: number; end: number; text: string } | { error: string } {
  const state = ctx.sourceState(args.uri);
  if (!state?.analysis) return { error: 'Annotate a claim in a news text, Markdown or plain-text document Factmark analyses.' };
  const text = state.text;
  let start = args.start;
  let end = args.end;
  if ((start === undefined || end === undefined) && args.range) {
    const s = state.doc.offsetAt(args.range.start);
    const e = state.doc.offsetAt(args.range.end);
    if (e > s && text.slice(s, e).trim()) {
      start = s;
      end = e;
    } else {
      const covering = state.findings.find((f) => f.code === 'FM004' && s >= f.start && s <= f.end);
      const sentence = covering ?? state.analysis.sentences.find((x) => s >= x.start && s <= x.end);
      if (!sentence) return { error: 'No sentence at the cursor: put the cursor in the claim (or select it) first.' };
      start = sentence.start;
      end = sentence.end;
    }
  }
  if (args.exact && start !== undefined && text.slice(start, start + args.exact.length) !== args.exact) {
    // the document changed since the finding was computed: the same words nearest to where they were
    let best = -1;
    for (let i = text.indexOf(args.exact); i >= 0; i = text.indexOf(args.exact, i + 1)) {
      if (best < 0 || Math.abs(i - start) < Math.abs(best - start)) best = i;
    }
    if (best < 0) return { error: 'The sentence changed since it was checked; put the cursor in it and try again.' };
    start = best;
    end = best + args.exact.length;
  }
  if (start === undefined || end === undefined || end <= start || end > text.length) return { error: 'No claim to annotate here.' };
  // trim surrounding whitespace: the claim text is verbatim, but not its margins
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end, text: text.slice(start, end) };
}

/** Where the verdict placeholder of the new entry ends up once `plans` are applied to `before`. */
export function placeholderRange(before: string, plans: TextEditPlan[]): Range | null {
  const after = applyEdits(before, plans);
  const sorted = [...plans].sort((a, b) => a.start - b.start);
  let shift = 0;
  for (const p of sorted) {
    const at = p.newText.indexOf('# TODO: verdict');
    if (at >= 0) {
      const start = p.start + shift + at;
      const eol = after.indexOf('\n', start);
      let end = eol < 0 ? after.length : eol;
      if (after[end - 1] === '\r') end--;
      const doc = TextDocument.create('untitled:x', 'yaml', 0, after);
      return { start: doc.positionAt(start), end: doc.positionAt(end) };
    }
    shift += p.newText.length - (p.end - p.start);
  }
  return null;
}

export interface AnnotatePlan {
  yamlPath: string;
  input: AnnotateClaimInput;
}

/** Everything needed to write the entry, from the source and the claim span. */
export function annotatePlan(ctx: ServerContext, args: AnnotateArgs): AnnotatePlan | { error: string } {
  const span = claimSpan(ctx, args);
  if ('error' in span) return span;
  const state = ctx.sourceState(args.uri)!;
  const sourcePath = state.path ?? uriToPath(args.uri);
  if (!sourcePath) return { error: 'Save the document first: the annotations file refers to sources by their file.' };
  const yamlPath = args.annotationsPath ?? ctx.store.forSource(sourcePath)?.path ?? ctx.store.newFilePathFor(sourcePath);
  const rel = path.relative(path.dirname(yamlPath), sourcePath).split(path.sep).join('/');
  return {
    yamlPath,
    input: {
      text: span.text,
      prefix: prefixAt(state.text, span.start) || undefined,
      suffix: suffixAt(state.text, span.end) || undefined,
      sourceFile: rel,
      sourceId: args.sourceId,
      position: span.start,
    },
  };
}

/** workspace/executeCommand handler: apply the entry, then show it with the placeholder selected. */
export async function executeAnnotate(connection: Connection, ctx: ServerContext, caps: EditCapabilities & { showDocument: boolean }, args: AnnotateArgs): Promise<{ applied: boolean; uri?: string; selection?: Range | null; message?: string }> {
  const fail = (message: string) => {
    void connection.sendNotification('window/showMessage', { type: MessageType.Warning, message: `Factmark: ${message}` });
    return { applied: false, message };
  };
  if (caps.trusted === false) return fail('this workspace is in Restricted Mode: Factmark does not edit files until you trust it.');
  const plan = annotatePlan(ctx, args);
  if ('error' in plan) return fail(plan.error);
  let before = '';
  let planned: TextEditPlan[] = [];
  const edit = yamlWorkspaceEdit(ctx, caps, plan.yamlPath, (yaml) => {
    before = yaml;
    planned = planAnnotateClaim(yaml, plan.input);
    return planned;
  });
  const uri = pathToUri(plan.yamlPath);
  if (edit && 'error' in edit) return fail(edit.error);
  let selection: Range | null = null;
  if (edit) {
    const res = await connection.workspace.applyEdit({ label: 'Annotate claim', edit });
    if (!res.applied) return fail(`the annotations file could not be edited${res.failureReason ? ` (${res.failureReason})` : ''}.`);
    selection = placeholderRange(before, planned);
  } else {
    // already annotated: show the existing entry
    const open = ctx.openDocument(uri);
    const text = open?.getText() ?? ctx.store.get(plan.yamlPath)?.text ?? '';
    const at = text.indexOf(`text: ${plan.input.text.slice(0, 40)}`);
    const doc = TextDocument.create(uri, 'yaml', 0, text);
    if (at >= 0) selection = { start: doc.positionAt(at), end: doc.positionAt(at) };
  }
  if (caps.showDocument) {
    await connection.window.showDocument({ uri, takeFocus: true, ...(selection ? { selection } : {}) }).catch(() => undefined);
  }
  return { applied: !!edit, uri, selection };
}
