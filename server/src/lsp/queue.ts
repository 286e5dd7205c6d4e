// Background work of the language server, one document at a time, with the editor's requests first.
//
// Debounce timers no longer run analyses themselves: when a document's timer fires it becomes *due*
// and joins this queue. The queue runs one job per turn of the event loop (setImmediate, i.e. after
// pending I/O), so requests that arrived meanwhile (hover, tokens, symbols) are answered between two
// documents instead of after a thousand of them — re-checking every open source after a YAML change,
// or the open storm of an editor restoring 1,000 tabs, no longer freezes hovers. Documents the user
// touched last (an edit, a hover, a request) go first; each one publishes as soon as it is done.

export type Job = () => Promise<void> | void;

export class WorkQueue {
  private due = new Map<string, Job>();
  private touched = new Map<string, number>();
  private tick = 0;
  private scheduled = false;
  private running = false;
  private stopped = false;

  /** Marks a document as the one the user is working on (it goes before the others). */
  touch(key: string): void {
    this.touched.set(key, ++this.tick);
  }

  /** Queues (or replaces) the job of a document. */
  add(key: string, job: Job): void {
    if (this.stopped) return;
    this.due.set(key, job);
    this.kick();
  }

  /** Drops a document's pending job (closed). */
  remove(key: string): void {
    this.due.delete(key);
    this.touched.delete(key);
  }

  has(key: string): boolean {
    return this.due.has(key);
  }

  get size(): number {
    return this.due.size;
  }

  stop(): void {
    this.stopped = true;
    this.due.clear();
  }

  private kick(): void {
    if (this.scheduled || this.running || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => void this.runOne());
  }

  private next(): string | undefined {
    let best: string | undefined;
    let bestTick = -1;
    for (const key of this.due.keys()) {
      const t = this.touched.get(key) ?? 0;
      if (best === undefined || t > bestTick) {
        best = key;
        bestTick = t;
      }
    }
    return best;
  }

  private async runOne(): Promise<void> {
    this.scheduled = false;
    const key = this.next();
    if (key === undefined || this.stopped) return;
    const job = this.due.get(key)!;
    this.due.delete(key);
    this.running = true;
    try {
      await job();
    } finally {
      this.running = false;
      if (this.due.size) this.kick();
    }
  }
}
