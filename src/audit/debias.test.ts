import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { debiasJudgeScores, type JudgedRow } from "./debias.js";

function byName(rows: readonly JudgedRow[]) {
  const result = debiasJudgeScores(rows);
  return { result, groups: new Map(result.groups.map((group) => [group.name, group])) };
}

describe("debiasJudgeScores", () => {
  it("removes a planted length bias: equal true quality, one generator judged more verbosely", () => {
    const rng = createRng(12);
    const rows: JudgedRow[] = [];
    for (const [group, meanLength, quality] of [
      ["ours", 80, 6],
      ["human", 40, 6],
      ["other", 40, 5],
    ] as const) {
      for (let index = 0; index < 400; index++) {
        const judgeLength = meanLength + rng.normal() * 15;
        // the judge adds 0.05 points per word of its own rationale: a pure length bias
        rows.push({ group, judgeLength, score: quality + 0.05 * judgeLength + rng.normal() * 0.5 });
      }
    }
    const { result, groups } = byName(rows);
    const ours = groups.get("ours");
    const human = groups.get("human");
    const other = groups.get("other");
    expect(result.fit).toBe("generators+length");
    // raw means carry the bias: ours looks ~2 points better than human
    expect((ours?.raw ?? 0) - (human?.raw ?? 0)).toBeGreaterThan(1.5);
    // debiased: ours and human equal (true quality equal), other one point lower
    expect(Math.abs((ours?.debiased ?? 9) - (human?.debiased ?? 0))).toBeLessThan(0.2);
    expect((human?.debiased ?? 0) - (other?.debiased ?? 0)).toBeCloseTo(1, 0);
    expect(result.lengthCoefficient).toBeCloseTo(0.05, 2);
  });

  it("with one generator fits nothing: no debiased value and no coefficient", () => {
    const rows = [
      { group: "a", score: 0.5, judgeLength: 10 },
      { group: "a", score: 1, judgeLength: 20 },
      { group: "a", score: 0, judgeLength: 12 },
    ];
    const result = debiasJudgeScores(rows);
    expect(result.fit).toBe("none");
    expect(result.lengthCoefficient).toBeUndefined();
    expect(result.groups).toEqual([{ name: "a", raw: 0.5, rated: 3, debiased: undefined }]);
  });

  it("fits the generators alone when judge length only varies between them (confounded)", () => {
    // every "a" rationale has 10 words and every "b" one 30: length and generator are the same column
    const rows = [
      { group: "a", score: 1, judgeLength: 10 },
      { group: "a", score: 0.5, judgeLength: 10 },
      { group: "b", score: 0, judgeLength: 30 },
      { group: "b", score: 0.5, judgeLength: 30 },
    ];
    const { result, groups } = byName(rows);
    expect(result.fit).toBe("generators-only");
    expect(result.lengthCoefficient).toBeUndefined();
    // dummies alone reproduce the group means
    expect(groups.get("a")?.debiased).toBeCloseTo(0.75, 12);
    expect(groups.get("b")?.debiased).toBeCloseTo(0.25, 12);
  });

  it("a length spread the same in every group leaves the group means as they are (coefficient 0)", () => {
    const rows = [
      { group: "ours", score: 1, judgeLength: 10 },
      { group: "ours", score: 0.5, judgeLength: 20 },
      { group: "ours", score: 0.5, judgeLength: 10 },
      { group: "ours", score: 1, judgeLength: 20 },
      ...[10, 20, 10, 20].map((judgeLength) => ({ group: "human", score: 1, judgeLength })),
    ];
    const { result, groups } = byName(rows);
    expect(result.fit).toBe("generators+length");
    expect(result.lengthCoefficient).toBeCloseTo(0, 12);
    expect(groups.get("ours")?.debiased).toBeCloseTo(0.75, 12);
    expect(groups.get("human")?.debiased).toBeCloseTo(1, 12);
  });
});
