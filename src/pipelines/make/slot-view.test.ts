import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Item } from "../../core/item.js";
import { wrapModel } from "../../core/language-model.js";
import type { RunStore } from "../../core/store-spec.js";
import { cacheMiddleware } from "../../llm/middleware/cache.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { MockLanguageModel } from "../../testing/index.js";
import { scriptedGenerator, testContext } from "./__fixtures__/scripted-generator.js";
import type { MakeOptions } from "./options.js";
import { makeBenchmark } from "./run-make.js";
import { SlotBook } from "./slot-book.js";
import { claimSlotView } from "./slot-view.js";

const stores: RunStore[] = [];
const directories: string[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function openStore(path = ":memory:", create = true): Promise<RunStore> {
  const store = openSqliteStore(path);
  stores.push(store);
  if (create) await store.createRun({ id: "run-test", kind: "make", spec: {} });
  return store;
}

const item = (id: string, references: string[]): Item => ({
  id,
  format: "mcq",
  question: `question ${id}`,
  options: ["a", "b"],
  answer: "A",
  difficulty: 0.5,
  provenance: { pipeline: "make", references },
});

describe("claimSlotView", () => {
  it("counts the uses of the settled slots' attempts, commits them, and reads them back on resume", async () => {
    const store = await openStore();
    const book = await SlotBook.open(store, "run-test");
    await book.accept(0, 0, item("i0", []));
    await book.reject({ slot: 1, attempt: 0, reason: "duplicate: x", record: { references: ["i0"] } });
    await book.accept(1, 1, item("i1", ["i0"]));
    // slot 2 is still in flight: not part of slot 3's view (cutoff 1)
    await book.reject({
      slot: 2,
      attempt: 0,
      reason: "invalid-output: x",
      record: { references: ["i0", "i1"] },
    });
    const view = await claimSlotView({ store, runId: "run-test", book, slot: 3, cutoff: 1 });
    expect(view.accepted.map((entry) => entry.id)).toEqual(["i0", "i1"]);
    expect(view.usesFor()).toEqual({ i0: 2 });
    // an attempt of slot 3 adds its own earlier attempts
    await book.reject({ slot: 3, attempt: 0, reason: "invalid-output: x", record: { references: ["i1"] } });
    expect(view.usesFor()).toEqual({ i0: 2, i1: 1 });

    // a later session sees what the slot saw when it was claimed, not what the store holds now
    await book.accept(2, 1, item("i2", ["i1"]));
    const resumedBook = await SlotBook.open(store, "run-test");
    const resumed = await claimSlotView({ store, runId: "run-test", book: resumedBook, slot: 3, cutoff: -1 });
    expect(resumed.accepted.map((entry) => entry.id)).toEqual(["i0", "i1"]);
    expect(resumed.usesFor()).toEqual({ i0: 2, i1: 1 });
  });
});

const base: MakeOptions = {
  demand: "world geography",
  count: 6,
  generator: "mock:scripted",
  seed: 1,
  references: 2,
};

describe("difficulty diffusion decays by use (t_i = times shown as a reference)", () => {
  it("each item records the t_i of its references: the times earlier attempts showed them", async () => {
    const store = await openStore();
    const model = scriptedGenerator();
    const { items } = await makeBenchmark({ ...base, concurrency: 1 }, testContext({ store, model }));
    expect(items).toHaveLength(6);
    let shownBefore = 0;
    for (const [index, current] of items.entries()) {
      const references = current.provenance?.references ?? [];
      const expected = references.map(
        (id) =>
          items.slice(0, index).filter((earlier) => earlier.provenance?.references?.includes(id)).length,
      );
      expect(current.metadata?.referenceUses ?? []).toEqual(expected);
      shownBefore += expected.reduce((sum, count) => sum + count, 0);
    }
    expect(shownBefore).toBeGreaterThan(0);
  });

  it("is the same whatever the timing of concurrent slots, and a crash + resume at concurrency 3 reproduces it", async () => {
    const directory = mkdtempSync(join(tmpdir(), "make-uses-"));
    directories.push(directory);
    const options = { ...base, count: 8, concurrency: 3 };
    const strip = (items: readonly Item[]) =>
      items.map(({ provenance, ...rest }) => ({ ...rest, references: provenance?.references }));

    const referenceStore = await openStore(join(directory, "reference.sqlite"));
    const reference = await makeBenchmark(
      options,
      testContext({ store: referenceStore, model: scriptedGenerator({ delayMs: 3 }) }),
    );
    const other = await makeBenchmark(
      options,
      testContext({ store: await openStore(), model: scriptedGenerator({ delayMs: 1 }) }),
    );
    expect(strip(other.items)).toEqual(strip(reference.items));
    expect(
      reference.items.some((entry) =>
        (entry.metadata?.referenceUses as number[] | undefined)?.some((t) => t > 0),
      ),
    ).toBe(true);

    // Crash on the 40th provider call (several slots in flight), then resume on the same file.
    const path = join(directory, "crash.sqlite");
    const first = await openStore(path);
    const crashing = scriptedGenerator();
    let calls = 0;
    const crashModel = new MockLanguageModel({
      modelId: "scripted-generator",
      respond: async (call) => {
        if (++calls === 40) throw new Error("simulated crash");
        return crashing.doGenerate(call);
      },
    });
    await expect(
      makeBenchmark(
        options,
        testContext({
          store: first,
          model: wrapModel(crashModel, [cacheMiddleware({ cache: first, runId: "run-test" })]),
        }),
      ),
    ).rejects.toThrow("simulated crash");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await first.close();
    stores.splice(stores.indexOf(first), 1);
    const second = await openStore(path, false);
    const resumed = await makeBenchmark(
      options,
      testContext({
        store: second,
        model: wrapModel(scriptedGenerator(), [cacheMiddleware({ cache: second, runId: "run-test" })]),
      }),
    );
    expect(resumed.stats.resumedAccepted).toBeGreaterThan(0);
    expect(strip(resumed.items)).toEqual(strip(reference.items));
  });
});
