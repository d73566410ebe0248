import type Database from "better-sqlite3";

/** Queues a write; its promise resolves once the transaction holding it has committed. */
export type CommitWrite = (write: () => void) => Promise<void>;

export interface GroupCommit {
  commit: CommitWrite;
  /** Commits whatever is queued now (before close). */
  flush(): void;
}

interface QueuedWrite {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the writes queued during one turn of the event loop (many concurrent calls finishing
 * together) commit in one transaction at the end of the turn, instead of one transaction each. Every
 * promise still resolves only after its write is durable, so "committed before the next step" holds.
 * A batch that fails is replayed write by write, so one bad write fails alone.
 */
export function createGroupCommit(database: Database.Database): GroupCommit {
  let queue: QueuedWrite[] = [];
  let scheduled: NodeJS.Immediate | undefined;

  const flush = (): void => {
    if (scheduled !== undefined) clearImmediate(scheduled);
    scheduled = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      database.transaction(() => {
        for (const queued of batch) queued.write();
      })();
    } catch {
      for (const queued of batch) {
        try {
          database.transaction(queued.write)();
          queued.resolve();
        } catch (error) {
          queued.reject(error);
        }
      }
      return;
    }
    for (const queued of batch) queued.resolve();
  };

  return {
    commit: (write) =>
      new Promise<void>((resolve, reject) => {
        queue.push({ write, resolve, reject });
        scheduled ??= setImmediate(flush);
      }),
    flush,
  };
}
