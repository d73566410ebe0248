import { describe, expect, it } from "vitest";
import type { GenerateOptions } from "../core/language-model.js";
import { createRng } from "../core/rng.js";
import { CRITERIA } from "../metrics/index.js";
import type { ScaledAssessment } from "../metrics/judge-scale.js";
import { MockLanguageModel } from "../testing/mock-language-model.js";
import { createJudgeService, type JudgedBenchmark } from "./judge.js";

const prompt = (options: GenerateOptions): string => options.messages.at(-1)?.content ?? "";

/** Items whose question carries the verdict and rationale length the scripted judge gives them. */
function bench(name: string, plan: ReadonlyArray<[verdict: unknown, words: number]>, model?: string) {
  return {
    name,
    items: plan.map(([verdict, words], index) => ({
      id: `${name}-${index}`,
      format: "mcq" as const,
      question: `[${name}] verdict=${String(verdict)} words=${words} #${index}`,
      options: ["x", "y"],
      answer: "A",
      ...(model ? { provenance: { pipeline: "make", model } } : {}),
    })),
  } satisfies JudgedBenchmark;
}

/** Replies with the verdict written in the item (rationale first), or a positional preference in comparisons. */
const judgeModel = () =>
  new MockLanguageModel({
    respond: (options) => {
      const text = prompt(options);
      if (text.includes('"better"')) return JSON.stringify({ rationale: "the first one", better: 1 });
      const match = /verdict=(\S+) words=(\d+)/.exec(text);
      const verdict = match?.[1] === "bad" ? 7 : match?.[1] === "half" ? "0.5" : Number(match?.[1]);
      return JSON.stringify({ rationale: "w ".repeat(Number(match?.[2] ?? 1)).trim(), verdict });
    },
  });

async function assess(
  benchmarks: JudgedBenchmark[],
  extra: { reference?: JudgedBenchmark; mode?: "itemwise" | "comparison" } = {},
) {
  const judge = createJudgeService({
    model: judgeModel(),
    label: "mock:judge",
    benchmarks,
    reference: extra.reference,
    demand: "anything",
    mode: extra.mode ?? "itemwise",
    rng: createRng(3),
  });
  const assessment: ScaledAssessment = await judge.assess({ aspect: "faithfulness" });
  const row = await CRITERIA.faithfulness.compute({
    items: benchmarks[0]?.items ?? [],
    judge,
    rng: createRng(1),
  });
  return { assessment, row };
}

describe("judge on the paper's verdict scale", () => {
  it("one generator: the raw mean of 0/0.5/1 verdicts, called raw, with no coefficient printed", async () => {
    const ours = bench("ours", [
      [1, 5],
      ["half", 9],
      [0, 3],
      [1, 12],
      ["bad", 4],
    ]);
    const { assessment, row } = await assess([ours]);
    expect(assessment.fit).toBe("none");
    expect(assessment.generators).toBe(1);
    // (1 + 0.5 + 0 + 1) / 4; the unreadable verdict (7, also after the repair attempt) is not a score
    expect(assessment.benchmarks[0]).toMatchObject({ raw: 0.625, rated: 4, failed: 1 });
    expect(row.value).toBe(0.625);
    expect(row.display).toBe("0.63 raw (not debiased: one generator)");
    expect(row.notes).toContain("verdict 0/0.5/1");
    expect(row.notes).not.toMatch(/\/word|length effect|debiased/);
  });

  it("against a human reference: ours / reference, debiased over the two generators", async () => {
    // rationale lengths spread alike in both groups, so the length term is 0 and the means stand
    const ours = bench("ours", [
      [1, 10],
      ["half", 20],
      ["half", 10],
      [1, 20],
    ]);
    const human = bench("human.jsonl", [
      [1, 10],
      [1, 20],
      [1, 10],
      [1, 20],
    ]);
    const { assessment, row } = await assess([ours], { reference: human });
    expect(assessment.fit).toBe("generators+length");
    expect(assessment.lengthCoefficient).toBeCloseTo(0, 10);
    expect(assessment.reference?.value).toBeCloseTo(1, 10);
    expect(assessment.reference?.normalised).toBeCloseTo(0.75, 10);
    expect(row.value).toBeCloseTo(0.75, 10);
    expect(row.display).toBe("0.75 of reference (ours 0.75 debiased, raw 0.75)");
    expect(row.notes).toContain("reference human.jsonl 1.00 = 1 (ours / reference)");
    expect(row.notes).toContain("regression on 2 generators + judge length");
  });

  it("a benchmark mixing generators (item provenance) is debiased without --compare", async () => {
    const fromA = bench(
      "mixed",
      [
        [1, 10],
        [1, 20],
      ],
      "openai:a",
    ).items;
    const fromB = bench(
      "mixed",
      [
        [0, 10],
        ["half", 20],
      ],
      "openai:b",
    ).items.map((item, index) => ({ ...item, id: `b${index}`, question: `${item.question} b` }));
    const { assessment, row } = await assess([{ name: "mixed", items: [...fromA, ...fromB] }]);
    expect(assessment.generators).toBe(2);
    expect(assessment.fit).toBe("generators+length");
    expect(row.display).toMatch(/debiased \(raw 0\.63\)$/);
  });

  it("comparison mode: a judge that always prefers the first item is on par once both orders count", async () => {
    const ours = bench("ours", [
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    const human = bench("human", [
      [1, 1],
      [1, 1],
    ]);
    const { assessment, row } = await assess([ours], { reference: human, mode: "comparison" });
    const target = assessment.benchmarks[0];
    // first-shown wins every time (raw 1), but over both orders each side wins once: 0.5
    expect(target).toMatchObject({ raw: 1, debiased: 0.5, rated: 3 });
    expect(assessment.fit).toBe("both-orders");
    // win odds against the reference: 0.5 / 0.5
    expect(assessment.reference?.normalised).toBe(1);
    expect(row.display).toBe("1.00 of reference (ours 0.50 debiased, raw 1.00)");
  });

  it("comparison mode without anything to compare with says what it needs", async () => {
    const { row } = await assess([bench("ours", [[1, 1]])], { mode: "comparison" });
    expect(row.value).toBeUndefined();
    expect(row.display).toMatch(/^n\/a — needs another benchmark to compare with/);
  });
});
