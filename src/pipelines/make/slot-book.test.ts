import { afterEach, describe, expect, it } from "vitest";
import type { Item } from "../../core/item.js";
import type { RunStore } from "../../core/store-spec.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { SlotBook } from "./slot-book.js";

const stores: RunStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function freshStore(): Promise<RunStore> {
  const store = openSqliteStore(":memory:");
  await store.createRun({ id: "run", kind: "make", spec: {} });
  stores.push(store);
  return store;
}

// No slot in the metadata: the book must take the slot from the store row, not from the item.
const item = (id: string): Item => ({
  id,
  format: "mcq",
  question: `q ${id}`,
  options: ["a", "b"],
  answer: "A",
});

describe("SlotBook", () => {
  it("reads the slot of each stored row, in slot order, and counts the attempts already made", async () => {
    const store = await freshStore();
    await store.putItem({
      runId: "run",
      slot: 4,
      attempt: 1,
      status: "accepted",
      item: item("four"),
      reason: undefined,
    });
    await store.putItem({
      runId: "run",
      slot: 4,
      attempt: 0,
      status: "rejected",
      item: { x: 1 },
      reason: "duplicate: x",
    });
    await store.putItem({
      runId: "run",
      slot: 1,
      attempt: 0,
      status: "accepted",
      item: item("one"),
      reason: undefined,
    });
    // an accepted row that no longer parses leaves its slot open
    await store.putItem({
      runId: "run",
      slot: 2,
      attempt: 0,
      status: "accepted",
      item: { id: "" },
      reason: undefined,
    });

    const book = await SlotBook.open(store, "run");
    expect(book.accepted.map((entry) => entry.id)).toEqual(["one", "four"]);
    expect(book.resumedAccepted).toBe(2);
    expect([1, 2, 4].map((slot) => book.isAccepted(slot))).toEqual([true, false, true]);
    expect(book.rejected).toEqual([{ slot: 4, attempt: 0, reason: "duplicate: x", record: { x: 1 } }]);
    // attempt numbers continue after the stored ones; the session counters start at zero
    expect(book.claimAttempt(2, 10)).toBe(1);
    expect(book.claimAttempt(7, 10)).toBe(0);
    expect(book.sessionAttemptsMade(2)).toBe(1);
  });

  it("commits an accepted item before filing it in slot order; references see the slots up to the cutoff, resumed or not", async () => {
    const store = await freshStore();
    await store.putItem({
      runId: "run",
      slot: 5,
      attempt: 0,
      status: "accepted",
      item: item("resumed"),
      reason: undefined,
    });
    const book = await SlotBook.open(store, "run");
    await book.accept(3, 0, item("three"));
    await book.accept(0, 2, item("zero"));
    await book.accept(1, 0, item("one"));
    expect(book.accepted.map((entry) => entry.id)).toEqual(["zero", "one", "three", "resumed"]);
    expect(book.acceptedThrough(1).map((entry) => entry.id)).toEqual(["zero", "one"]);
    expect(book.acceptedThrough(5).map((entry) => entry.id)).toEqual(["zero", "one", "three", "resumed"]);
    expect(book.acceptedThrough(-1)).toEqual([]);
    const rows = await store.listItems("run", { status: "accepted" });
    expect(rows.map((row) => [row.slot, row.attempt, row.item.id])).toEqual([
      [0, 2, "zero"],
      [1, 0, "one"],
      [3, 0, "three"],
      [5, 0, "resumed"],
    ]);
  });

  it("caps attempts per session, stores rejections, and keeps its counters behind methods", async () => {
    const store = await freshStore();
    const book = await SlotBook.open(store, "run");
    expect([book.claimAttempt(0, 2), book.claimAttempt(0, 2), book.claimAttempt(1, 2)]).toEqual([
      0,
      1,
      undefined,
    ]);
    await book.reject({ slot: 0, attempt: 0, reason: "invalid-output: x", record: { slot: 0 } });
    expect(await store.listItems("run", { status: "rejected" })).toMatchObject([
      { slot: 0, attempt: 0, reason: "invalid-output: x", item: { slot: 0 } },
    ]);
    book.markExhausted(0);
    book.markExhausted(0);
    expect(book.exhaustedSlots).toEqual([0]);
    expect([book.noteProviderError(), book.noteProviderError()]).toEqual([1, 2]);
    book.noteProviderSuccess();
    expect(book.noteProviderError()).toBe(1);
    book.stop("budget: spent");
    book.stop("aborted");
    expect(book.stopReason).toBe("budget: spent");
  });
});
