import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import type { Candidate } from "./candidate.js";
import { pickCandidate } from "./pick-candidate.js";

const candidate = (question: string): Candidate => ({
  question,
  options: ["w", "x", "y", "z"],
  answer: "A",
  explanation: undefined,
  reasoning: undefined,
  rating: undefined,
});
const generated = (candidates: Candidate[], failures: string[] = []) => ({
  candidates,
  failures,
  promptHash: "h",
});

describe("pickCandidate", () => {
  it("keeps the candidate that adds most new words to the context, with every candidate's gain", () => {
    const context = [{ question: "rivers of asia and europe" }];
    const picked = pickCandidate({
      generated: generated([candidate("rivers of asia"), candidate("glaciers carve fjords in norway")]),
      context,
      shuffle: undefined,
    });
    if (!picked.success) throw new Error("expected a candidate");
    expect(picked.value.candidate.question).toBe("glaciers carve fjords in norway");
    const [first, second] = picked.value.gains ?? [];
    expect(second).toBeGreaterThan(first ?? Number.POSITIVE_INFINITY);
  });

  it("a single candidate is taken as it is (no gains); a shuffle stream shuffles its options", () => {
    const one = pickCandidate({ generated: generated([candidate("q")]), context: [], shuffle: undefined });
    expect(one).toEqual({ success: true, value: { candidate: candidate("q"), gains: undefined } });
    const shuffled = pickCandidate({
      generated: generated([candidate("q")]),
      context: [],
      shuffle: createRng(2),
    });
    if (!shuffled.success) throw new Error("expected a candidate");
    expect(shuffled.value.candidate.options[shuffled.value.candidate.answer.charCodeAt(0) - 65]).toBe("w");
  });

  it("no usable sample rejects the attempt with the first problem and how many samples failed", () => {
    const failures = ["invalid-output: not JSON", "invalid-item: two options are identical"];
    expect(pickCandidate({ generated: generated([], failures), context: [], shuffle: undefined })).toEqual({
      success: false,
      error: { reason: "invalid-output: not JSON (all 2 samples unusable)", details: { failures } },
    });
    expect(pickCandidate({ generated: generated([], []), context: [], shuffle: undefined })).toMatchObject({
      error: { reason: "invalid-output: no candidate" },
    });
  });
});
