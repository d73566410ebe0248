import { describe, expect, it } from "vitest";
import type { Item } from "../core/item.js";
import {
  candidateAnswerOf,
  type DiscoverUnit,
  discoverRecordOf,
  discoverUnitJobId,
} from "./discover-unit.js";
import { evalUnitJobId } from "./eval-unit.js";
import {
  type TuneUnit,
  TuneUnitSchema,
  templateItemOf,
  tuneRecordItemId,
  tuneUnitJobId,
} from "./tune-unit.js";

const templateItem = { id: "seq-0", format: "open" as const, question: "2, 4, 6, ?", answer: "8" };

describe("tune units", () => {
  const unit: TuneUnit = {
    kind: "tune",
    runId: "tune-1",
    modelRef: "openai:gpt-4o-mini",
    template: "arithmetic-sequences",
    scope: "iteration-0",
    item: templateItem,
  };

  it("key each sample apart: the same template item id in another iteration is another unit", () => {
    expect(tuneUnitJobId(unit)).not.toBe(tuneUnitJobId({ ...unit, scope: "iteration-1" }));
    expect(tuneUnitJobId(unit)).not.toBe(tuneUnitJobId({ ...unit, scope: "confirm-0" }));
    expect(tuneUnitJobId(unit)).not.toBe(tuneUnitJobId({ ...unit, runId: "tune-2" }));
    expect(tuneUnitJobId(unit)).toBe(
      tuneUnitJobId({ ...unit, item: { ...templateItem, question: "edited" } }),
    );
    expect(tuneUnitJobId(unit)).toMatch(/^tune\.[0-9a-f]{40}$/);
    expect(tuneRecordItemId(unit.scope, unit.item.id)).toBe("iteration-0/seq-0");
  });

  it("carry the template item through JSON unchanged, absent fields staying absent", () => {
    const withData = { ...unit, item: { ...templateItem, data: { table: [1, 2] } } };
    const parsed = TuneUnitSchema.parse(JSON.parse(JSON.stringify(withData)));
    expect(templateItemOf(parsed)).toEqual(withData.item);
    expect(Object.keys(templateItemOf(TuneUnitSchema.parse(unit)))).not.toContain("options");
  });
});

describe("discover units", () => {
  const item: Item = { id: "D1-b0-q1", format: "open", question: "Height of Etna?", answer: "3357" };
  const unit: DiscoverUnit = {
    kind: "discover",
    runId: "discover-1",
    modelRef: "openai:a",
    item,
    judge: "openai:judge",
    seed: 3,
  };

  it("have their own job ids (an eval unit of the same pair is another job)", () => {
    expect(discoverUnitJobId(unit)).toMatch(/^discover\.[0-9a-f]{40}$/);
    expect(discoverUnitJobId(unit)).not.toBe(evalUnitJobId(unit));
    expect(discoverUnitJobId(unit)).not.toBe(discoverUnitJobId({ ...unit, modelRef: "openai:b" }));
  });

  it("store a graded answer and a provider error so the coordinator reads back the same answer", () => {
    const graded = {
      itemId: item.id,
      correct: false,
      extracted: null,
      method: "judge",
      response: "not sure",
    };
    expect(candidateAnswerOf(discoverRecordOf(unit, graded))).toEqual(graded);
    const failed = { itemId: item.id, error: "openai answered 500" };
    expect(candidateAnswerOf(discoverRecordOf(unit, failed))).toEqual(failed);
    expect(discoverRecordOf(unit, failed)).toMatchObject({ correct: false, score: 0 });
  });
});
