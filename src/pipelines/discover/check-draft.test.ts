import { describe, expect, it } from "vitest";
import { checkDraft, pickDistractors } from "./check-draft.js";
import type { Draft } from "./draft.js";

const draft = (overrides: Partial<Draft>): Draft => ({
  question: "Which emperor reformed the coinage in 1092?",
  answer: "Alexios I Komnenos",
  distractors: ["Basil II", "Justinian I", "Leo VI"],
  checks: [],
  ...overrides,
});

describe("checkDraft", () => {
  it("passes a clean open and MCQ draft, naming the checks", () => {
    expect(checkDraft({ draft: draft({}), format: "open", seen: new Set() })).toEqual({
      passed: ["schema", "leakage", "duplicate"],
    });
    expect(checkDraft({ draft: draft({}), format: "mcq", seen: new Set() })).toEqual({
      passed: ["schema", "format", "leakage", "duplicate"],
    });
  });

  it("rejects with the failing check's reason", () => {
    const reason = (overrides: Partial<Draft>, format: "open" | "mcq" = "open", seen = new Set<string>()) =>
      (checkDraft({ draft: draft(overrides), format, seen }) as { reason?: string }).reason;
    expect(reason({ answer: "" })).toBe("schema: no question or no answer");
    expect(reason({ distractors: ["Basil II", "basil ii!", "Alexios I Komnenos"] }, "mcq")).toBe(
      "format: needs 3 distinct distractors that differ from the answer",
    );
    expect(reason({ question: "Did Alexios I Komnenos reform the coinage?" })).toBe(
      "leakage: the question contains its answer",
    );
    expect(reason({}, "open", new Set(["which emperor reformed coinage in 1092"]))).toBe(
      "duplicate: the description has this question already",
    );
    // a number that is only part of a longer token is no leak
    expect(reason({ question: "How many hyperpyra made a 1092-era pound?", answer: "72" })).toBeUndefined();
  });

  it("keeps the first three distinct distractors", () => {
    expect(
      pickDistractors(draft({ distractors: ["Leo VI", "leo vi", "Basil II", "", "Zeno", "Heraclius"] })),
    ).toEqual(["Leo VI", "Basil II", "Zeno"]);
  });
});
