import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type PipelineContext, silentLogger, silentProgress } from "../core/context.js";
import type { Item } from "../core/item.js";
import { createRng } from "../core/rng.js";
import { HEURISTIC_RNG_STREAM, runHeuristicBaselines } from "../evaluate/heuristic-baselines.js";
import type { EvalResults } from "../evaluate/results-schema.js";
import { openSqliteStore, type SqliteRunStore } from "../store/sqlite-store.js";
import { MockLanguageModel } from "../testing/mock-language-model.js";
import { AuditInputSchema } from "../web/audit-input.js";
import { formatAuditReport } from "./format-report.js";
import { AUDIT_TABLE_KEY, runAudit } from "./runner.js";

const items: Item[] = Array.from({ length: 30 }, (_, index) => ({
  id: `q${index}`,
  format: "mcq",
  question: `Question number ${index} about topic ${index % 7}: which value follows ${index * 3}?`,
  options: [`${index}`, `${index + 1}`, `${index + 2}`, `${index + 3}`],
  answer: "B",
  difficulty: (index % 10) / 10,
}));

/** Model k fails items whose difficulty exceeds its skill; item q0 is flipped to look mislabelled. */
function results(): EvalResults {
  const skills = [0.25, 0.45, 0.65, 0.85];
  return {
    benchmark: "bench.jsonl",
    itemCount: items.length,
    createdAt: "2025-01-01T00:00:00Z",
    models: skills.map((skill, index) => {
      const outcomes = items.map((item) => ({
        itemId: item.id,
        correct: (item.difficulty ?? 0) < skill,
        extracted: "B",
        raw: "B",
      }));
      const correct = outcomes.filter((outcome) => outcome.correct).length;
      return {
        model: `m${index}`,
        kind: "llm" as const,
        accuracy: correct / items.length,
        interval: { estimate: correct / items.length, low: 0, high: 1 },
        correct,
        total: items.length,
        unparseable: 0,
        byDifficulty: [],
        outcomes,
      };
    }),
    rankConfidence: [],
    flags: [],
  };
}

describe("runAudit", () => {
  let directory: string;
  let store: SqliteRunStore;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-audit-"));
    store = openSqliteStore(join(directory, "store.sqlite"));
  });
  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("fills every criterion it has inputs for, says n/a for the rest, and stores the table", async () => {
    const judge = new MockLanguageModel({
      respond: (options) => {
        const prompt = options.messages.at(-1)?.content ?? "";
        if (prompt.includes("question itself is hidden")) return "B";
        // a length-biased judge: longer rationales for the comparison benchmark, higher verdicts with length
        const comparison = prompt.includes("Comparison item");
        return JSON.stringify({
          rationale: comparison ? "long ".repeat(40) : "short ".repeat(10),
          verdict: comparison ? 1 : 0.5,
        });
      },
    });
    const make = await store.createRun({ kind: "make", spec: {} });
    await store.putItem({
      runId: make.id,
      slot: 0,
      attempt: 0,
      status: "accepted",
      item: { id: "x" },
      reason: undefined,
    });
    const audit = await store.createRun({ kind: "audit", spec: {} });
    const context: PipelineContext = {
      runId: audit.id,
      store,
      resolveModel: () => judge,
      rng: createRng(1),
      progress: silentProgress,
      log: silentLogger,
    };
    const comparisonItems = items
      .slice(0, 10)
      .map((item) => ({ ...item, id: `c-${item.id}`, question: `Comparison item: ${item.question}` }));
    const report = await runAudit(
      {
        benchmark: { name: "bench", items },
        comparisons: [{ name: "human", items: comparisonItems }],
        results: results(),
        referenceResults: {
          source: "ref.json",
          accuracies: new Map([
            ["m0", 0.2],
            ["m1", 0.4],
            ["m2", 0.5],
            ["m3", 0.9],
          ]),
        },
        judge: "mock:judge",
        demand: "arithmetic sequences",
        generatingRun: make.id,
        generators: ["mock:judge"],
        leakageReferences: [{ source: "pub", id: "p7", text: items[7]!.question }],
      },
      context,
    );
    const byId = Object.fromEntries(report.rows.map((row) => [row.criterion, row]));
    expect(report.rows).toHaveLength(10);
    // judge length differs only between groups here, so the regression cannot separate it from the generator:
    // the row must say so rather than crash or pretend
    expect(byId.faithfulness!.display).toBe("0.50 debiased (raw 0.50)");
    expect(byId.faithfulness!.notes).toContain("judge length confounded with generator");
    expect(byId.faithfulness!.notes).not.toContain("/word");
    expect(byId.alignment!.value).toBeCloseTo(0.5, 10);
    // the judge is the generator the make run recorded: the report warns, the stored table too
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/^the judge mock:judge is also the generator .*self-preference/);
    expect(byId.controllability!.value).toBeGreaterThan(0.9);
    expect(byId.effectiveness!.value).toBeGreaterThan(0.8);
    expect(byId.robustness!.display).toMatch(/^n\/a — needs paraphrased-demand results/);
    expect(byId["semantic-diversity"]!.used).toContain("TF-IDF lexical fallback");
    // the make run paid for no call in this store: n/a, not $0
    expect(byId.efficiency!.display).toMatch(
      new RegExp(`^n/a — run ${make.id} recorded no LLM calls of its own`),
    );
    // 4 models on the paper's per-model scale
    expect(byId["knowledge-diversity"]!.notes).toContain("over 4 models / 4");
    expect(report.leakage.map((finding) => finding.itemId)).toEqual(["q7"]);
    expect(report.probes.at(-1)!.accuracy).toBe(1);
    // The heuristic probes draw from eval's stream: same file and seed, same figures as `eval` prints.
    const evalBaselines = runHeuristicBaselines(items, createRng(1).fork(HEURISTIC_RNG_STREAM));
    for (const baseline of evalBaselines) {
      const probe = report.probes.find((candidate) => candidate.probe === `heuristic: ${baseline.id}`);
      expect(probe?.accuracy, baseline.id).toBe(baseline.correct / baseline.total);
    }
    expect(report.comparisons!.pairs).toHaveLength(6);
    expect(report.calibration!.keptIds.length).toBeGreaterThan(0);
    // Read back through the schema the report reads it with, so writer and reader cannot drift apart.
    const stored = await store.getState(audit.id, AUDIT_TABLE_KEY, AuditInputSchema);
    expect(stored?.rows.map((row) => row.criterion)).toEqual(report.rows.map((row) => row.criterion));
    expect(stored?.leakage).toBe(1);
    expect(stored?.notes[0]).toMatch(/^warning: the judge mock:judge is also the generator/);
    expect(stored?.probes).toHaveLength(report.probes.length);
    const printed = formatAuditReport(report);
    expect(printed[1]).toMatch(/^warning: the judge mock:judge/);
    expect(printed.join("\n")).toContain("knowledge-diversity");
  });
});
