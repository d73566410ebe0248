import { z } from "zod";
import type { Item } from "../core/item.js";
import { generateObject } from "../llm/generate.js";
import { isDebiased, type ScaledAssessment, VERDICT_LEVELS } from "../metrics/judge-scale.js";
import type { JudgeAspect } from "../metrics/types.js";
import { debiasJudgeScores, type JudgedRow } from "./debias.js";
import {
  type JudgedBenchmark,
  type JudgeServiceOptions,
  mean,
  missingInput,
  sampledItems,
  unavailableAssessment,
  wordCount,
} from "./judge-options.js";
import { AUDIT_PROMPTS, fillAuditPrompt, renderItem } from "./prompts.js";

const [NONE, PARTLY, FULLY] = VERDICT_LEVELS;

/** Rationale first, so the verdict is generated after the reasoning; "0.5" as a string is accepted. */
export const ItemwiseVerdictSchema = z.object({
  rationale: z.string(),
  verdict: z.preprocess(
    (value) => (typeof value === "string" ? Number(value.trim()) : value),
    z.union([z.literal(NONE), z.literal(PARTLY), z.literal(FULLY)]),
  ),
});

interface RatedRow extends JudgedRow {
  benchmark: string;
}

/**
 * Each sampled item is scored alone on the paper's verdict scale (0 / 0.5 / 1). The rows of every
 * benchmark (target, --compare, --reference-bench) go into one length/generator regression; a
 * benchmark mixing generators (item provenance) contributes one group per generator.
 */
export async function judgeItemwise(
  options: JudgeServiceOptions,
  aspect: JudgeAspect,
): Promise<ScaledAssessment> {
  const missing = missingInput(options, aspect);
  if (missing !== undefined) return unavailableAssessment(options, missing);
  const judged = [...options.benchmarks, ...(options.reference ? [options.reference] : [])];
  const rows: RatedRow[] = [];
  const failed = new Map<string, number>();
  for (const benchmark of judged) {
    const groupOf = generatorGroups(benchmark);
    for (const item of sampledItems(options, benchmark)) {
      const result = await generateObject({
        model: options.model,
        schema: ItemwiseVerdictSchema,
        system: AUDIT_PROMPTS.judgeSystem,
        prompt:
          aspect === "faithfulness"
            ? fillAuditPrompt("faithfulnessItemwise", { item: renderItem(item) })
            : fillAuditPrompt("alignmentItemwise", { item: renderItem(item), demand: options.demand ?? "" }),
        temperature: 0,
      });
      if (!result.success) {
        failed.set(benchmark.name, (failed.get(benchmark.name) ?? 0) + 1);
        continue;
      }
      const { verdict, rationale } = result.value.object;
      rows.push({
        benchmark: benchmark.name,
        group: groupOf(item),
        score: verdict,
        judgeLength: wordCount(rationale),
      });
    }
  }
  const fit = debiasJudgeScores(rows);
  const groupValue = new Map(fit.groups.map((group) => [group.name, group.debiased]));
  const entries = judged.map((benchmark) => {
    const own = rows.filter((row) => row.benchmark === benchmark.name);
    return {
      name: benchmark.name,
      raw: mean(own.map((row) => row.score)),
      // a benchmark's debiased score is the mean of its rows' group values (one group per generator)
      debiased: mean(own.map((row) => groupValue.get(row.group) ?? Number.NaN)),
      rated: own.length,
      failed: failed.get(benchmark.name) ?? 0,
    };
  });
  const headline = (entry: (typeof entries)[number] | undefined): number =>
    entry === undefined ? Number.NaN : isDebiased(fit.fit) ? entry.debiased : entry.raw;
  const referenceEntry = options.reference ? entries.at(-1) : undefined;
  const ours = headline(entries[0]);
  const theirs = headline(referenceEntry);
  return {
    judge: options.label,
    target: options.benchmarks[0]?.name ?? "",
    benchmarks: entries,
    lengthCoefficient: fit.lengthCoefficient ?? Number.NaN,
    mode: "itemwise",
    scale: "verdict 0/0.5/1",
    fit: fit.fit,
    generators: fit.groups.length,
    ...(referenceEntry && Number.isFinite(theirs)
      ? {
          reference: {
            name: referenceEntry.name,
            value: theirs,
            normalised: theirs > 0 && Number.isFinite(ours) ? ours / theirs : undefined,
            rule: "ours / reference",
          },
        }
      : {}),
  };
}

/** Group key of an item: its benchmark, split by generator model when the benchmark mixes several. */
function generatorGroups(benchmark: JudgedBenchmark): (item: Item) => string {
  const models = new Set(benchmark.items.map((item) => item.provenance?.model));
  if (models.size < 2) return () => benchmark.name;
  return (item) => `${benchmark.name} · ${item.provenance?.model ?? "unknown generator"}`;
}
