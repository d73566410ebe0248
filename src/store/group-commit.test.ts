import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createGroupCommit } from "./group-commit.js";

function countingDatabase() {
  const database = new Database(":memory:");
  database.exec("CREATE TABLE t (value INTEGER NOT NULL UNIQUE)");
  let transactions = 0;
  const original = database.transaction.bind(database);
  database.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const wrapped = original(fn);
    return (...args: unknown[]) => {
      transactions++;
      return wrapped(...args);
    };
  }) as typeof database.transaction;
  const insert = database.prepare("INSERT INTO t (value) VALUES (?)");
  const values = () =>
    (database.prepare("SELECT value FROM t ORDER BY value").all() as { value: number }[]).map(
      (row) => row.value,
    );
  return { database, insert, values, transactions: () => transactions };
}

describe("group commit", () => {
  it("commits the writes of one event-loop turn in one transaction, each promise after the commit", async () => {
    const { database, insert, values, transactions } = countingDatabase();
    const { commit } = createGroupCommit(database);
    const pending = Array.from({ length: 50 }, (_, index) => commit(() => insert.run(index)));
    // Nothing is written before the turn ends.
    expect(values()).toEqual([]);
    await Promise.all(pending);
    expect(values()).toHaveLength(50);
    expect(transactions()).toBe(1);
    await commit(() => insert.run(100));
    expect(transactions()).toBe(2);
  });

  it("a failing write fails alone: its neighbours in the batch still commit", async () => {
    const { database, insert, values } = countingDatabase();
    const { commit } = createGroupCommit(database);
    const outcomes = await Promise.allSettled([
      commit(() => insert.run(1)),
      commit(() => insert.run(1)), // UNIQUE violation
      commit(() => insert.run(2)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(values()).toEqual([1, 2]);
  });

  it("flush commits what is queued at once (the store calls it before closing)", async () => {
    const { database, insert, values } = countingDatabase();
    const { commit, flush } = createGroupCommit(database);
    const pending = commit(() => insert.run(7));
    flush();
    expect(values()).toEqual([7]);
    await pending;
  });
});
