import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineContext, silentLogger, silentProgress } from "../../core/context.js";
import { answerIndex, type Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { createRng } from "../../core/rng.js";
import type { RunStore } from "../../core/store-spec.js";
import { importRows } from "../../io/import-rows.js";
import type { Row } from "../../io/read-dataset-rows.js";
import { createBudgetTracker } from "../../llm/middleware/budget.js";
import { wrapForRun } from "../../llm/middleware/wrap-for-run.js";
import { type DatasetCard, loadDatasetCards, readDatasetRowsFor } from "../../sources/dataset-cards/index.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { firstUserMessage } from "../make/__fixtures__/scripted-generator.js";
import { hashedShare, LAW_AND_MEDICINE, scriptedPlanner } from "./__fixtures__/scripted-planner.js";
import {
  PlanDecompositionError,
  type PlanOptions,
  parsePlanYaml,
  planBenchmark,
  stringifyPlanYaml,
} from "./index.js";

// ../shared sits beside the repo; the data is not shipped with the package
const dataDir = resolve(import.meta.dirname, "../../../../shared/data");
const present =
  existsSync(join(dataDir, "mmlu/test.jsonl")) && existsSync(join(dataDir, "mmlu-pro/items.jsonl"));

let cards: DatasetCard[];
const rowsByCard = new Map<string, Row[]>();
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-plan-"));
  if (!present) return;
  // Built once per file: the cards (57 MMLU subjects, 14 MMLU-Pro categories) and every row, to trace items back.
  ({ cards } = await loadDatasetCards([
    join(dataDir, "mmlu/test.jsonl"),
    join(dataDir, "mmlu-pro/items.jsonl"),
  ]));
  for (const card of cards)
    rowsByCard.set(
      card.id,
      (await readDatasetRowsFor(card)).rows.map((row) => row.values),
    );
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function newRun(store: RunStore, model: LanguageModel, seed = 1): Promise<PipelineContext> {
  const run = await store.createRun({ kind: "plan", spec: {} });
  return {
    runId: run.id,
    store,
    resolveModel: () => model,
    rng: createRng(seed),
    progress: silentProgress,
    log: silentLogger,
  };
}

const lawAndMedicine = (overrides: Partial<PlanOptions> = {}): PlanOptions => ({
  query: "law and medicine reasoning",
  size: 60,
  model: "scripted",
  cards,
  ...overrides,
});

/** The row an item says it came from, and that row as an item. */
function sourceRow(item: Item): { row: Row; asItem: Item } {
  const source = item.metadata?.source as { card: string; row: number };
  const row = rowsByCard.get(source.card)?.[source.row];
  if (row === undefined) throw new Error(`${item.id}: no row ${source.row} in ${source.card}`);
  const asItem = importRows([row]).items[0];
  if (asItem === undefined) throw new Error(`${item.id}: row ${source.row} is not an item`);
  return { row, asItem };
}

const sourceCard = (item: Item) => (item.metadata?.source as { card?: string } | undefined)?.card;
const keyedText = (item: Item) =>
  item.format === "mcq" ? (item.options?.[answerIndex(item)] ?? "") : item.answer;

describe.runIf(present)("planBenchmark on MMLU and MMLU-Pro", () => {
  it("a 60-item law and medicine plan: quotas sum to 60, and every item traces to an existing row whose answer it keeps", async () => {
    const store = openSqliteStore(":memory:");
    const model = scriptedPlanner();
    const result = await planBenchmark(lawAndMedicine(), await newRun(store, model));
    const { plan, items, report } = result;
    expect(plan.subtasks.map((subtask) => [subtask.name, subtask.quota])).toEqual([
      ["legal reasoning", 30],
      ["medical reasoning", 30],
    ]);
    expect(plan.subtasks.reduce((sum, subtask) => sum + subtask.quota, 0)).toBe(60);
    for (const subtask of plan.subtasks)
      expect(subtask.sources.reduce((sum, source) => sum + source.allocated, 0) + subtask.scratch).toBe(
        subtask.quota,
      );
    // Both datasets serve law (mmlu subjects *_law and jurisprudence, mmlu-pro category law).
    expect(plan.subtasks[0]?.sources.map((source) => [source.card, source.filter?.values])).toEqual([
      ["mmlu-pro-items", ["law"]],
      ["mmlu-test", ["international_law", "jurisprudence", "professional_law"]],
    ]);
    expect(items).toHaveLength(60);
    expect(new Set(items.map((item) => item.id)).size).toBe(60);
    for (const item of items) {
      const subtask = item.metadata?.subtask;
      expect(["legal reasoning", "medical reasoning"]).toContain(subtask);
      expect(item.category).toBe(subtask);
      const { row, asItem } = sourceRow(item);
      expect(keyedText(item), item.id).toBe(keyedText(asItem));
      expect(item.options).toEqual(asItem.options);
      const field = sourceCard(item) === "mmlu-test" ? "subject" : "category";
      const topic =
        subtask === "legal reasoning"
          ? /law|jurisprudence/
          : /medicine|clinical|anatomy|health|nutrition|virology|medical/;
      expect(String(row[field])).toMatch(topic);
      expect(item.provenance?.pipeline).toBe("plan");
    }
    expect(report.subtasks.map((subtask) => [subtask.realized, subtask.missing])).toEqual([
      [30, 0],
      [30, 0],
    ]);
    await store.close();
  });

  it("refill: with a verifier that rejects 40% of the items, the run still delivers exactly --size", async () => {
    const store = openSqliteStore(":memory:");
    const model = scriptedPlanner({
      inspect: (item) =>
        hashedShare(item.question, 0.4) ? { correct: false, notes: "the key looks wrong" } : undefined,
    });
    const context = await newRun(store, model);
    const { items, report } = await planBenchmark(lawAndMedicine({ size: 50 }), context);
    expect(items).toHaveLength(50);
    expect(report.subtasks.map((subtask) => subtask.realized)).toEqual([25, 25]);
    const rejected = report.qc.rejectedByReason.correct ?? 0;
    // About 40% of the candidates are rejected, so ~83 are tried for 50 items.
    expect(rejected / report.qc.candidates).toBeGreaterThan(0.25);
    expect(rejected / report.qc.candidates).toBeLessThan(0.55);
    // Every candidate is stored, accepted or with its reason.
    const stored = await store.listItems(context.runId);
    expect(stored).toHaveLength(report.qc.candidates);
    expect(
      stored
        .filter((entry) => entry.status === "rejected")
        .every((entry) => entry.reason?.startsWith("correct: ")),
    ).toBe(true);
    await store.close();
  });

  it("a budget stop keeps what was accepted, and --resume finishes without repeating a call", async () => {
    const store = openSqliteStore(join(directory, "resume.sqlite"));
    const seen: string[] = [];
    const provider = scriptedPlanner({
      inspect: (item) => (hashedShare(item.question, 0.3) ? { correct: false } : undefined),
    });
    const recording: LanguageModel = {
      ...provider,
      specificationVersion: "benchsmith-v1",
      provider: "mock",
      modelId: "recording",
      doGenerate: async (request) => {
        seen.push(JSON.stringify(request.messages));
        return provider.doGenerate(request);
      },
    };
    const limited = wrapForRun({
      model: recording,
      cache: store,
      budget: createBudgetTracker({ maxCalls: 20 }),
      retry: false,
    });
    const context = await newRun(store, limited);
    const first = await planBenchmark(lawAndMedicine({ size: 24 }), {
      ...context,
      resolveModel: () => limited,
    });
    expect(first.report.stopReason).toMatch(/^budget: /);
    expect(first.items.length).toBeGreaterThan(0);
    expect(first.items.length).toBeLessThan(24);
    const firstSession = new Set(seen);
    seen.length = 0;
    const unlimited = wrapForRun({ model: recording, cache: store, retry: false });
    const second = await planBenchmark(lawAndMedicine({ size: 24 }), {
      ...context,
      resolveModel: () => unlimited,
    });
    expect(second.items).toHaveLength(24);
    expect(second.items.slice(0, 3).map((item) => item.id)).toEqual(
      first.items.slice(0, 3).map((item) => item.id),
    );
    expect(seen.filter((request) => firstSession.has(request))).toEqual([]);
    seen.length = 0;
    const third = await planBenchmark(lawAndMedicine({ size: 24 }), {
      ...context,
      resolveModel: () => unlimited,
    });
    expect(seen).toEqual([]);
    expect(third.items).toEqual(second.items);
    await store.close();
  });

  it("--save-plan / --plan: a hand-edited plan runs as written, with no design or grounding call", async () => {
    const store = openSqliteStore(":memory:");
    const planned = await planBenchmark(
      lawAndMedicine({ size: 20, planOnly: true }),
      await newRun(store, scriptedPlanner()),
    );
    expect(planned.items).toEqual([]);
    const edited = stringifyPlanYaml(planned.plan)
      .replace("quota: 10", "quota: 4")
      .replace(/quota: 10/, "quota: 16");
    const plan = parsePlanYaml(edited, "plan.yaml");
    const model = scriptedPlanner();
    const { items, report } = await planBenchmark(
      { query: "", model: "scripted", cards, plan },
      await newRun(store, model),
    );
    expect(report.subtasks.map((subtask) => [subtask.name, subtask.quota, subtask.realized])).toEqual([
      ["legal reasoning", 4, 4],
      ["medical reasoning", 16, 16],
    ]);
    expect(items).toHaveLength(20);
    expect(report.notes.filter((note) => note.includes("re-computed"))).toHaveLength(2);
    const steps = model.calls.map((call) => /^### (\S+)/.exec(firstUserMessage(call))?.[1]);
    expect(steps.filter((step) => step === "plan-design" || step === "plan-ground")).toEqual([]);
    await store.close();
  });

  it("writes a subtask no dataset fits from scratch with make (a child run), grounded on --docs passages", async () => {
    const docs = join(directory, "docs");
    await rm(docs, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(docs));
    await writeFile(
      join(docs, "dosing.md"),
      "# Dosing\n\nPaediatric dosage arithmetic: 15 mg per kg every six hours.\n",
    );
    const design = {
      ...LAW_AND_MEDICINE,
      subtasks: [
        LAW_AND_MEDICINE.subtasks[0],
        {
          ...LAW_AND_MEDICINE.subtasks[1],
          name: "dosage arithmetic",
          description: "compute paediatric drug doses from weight",
        },
      ],
    };
    const store = openSqliteStore(":memory:");
    const model = scriptedPlanner({ design: () => design });
    const scratch = { testTakers: 1, candidates: 1 };
    const { items, report } = await planBenchmark(
      lawAndMedicine({ size: 10, docs, scratch }),
      await newRun(store, model),
    );
    expect(items).toHaveLength(10);
    expect(
      report.subtasks.map((subtask) => [subtask.name, subtask.fromSources, subtask.fromScratch]),
    ).toEqual([
      ["legal reasoning", 5, 0],
      ["dosage arithmetic", 0, 5],
    ]);
    const written = items.filter((item) => item.metadata?.origin === "scratch");
    const children = await store.listRuns({ kind: "make" });
    expect(children).toHaveLength(1);
    expect(children[0]?.spec).toMatchObject({ parentRun: expect.any(String), options: { count: 5 } });
    expect(String((children[0]?.spec.options as { demand?: string } | undefined)?.demand)).toContain(
      "[dosing.md#1] # Dosing",
    );
    for (const item of written)
      expect(item.metadata?.make).toEqual({ run: children[0]?.id, item: expect.any(String) });
    expect(report.share).toEqual({ fromSources: 0.5, fromScratch: 0.5 });
    await store.close();
  });

  it("--from-scratch never: an ungrounded subtask goes back to design with the grounding's feedback", async () => {
    let round = 0;
    const offTopic = {
      ...LAW_AND_MEDICINE.subtasks[1],
      name: "astrology",
      description: "horoscopes and star signs",
    };
    const model = scriptedPlanner({
      design: () =>
        ++round === 1
          ? { ...LAW_AND_MEDICINE, subtasks: [LAW_AND_MEDICINE.subtasks[0], offTopic] }
          : LAW_AND_MEDICINE,
    });
    const store = openSqliteStore(":memory:");
    const { plan } = await planBenchmark(
      lawAndMedicine({ size: 10, fromScratch: "never", planOnly: true }),
      await newRun(store, model),
    );
    expect(plan.subtasks.map((subtask) => subtask.name)).toEqual(["legal reasoning", "medical reasoning"]);
    const designs = model.calls
      .map(firstUserMessage)
      .filter((prompt) => prompt.startsWith("### plan-design"));
    expect(designs).toHaveLength(2);
    expect(designs[1]).toContain('subtask "astrology": no dataset fits it');
    await store.close();
  });

  it("a query the planner cannot decompose is a PlanDecompositionError with the reason", async () => {
    const model = scriptedPlanner({
      design: () => ({ subtasks: [], cannotDecompose: "the need names no capability" }),
    });
    const store = openSqliteStore(":memory:");
    const failure = await planBenchmark(lawAndMedicine(), await newRun(store, model)).catch(
      (error: unknown) => error,
    );
    expect(PlanDecompositionError.isInstance(failure)).toBe(true);
    expect((failure as PlanDecompositionError).reason).toBe("the need names no capability");
    await store.close();
  });
});
