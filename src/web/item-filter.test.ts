import { describe, expect, it } from "vitest";
import { filterFromParams, filterItems, pageOf, paramsFromFilter } from "./item-filter.js";
import type { ItemView } from "./report-data.js";

const MODELS = ["a", "b"];

function view(id: string, answers: ItemView["answers"], extra: Partial<ItemView> = {}): ItemView {
  return {
    id,
    format: "mcq",
    question: `What is ${id}?`,
    options: ["x", "y"],
    answer: "A",
    answers,
    ...extra,
  };
}

const ITEMS: ItemView[] = [
  view(
    "q1",
    [
      [true, "A", "Answer: A"],
      [false, "B", "Answer: B"],
    ],
    {
      difficulty: 0.1,
      subtask: "math",
      metadata: { source: "web", slot: 1 },
    },
  ),
  view(
    "q2",
    [
      [false, null, "no idea"],
      [true, "A", "Answer: A"],
    ],
    {
      difficulty: 0.5,
      subtask: "math",
      provenance: { attributes: { level: "hard" } },
    },
  ),
  view("q3", [[true, "A", "Answer: A"], null], {
    difficulty: 0.9,
    subtask: "history",
    metadata: { source: "book" },
  }),
  view("q4", [
    [false, "B", "the Eiffel tower"],
    [false, "B", "Answer: B"],
  ]),
];
const ids = (items: readonly ItemView[]) => items.map((item) => item.id);

describe("filterItems", () => {
  it("judges one model's answers, or any model's when none is named", () => {
    expect(ids(filterItems(ITEMS, MODELS, { model: "a", outcome: "correct" }))).toEqual(["q1", "q3"]);
    expect(ids(filterItems(ITEMS, MODELS, { model: "b", outcome: "wrong" }))).toEqual(["q1", "q4"]);
    expect(ids(filterItems(ITEMS, MODELS, { outcome: "unparseable" }))).toEqual(["q2"]);
    expect(ids(filterItems(ITEMS, MODELS, { outcome: "correct" }))).toEqual(["q1", "q2", "q3"]);
    // A model alone keeps the items it answered.
    expect(ids(filterItems(ITEMS, MODELS, { model: "b" }))).toEqual(["q1", "q2", "q4"]);
  });

  it("lists model-vs-model disagreements", () => {
    expect(ids(filterItems(ITEMS, MODELS, { right: "a", wrong: "b" }))).toEqual(["q1"]);
    expect(ids(filterItems(ITEMS, MODELS, { right: "b", wrong: "a" }))).toEqual(["q2"]);
  });

  it("filters by difficulty range (unlabelled items drop out), subtask, metadata and attributes", () => {
    expect(ids(filterItems(ITEMS, MODELS, { difficultyMin: 0.2 }))).toEqual(["q2", "q3"]);
    expect(ids(filterItems(ITEMS, MODELS, { difficultyMin: 0.1, difficultyMax: 0.5 }))).toEqual(["q1", "q2"]);
    expect(ids(filterItems(ITEMS, MODELS, { subtask: "math" }))).toEqual(["q1", "q2"]);
    expect(ids(filterItems(ITEMS, MODELS, { metaKey: "source" }))).toEqual(["q1", "q3"]);
    expect(ids(filterItems(ITEMS, MODELS, { metaKey: "source", metaValue: "book" }))).toEqual(["q3"]);
    expect(ids(filterItems(ITEMS, MODELS, { metaKey: "slot", metaValue: "1" }))).toEqual(["q1"]);
    expect(ids(filterItems(ITEMS, MODELS, { metaKey: "attribute:level", metaValue: "hard" }))).toEqual([
      "q2",
    ]);
  });

  it("searches ids, questions and replies case-insensitively, and honours an id list", () => {
    expect(ids(filterItems(ITEMS, MODELS, { search: "EIFFEL" }))).toEqual(["q4"]);
    expect(ids(filterItems(ITEMS, MODELS, { search: "what is q3" }))).toEqual(["q3"]);
    expect(ids(filterItems(ITEMS, MODELS, { ids: ["q4", "q2"] }))).toEqual(["q2", "q4"]);
  });

  it("matches nothing for a model the run does not have", () => {
    expect(filterItems(ITEMS, MODELS, { model: "zz", outcome: "correct" })).toEqual([]);
    expect(filterItems(ITEMS, MODELS, { right: "zz" })).toEqual([]);
  });
});

describe("filter parameters", () => {
  it("round-trips through URL parameters and drops malformed values", () => {
    const filter = {
      model: "a",
      outcome: "wrong",
      difficultyMin: 0.25,
      ids: ["q1", "q2"],
      search: "x y",
    } as const;
    expect(filterFromParams(paramsFromFilter(filter))).toEqual(filter);
    expect(filterFromParams(new URLSearchParams("outcome=maybe&difficultyMax=abc&subtask="))).toEqual({});
  });
});

describe("pageOf", () => {
  it("slices a page and clamps offsets past the end", () => {
    expect(pageOf(ITEMS, 2, 50)).toEqual({ total: 4, offset: 2, items: ITEMS.slice(2) });
    expect(pageOf(ITEMS, 99, 2)).toEqual({ total: 4, offset: 4, items: [] });
    expect(pageOf(ITEMS, -5, 1).items.map((item) => item.id)).toEqual(["q1"]);
  });
});
