// A warm pool of worker threads for the CLI: each worker loads the CLI once (engine, lexicons) and
// then analyses file after file. Results are handed back in input order, whatever order the workers
// finish in, so the output is the same as in-process; at most `ahead` results wait in the reorder
// buffer, so memory stays bounded by a few files whatever the size of the folder.
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';

/** Marker in `workerData` that makes the CLI module run as a pool worker. */
export const WORKER_MARK = 'factmark-cli-worker';

export interface WorkerBoot<S> {
  mark: typeof WORKER_MARK;
  spec: S;
}

interface Reply<R> {
  id: number;
  result?: R;
  error?: { name: string; message: string; stack?: string; code?: string };
}

export function cores(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/**
 * Runs `tasks` on `size` workers started from `script` (a module that calls `serveWorker` when it
 * finds WORKER_MARK in its workerData) and calls `emit` for each result in task order. A task that
 * threw in its worker rethrows here, in order (after the results before it were emitted).
 */
export async function mapOrdered<T, R, S>(script: string, spec: S, tasks: readonly T[], size: number, emit: (result: R, index: number) => void): Promise<void> {
  if (!tasks.length) return;
  const n = Math.max(1, Math.min(size, tasks.length));
  const boot: WorkerBoot<S> = { mark: WORKER_MARK, spec };
  const workers = Array.from({ length: n }, () => new Worker(script, { workerData: boot, stdout: false, stderr: false }));
  const inFlight = workers.map(() => 0);
  const perWorker = 2; // one running, one queued: the worker never waits for the next message
  const ahead = n * perWorker + 32;
  const done = new Map<number, Reply<R>>();
  let nextTask = 0;
  let nextEmit = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const dispatch = () => {
        for (let w = 0; w < n; w++) {
          while (inFlight[w] < perWorker && nextTask < tasks.length && nextTask - nextEmit < ahead) {
            workers[w].postMessage({ id: nextTask, task: tasks[nextTask] });
            inFlight[w]++;
            nextTask++;
          }
        }
      };
      workers.forEach((worker, w) => {
        worker.on('message', (reply: Reply<R>) => {
          if (failed) return;
          inFlight[w]--;
          done.set(reply.id, reply);
          try {
            while (done.has(nextEmit)) {
              const r = done.get(nextEmit)!;
              done.delete(nextEmit);
              if (r.error) throw Object.assign(new Error(r.error.message), r.error);
              emit(r.result as R, nextEmit);
              nextEmit++;
            }
          } catch (e) {
            fail(e);
            return;
          }
          if (nextEmit === tasks.length) resolve();
          else dispatch();
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (nextEmit < tasks.length) fail(new Error(`worker thread exited (code ${code}) before finishing`));
        });
      });
      dispatch();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker side: answers each task with `run(task)` (or the error it threw). */
export function serveWorker<T, R>(port: import('node:worker_threads').MessagePort, run: (task: T) => R): void {
  port.on('message', ({ id, task }: { id: number; task: T }) => {
    let reply: Reply<R>;
    try {
      reply = { id, result: run(task) };
    } catch (e) {
      const err = e as Error & { code?: string };
      reply = { id, error: { name: err.name, message: err.message, stack: err.stack, code: err.code } };
    }
    port.postMessage(reply);
  });
}
