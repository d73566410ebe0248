import { describe, expect, it } from "vitest";
import type { Item } from "../core/item.js";
import { MakeAttemptResultSchema, makeAttemptResultOf } from "../pipelines/make/index.js";
import { type Candidate, CandidateOutcomeSchema, candidateOutcomeOf } from "../pipelines/plan/index.js";
import {
  candidateAnswerOf,
  type DiscoverUnit,
  discoverRecordOf,
  discoverUnitJobId,
} from "./discover-unit.js";
import { evalUnitJobId } from "./eval-unit.js";
import { makeAttemptJobId, makeAttemptStateKey } from "./make-unit.js";
import { planCandidateJobId, planCandidateStateKey } from "./plan-unit.js";
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

describe("make attempt units", () => {
  const at = { runId: "make-1", slot: 3, attempt: 1 };

  it("key slot + attempt: another attempt, slot or run is another job and another state key", () => {
    expect(makeAttemptJobId(at)).toMatch(/^make\.[0-9a-f]{40}$/);
    expect(makeAttemptJobId(at)).not.toBe(makeAttemptJobId({ ...at, attempt: 2 }));
    expect(makeAttemptJobId(at)).not.toBe(makeAttemptJobId({ ...at, slot: 31, attempt: 1 }));
    expect(makeAttemptJobId(at)).not.toBe(makeAttemptJobId({ ...at, runId: "make-2" }));
    expect(makeAttemptStateKey(at)).toBe("queue:make-attempt/3/1");
  });

  it("read back a stored result as the attempt had it: an unknown cost stays unknown", () => {
    const result = {
      outcome: { kind: "rejected" as const, reason: "label: no majority", record: { slot: 3, attempt: 1 } },
      calls: {
        "generate-item": {
          responses: 1,
          cached: 0,
          requests: 1,
          inputTokens: 90,
          outputTokens: 40,
          costUsd: undefined,
        },
      },
    };
    const stored = MakeAttemptResultSchema.parse(JSON.parse(JSON.stringify(result)));
    expect(makeAttemptResultOf(stored)).toEqual(result);
    expect(makeAttemptResultOf(stored).calls["generate-item"]).toHaveProperty("costUsd", undefined);
  });
});

describe("plan candidate units", () => {
  const row = {
    source: {
      dataset: "mmlu/test",
      card: "mmlu-test",
      path: "/data/mmlu/test.jsonl",
    },
    row: { index: 812, values: { question: "Q?" } },
  } as unknown as Candidate;

  it("key subtask + candidate: the same row in another subtask is another unit", () => {
    const key = planCandidateStateKey("legal reasoning", row);
    expect(key).toBe("queue:plan-candidate/legal reasoning/mmlu-test#812");
    expect(planCandidateJobId("plan-1", key)).toMatch(/^plan\.[0-9a-f]{40}$/);
    expect(planCandidateJobId("plan-1", key)).not.toBe(
      planCandidateJobId("plan-1", planCandidateStateKey("medical reasoning", row)),
    );
  });

  it("read back a realization's rejection without an item, and a QC outcome with its item", () => {
    const rejected = { status: "rejected" as const, reason: "realize: no answer", item: undefined };
    expect(candidateOutcomeOf(CandidateOutcomeSchema.parse(JSON.parse(JSON.stringify(rejected))))).toEqual(
      rejected,
    );
    const item: Item = { id: "legal-0", format: "open", question: "Q?", answer: "A" };
    const accepted = {
      status: "accepted" as const,
      item,
      reason: undefined,
      inspections: [[{ check: "correct" as const, pass: true, note: "" }]],
      repaired: [],
      responses: 1,
    };
    expect(candidateOutcomeOf(CandidateOutcomeSchema.parse(JSON.parse(JSON.stringify(accepted))))).toEqual(
      accepted,
    );
  });
});
