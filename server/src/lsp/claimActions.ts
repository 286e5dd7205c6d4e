// Quick fixes on a sentence matched to a checked claim: *Record this as another appearance of the
// claim* (alsoIn for a declared source, else an `appearances` entry) and *Not this claim* (a
// dismissal naming the claim). Both are YAML edits through an undoable WorkspaceEdit.
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver/node';
import { planDismiss } from '../engine/annotations/edits';
import { planAddAlsoIn, planAddAppearance } from '../engine/annotations/edits-claims';
import { sourceIdFor } from '../engine/annotations/check';
import type { ServerContext } from './context';
import { relFrom, today, yamlWorkspaceEdit, type EditCapabilities } from './actions';

type ActionFn = (title: string, d: Diagnostic, edit: WorkspaceEdit | { error: string } | null, preferred?: boolean) => CodeAction | null;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function claimMatchActions(
  ctx: ServerContext,
  caps: EditCapabilities,
  d: Diagnostic,
  data: Record<string, unknown>,
  yamlPath: string,
  sourcePath: string,
  foundText: string,
  action: ActionFn,
): CodeAction[] {
  const out: Array<CodeAction | null> = [];
  const code = String(d.code);
  const yaml = str(data.annotations) ?? yamlPath;
  const ids = code === 'FM009' ? (Array.isArray(data.claimIds) ? data.claimIds.filter((x): x is string => typeof x === 'string') : []) : [str(data.claimId)].filter((x): x is string => !!x);
  const matched = typeof data.match === 'string';
  if (code !== 'FM009' && matched && ids[0] && !data.recordedAppearance) {
    const claimId = ids[0];
    const loaded = ctx.store.get(yaml)?.good;
    const sourceId = loaded ? sourceIdFor(loaded, sourcePath) : undefined;
    out.push(
      action(
        `Record this as another appearance of the claim (${claimId})`,
        d,
        yamlWorkspaceEdit(ctx, caps, yaml, (text) =>
          sourceId ? planAddAlsoIn(text, claimId, sourceId) : planAddAppearance(text, claimId, { file: relFrom(yaml, sourcePath), text: foundText, date: today() }),
        ),
      ),
    );
  }
  if (matched || code === 'FM009')
    for (const claimId of ids)
      out.push(
        action(
          `Not this claim (${claimId})`,
          d,
          yamlWorkspaceEdit(ctx, caps, yaml, (text) =>
            planDismiss(text, { code, file: relFrom(yaml, sourcePath), text: foundText, claim: claimId, reason: `The sentence does not make claim ${claimId}`, date: today() }),
          ),
        ),
      );
  return out.filter((a): a is CodeAction => !!a);
}
