// `--shard i/n`: split the inputs of `analyze` / `check` across n CI jobs, deterministically.
//
// The inputs are listed the same way on every job (folders expanded in sorted order, as without
// --shard), and shard i of n takes the i-th of n contiguous, equally sized runs of that list (as
// Playwright's --shard does). Concatenating the shards' outputs in shard order therefore gives the
// unsharded output, which is what `factmark merge` does. `check` reports the annotations files
// themselves (their own problems and orphaned/ambiguous annotations) in the last shard only, where
// they come last, as in an unsharded run.

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

/** Parses "i/n" (1 ≤ i ≤ n). Returns an error message for anything else. */
export function parseShard(value: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) return `--shard expects INDEX/TOTAL, e.g. 1/4 (got "${value}")`;
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || index < 1 || index > total) return `--shard INDEX must be from 1 to TOTAL and TOTAL at least 1 (got "${value}")`;
  return { index, total };
}

/** Shard `s`'s contiguous part of `items` (all of them without a shard). */
export function shardSlice<T>(items: readonly T[], s: Shard | undefined): T[] {
  if (!s) return items.slice();
  const start = Math.floor(((s.index - 1) * items.length) / s.total);
  const end = Math.floor((s.index * items.length) / s.total);
  return items.slice(start, end);
}

export function isLastShard(s: Shard | undefined): boolean {
  return !s || s.index === s.total;
}
