// Edit planners for recording where a checked claim appears (quick fix *Record this as another
// appearance of the claim*). Minimal insertions placed with the `yaml` parser's node ranges:
// comments, order and formatting elsewhere stay byte-identical. Pure TypeScript.
import { parseDocument, isMap, isSeq, isScalar, isPair, type Node as YNode, type Pair, type YAMLMap } from 'yaml';
import type { TextEditPlan } from './api';
import { columnOf, contentEnd, nextLineStart, yamlScalar } from './edits';

function findPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item as Pair;
  return undefined;
}


function claimMap(yamlText: string, claimId: string): YAMLMap {
  const doc = parseDocument(yamlText, { prettyErrors: false });
  const fatal = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  if (fatal) throw new Error(`The annotations file has a YAML syntax error (${fatal.message.split('\n')[0]}); fix it before editing it with a quick fix.`);
  const root = doc.contents;
  const seq = root && isMap(root) ? findPair(root, 'claims')?.value : undefined;
  const claim = seq && isSeq(seq) ? (seq.items.find((m) => isMap(m) && isScalar(findPair(m, 'id')?.value) && String((findPair(m, 'id')!.value as { value: unknown }).value) === claimId) as YAMLMap | undefined) : undefined;
  if (!claim) throw new Error(`No claim with id "${claimId}" in the annotations file (\`claims\`).`);
  if (claim.flow) throw new Error(`Claim "${claimId}" is written in flow style ({...}); add the entry by hand.`);
  return claim;
}

/** Lines to insert after the claim's last line: `key:` and a block item, at the claim's key column. */
function appendKey(yamlText: string, claim: YAMLMap, key: string, block: (col: number) => string): TextEditPlan[] {
  const firstKey = (claim.items.find((p) => isPair(p)) as Pair | undefined)?.key as YNode | undefined;
  const col = firstKey?.range ? columnOf(yamlText, firstKey.range[0]) : columnOf(yamlText, claim.range![0]);
  const end = contentEnd(yamlText, claim.range![0], claim.range![1]);
  const at = nextLineStart(yamlText, end);
  const nl = at === yamlText.length && !yamlText.endsWith('\n') ? '\n' : '';
  return [{ start: at, end: at, newText: `${nl}${' '.repeat(col)}${key}:\n${block(col + 2)}` }];
}

/** Add `sourceId` to the claim's `alsoIn` (for a document declared in `sources`). */
export function planAddAlsoIn(yamlText: string, claimId: string, sourceId: string): TextEditPlan[] {
  const claim = claimMap(yamlText, claimId);
  if (isScalar(findPair(claim, 'source')?.value) && String((findPair(claim, 'source')!.value as { value: unknown }).value) === sourceId) return [];
  const pair = findPair(claim, 'alsoIn');
  const value = pair?.value as YNode | null | undefined;
  if (value && isSeq(value)) {
    if (value.items.some((i) => isScalar(i) && i.value === sourceId)) return [];
    if (value.flow) {
      const close = value.range![1] - 1;
      if (value.items.length === 0) return [{ start: value.range![0] + 1, end: close, newText: yamlScalar(sourceId, true) }];
      const last = value.items[value.items.length - 1] as YNode;
      return [{ start: last.range![1], end: last.range![1], newText: ', ' + yamlScalar(sourceId, true) }];
    }
    const last = value.items[value.items.length - 1] as YNode;
    const at = nextLineStart(yamlText, contentEnd(yamlText, last.range![0], last.range![1]));
    return [{ start: at, end: at, newText: `${' '.repeat(columnOf(yamlText, value.range![0]))}- ${yamlScalar(sourceId)}\n` }];
  }
  if (pair) throw new Error(`\`alsoIn\` of claim "${claimId}" must be a list.`);
  return appendKey(yamlText, claim, 'alsoIn', (col) => `${' '.repeat(col)}- ${yamlScalar(sourceId)}\n`);
}

export interface AppearanceInput {
  /** Document path relative to the YAML file's folder (forward slashes). */
  file: string;
  /** The sentence as it appears there. */
  text?: string;
  date?: string;
}

/** Add an `appearances` entry {file, text, date} to the claim (for a draft or any other document). */
export function planAddAppearance(yamlText: string, claimId: string, input: AppearanceInput): TextEditPlan[] {
  const claim = claimMap(yamlText, claimId);
  const item = (col: number) => {
    const pad = ' '.repeat(col);
    const lines = [`${pad}- file: ${yamlScalar(input.file)}`];
    if (input.text) lines.push(`${pad}  text: ${yamlScalar(input.text.replace(/\s+/g, ' ').trim())}`);
    if (input.date) lines.push(`${pad}  date: ${yamlScalar(input.date)}`);
    return lines.join('\n') + '\n';
  };
  const pair = findPair(claim, 'appearances');
  const value = pair?.value as YNode | null | undefined;
  if (value && isSeq(value) && !value.flow) {
    const same = value.items.some((m) => isMap(m) && isScalar(findPair(m, 'file')?.value) && String((findPair(m, 'file')!.value as { value: unknown }).value) === input.file && (!input.text || (isScalar(findPair(m, 'text')?.value) && String((findPair(m, 'text')!.value as { value: unknown }).value) === input.text.replace(/\s+/g, ' ').trim())));
    if (same) return [];
    const last = value.items[value.items.length - 1] as YNode;
    const at = nextLineStart(yamlText, contentEnd(yamlText, last.range![0], last.range![1]));
    return [{ start: at, end: at, newText: item(columnOf(yamlText, value.range![0])) }];
  }
  if (pair) throw new Error(`\`appearances\` of claim "${claimId}" must be a block list to add an entry.`);
  return appendKey(yamlText, claim, 'appearances', item);
}
