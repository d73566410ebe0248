import { z } from "zod";
import type { Item } from "../core/item.js";
import type { LanguageModel } from "../core/language-model.js";
import type { Rng } from "../core/rng.js";
import { generateObject } from "../llm/generate.js";
import type { JudgeAspect, JudgeAssessment, JudgeService } from "../metrics/types.js";
import { debiasJudgeScores, type JudgedRow } from "./debias.js";
import { AUDIT_PROMPTS, fillAuditPrompt, renderItem } from "./prompts.js";

const ItemwiseVerdict = z.object({ rationale: z.string(), score: z.coerce.number().min(1).max(10) });
const ComparisonVerdict = z.object({ rationale: z.string(), better: z.coerce.number().int().min(0).max(2) });

export interface JudgeServiceOptions {
  model: LanguageModel;
  label: string;
  /** The audited benchmark first, then the benchmarks it is compared with (each a generator group). */
  benchmarks: ReadonlyArray<{ name: string; items: readonly Item[] }>;
  demand: string | undefined;
  mode: "itemwise" | "comparison";
  rng: Rng;
  /** Items judged per benchmark (seeded sample); judging is the expensive part of an audit. */
  maxItemsPerBenchmark?: number;
}

/** Builds the judge the faithfulness/alignment criteria call; each aspect is judged once and cached. */
export function createJudgeService(options: JudgeServiceOptions): JudgeService {
  const cache = new Map<JudgeAspect, Promise<JudgeAssessment>>();
  return {
    label: options.label,
    assess({ aspect }) {
      let pending = cache.get(aspect);
      if (pending === undefined) {
        pending =
          options.mode === "itemwise" ? judgeItemwise(options, aspect) : judgeByComparison(options, aspect);
        cache.set(aspect, pending);
      }
      return pending;
    },
  };
}

function sampled(options: JudgeServiceOptions, items: readonly Item[], label: string): readonly Item[] {
  const limit = options.maxItemsPerBenchmark ?? 200;
  return items.length <= limit ? items : options.rng.fork(label).sample(items, limit);
}

function unavailable(options: JudgeServiceOptions, aspect: JudgeAspect): JudgeAssessment | undefined {
  if (aspect !== "alignment" || options.demand !== undefined) return undefined;
  const target = options.benchmarks[0]?.name ?? "";
  return {
    judge: options.label,
    target,
    benchmarks: [],
    lengthCoefficient: 0,
    mode: options.mode,
    unavailable: "the demand text (--demand, or --run of the make run)",
  };
}

async function judgeItemwise(options: JudgeServiceOptions, aspect: JudgeAspect): Promise<JudgeAssessment> {
  const missing = unavailable(options, aspect);
  if (missing) return missing;
  const rows: JudgedRow[] = [];
  const failed = new Map<string, number>();
  for (const benchmark of options.benchmarks) {
    for (const item of sampled(options, benchmark.items, benchmark.name)) {
      const prompt =
        aspect === "faithfulness"
          ? fillAuditPrompt("faithfulnessItemwise", { item: renderItem(item) })
          : fillAuditPrompt("alignmentItemwise", { item: renderItem(item), demand: options.demand ?? "" });
      const result = await generateObject({
        model: options.model,
        schema: ItemwiseVerdict,
        system: AUDIT_PROMPTS.judgeSystem,
        prompt,
        temperature: 0,
      });
      if (!result.success) {
        failed.set(benchmark.name, (failed.get(benchmark.name) ?? 0) + 1);
        continue;
      }
      const verdict = result.value.object;
      rows.push({ group: benchmark.name, score: verdict.score, judgeLength: wordCount(verdict.rationale) });
    }
  }
  const debiased = debiasJudgeScores(rows);
  return {
    judge: options.label,
    target: options.benchmarks[0]?.name ?? "",
    benchmarks: options.benchmarks.map((benchmark) => {
      const group = debiased.groups.find((entry) => entry.name === benchmark.name);
      return {
        name: benchmark.name,
        raw: group?.raw ?? Number.NaN,
        debiased: group?.debiased ?? Number.NaN,
        rated: group?.rated ?? 0,
        failed: failed.get(benchmark.name) ?? 0,
      };
    }),
    lengthCoefficient: debiased.lengthCoefficient,
    mode: "itemwise",
  };
}

/**
 * Comparison mode: each sampled target item meets a random item of each other benchmark, judged
 * in both orders. Raw = win share with the target shown first; debiased = mean of both orders,
 * which cancels the judge's preference for a position. Scores are win shares in [0, 1].
 */
async function judgeByComparison(
  options: JudgeServiceOptions,
  aspect: JudgeAspect,
): Promise<JudgeAssessment> {
  const missing = unavailable(options, aspect);
  if (missing) return missing;
  const [target, ...others] = options.benchmarks;
  if (others.length === 0) {
    return {
      judge: options.label,
      target: target?.name ?? "",
      benchmarks: [],
      lengthCoefficient: 0,
      mode: "comparison",
      unavailable: "another benchmark to compare with (--compare) in comparison mode",
    };
  }
  const rng = options.rng.fork(`comparison:${aspect}`);
  const results = [] as JudgeAssessment["benchmarks"];
  let targetFirstWins = 0;
  let bothOrderWins = 0;
  let rated = 0;
  let failures = 0;
  for (const other of others) {
    for (const item of sampled(options, target?.items ?? [], target?.name ?? "")) {
      const opponent = rng.pick(other.items);
      const first = await preference(options, aspect, item, opponent);
      const second = await preference(options, aspect, opponent, item);
      if (first === undefined || second === undefined) {
        failures++;
        continue;
      }
      rated++;
      targetFirstWins += first;
      bothOrderWins += (first + (1 - second)) / 2;
    }
    results.push({ name: other.name, raw: Number.NaN, debiased: Number.NaN, rated: 0, failed: 0 });
  }
  results.unshift({
    name: target?.name ?? "",
    raw: rated ? targetFirstWins / rated : Number.NaN,
    debiased: rated ? bothOrderWins / rated : Number.NaN,
    rated,
    failed: failures,
  });
  return {
    judge: options.label,
    target: target?.name ?? "",
    benchmarks: results,
    lengthCoefficient: 0,
    mode: "comparison",
  };
}

/** 1 when the first item wins, 0 when the second does, 0.5 for a tie; undefined when unreadable. */
async function preference(
  options: JudgeServiceOptions,
  aspect: JudgeAspect,
  first: Item,
  second: Item,
): Promise<number | undefined> {
  const pair = { first: renderItem(first), second: renderItem(second) };
  const result = await generateObject({
    model: options.model,
    schema: ComparisonVerdict,
    system: AUDIT_PROMPTS.judgeSystem,
    prompt:
      aspect === "faithfulness"
        ? fillAuditPrompt("faithfulnessComparison", pair)
        : fillAuditPrompt("alignmentComparison", { ...pair, demand: options.demand ?? "" }),
    temperature: 0,
  });
  if (!result.success) return undefined;
  const better = result.value.object.better;
  return better === 1 ? 1 : better === 2 ? 0 : 0.5;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
