import { describe, expect, it } from "vitest";
import type { DatasetCard } from "../../sources/dataset-cards/index.js";
import { allocatePlan } from "./allocate-plan.js";
import type { GroundedSubtask } from "./ground-subtask.js";
import type { PlannedSource, Subtask } from "./plan-document.js";

function card(id: string, values: Record<string, number>): DatasetCard {
  const entries = Object.entries(values).map(([value, count]) => ({ value, count }));
  const rows = entries.reduce((sum, entry) => sum + entry.count, 0);
  return {
    id,
    name: id,
    path: `/data/${id}.jsonl`,
    files: [],
    description: "",
    fields: [],
    rowCount: rows,
    usableRows: rows,
    answerFormat: "choice",
    answerField: "answer",
    categories: { field: "subject", distinct: entries.length, values: entries },
  };
}

function source(cardId: string, values: string[], score = 0.8): PlannedSource {
  return {
    card: cardId,
    dataset: cardId,
    path: `/data/${cardId}.jsonl`,
    filter: { field: "subject", values },
    supply: 0,
    components: { alignment: 1, coverage: 1, simplicity: 1, risk: 0, overall: 1 },
    score,
    transformation: { kind: "as-is", instructions: "" },
    allocated: 0,
  };
}

function subtask(name: string, importance: number, sources: PlannedSource[]): GroundedSubtask {
  const designed: Subtask = {
    name,
    description: name,
    answerType: "choice",
    schema: { question: "q", answer: "a" },
    rationale: "",
    importance,
  };
  return { subtask: designed, grounding: { kept: sources, dropped: [], responses: 1 } };
}

const cards = new Map([
  ["a", card("a", { law: 50, medicine: 8 })],
  ["b", card("b", { law: 5, health: 4 })],
]);
const base = { cards, capShare: 0.6, rounds: 3 } as const;

describe("allocatePlan", () => {
  it("splits the size into quotas and shows where every item comes from", async () => {
    const plan = await allocatePlan({
      ...base,
      fromScratch: "auto",
      size: 30,
      subtasks: [
        subtask("law", 2, [source("a", ["law"]), source("b", ["law"])]),
        subtask("med", 1, [source("a", ["medicine"])]),
      ],
    });
    // quotas 20 / 10; law: cap 12 from a, 5 from b (all it has), 3 more from a; med: 8 rows, 2 from scratch
    expect(
      plan.subtasks.map((entry) => [entry.quota, entry.sources.map((s) => s.allocated), entry.scratch]),
    ).toEqual([
      [20, [15, 5], 0],
      [10, [8], 2],
    ]);
    const total = plan.subtasks.reduce(
      (sum, entry) => sum + entry.sources.reduce((s, x) => s + x.allocated, 0) + entry.scratch,
      0,
    );
    expect(total).toBe(30);
    expect(plan.diagnoses).toEqual([
      expect.objectContaining({
        subtask: "law",
        kind: "exhausted-source",
        action: "the rest taken from the next sources",
      }),
      expect.objectContaining({
        subtask: "med",
        kind: "exhausted-source",
        action: "the rest written from scratch",
      }),
      expect.objectContaining({
        subtask: "med",
        kind: "insufficient-supply",
        action: "2 written from scratch",
      }),
    ]);
  });

  it("diagnoses ordering when an earlier subtask took shared rows, and serves the short one first", async () => {
    // Both want card b's law rows (5); "broad" also has a. Served first, "broad" would take b's rows.
    const plan = await allocatePlan({
      ...base,
      capShare: 1,
      fromScratch: "never",
      size: 10,
      subtasks: [
        subtask("broad", 1, [source("b", ["law"]), source("a", ["law"])]),
        subtask("narrow", 1, [source("b", ["law"])]),
      ],
    });
    expect(plan.diagnoses[0]).toMatchObject({ round: 1, subtask: "narrow", kind: "ordering" });
    expect(plan.subtasks.map((entry) => entry.sources.map((s) => s.allocated))).toEqual([[0, 5], [5]]);
  });

  it("never: sends a short subtask back to design, then moves what is still missing to subtasks with spare rows", async () => {
    const asked: string[] = [];
    const plan = await allocatePlan({
      ...base,
      fromScratch: "never",
      size: 20,
      subtasks: [subtask("law", 1, [source("a", ["law"])]), subtask("health", 1, [source("b", ["health"])])],
      redesign: async (short, round) => {
        asked.push(`${round}: ${short.map((entry) => `${entry.subtask.name} (${entry.detail})`).join("; ")}`);
        return short.map(() => undefined);
      },
    });
    expect(asked).toEqual(["1: health (its sources hold 4 rows for a quota of 10)"]);
    // health keeps its 4 rows; its 6 missing move to law, which has 50
    expect(
      plan.subtasks.map((entry) => [entry.name, entry.quota, entry.sources[0]?.allocated, entry.scratch]),
    ).toEqual([
      ["law", 16, 16, 0],
      ["health", 4, 4, 0],
    ]);
    expect(plan.diagnoses.map((entry) => `${entry.kind}: ${entry.action}`)).toEqual([
      "insufficient-supply: design could not revise it",
      'insufficient-supply: moved 6 of its quota to "law"',
    ]);
  });

  it("never: a redesigned subtask with more supply replaces the short one", async () => {
    const plan = await allocatePlan({
      ...base,
      fromScratch: "never",
      size: 20,
      subtasks: [subtask("law", 1, [source("a", ["law"])]), subtask("health", 1, [source("b", ["health"])])],
      redesign: async (short) =>
        short.map(() =>
          subtask("medicine and health", 1, [source("a", ["medicine"]), source("b", ["health"])]),
        ),
    });
    expect(plan.subtasks.map((entry) => [entry.name, entry.quota])).toEqual([
      ["law", 10],
      ["medicine and health", 10],
    ]);
    expect(plan.subtasks[1]?.sources.map((s) => s.allocated)).toEqual([6, 4]);
  });

  it("only: every item is written from scratch", async () => {
    const plan = await allocatePlan({
      ...base,
      fromScratch: "only",
      size: 7,
      subtasks: [subtask("law", 1, [source("a", ["law"])])],
    });
    expect(plan.subtasks[0]).toMatchObject({ quota: 7, sources: [], scratch: 7 });
  });
});
