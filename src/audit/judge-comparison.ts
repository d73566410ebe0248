import { z } from "zod";
import type { Item } from "../core/item.js";
import { generateObject } from "../llm/generate.js";
import type { ScaledAssessment } from "../metrics/judge-scale.js";
import type { JudgeAspect } from "../metrics/types.js";
import {
  type JudgeServiceOptions,
  missingInput,
  sampledItems,
  unavailableAssessment,
} from "./judge-options.js";
import { AUDIT_PROMPTS, fillAuditPrompt, renderItem } from "./prompts.js";

const ComparisonVerdict = z.object({ rationale: z.string(), better: z.coerce.number().int().min(0).max(2) });

interface Tally {
  rated: number;
  failed: number;
  /** Wins of the target when shown first (ties 0.5). */
  firstOrder: number;
  /** Wins of the target averaged over both orders (ties 0.5). */
  bothOrders: number;
}

/**
 * Comparison mode: each sampled target item meets a random item of each other benchmark (and of
 * the reference), judged in both orders. Raw = win share with the target shown first; the headline
 * averages both orders, which cancels the judge's preference for a position. Shares are in [0, 1].
 */
export async function judgeByComparison(
  options: JudgeServiceOptions,
  aspect: JudgeAspect,
): Promise<ScaledAssessment> {
  const missing = missingInput(options, aspect);
  if (missing !== undefined) return unavailableAssessment(options, missing);
  const [target, ...others] = options.benchmarks;
  const opponents = [...others, ...(options.reference ? [options.reference] : [])];
  if (target === undefined || opponents.length === 0)
    return unavailableAssessment(
      options,
      "another benchmark to compare with (--compare or --reference-bench) in comparison mode",
    );
  const rng = options.rng.fork(`comparison:${aspect}`);
  const total: Tally = { rated: 0, failed: 0, firstOrder: 0, bothOrders: 0 };
  const byOpponent = new Map<string, Tally>();
  for (const other of opponents) {
    const tally: Tally = { rated: 0, failed: 0, firstOrder: 0, bothOrders: 0 };
    for (const item of sampledItems(options, target)) {
      const opponent = rng.pick(other.items);
      const first = await preference(options, aspect, item, opponent);
      const second = await preference(options, aspect, opponent, item);
      if (first === undefined || second === undefined) {
        tally.failed++;
        continue;
      }
      tally.rated++;
      tally.firstOrder += first;
      tally.bothOrders += (first + (1 - second)) / 2;
    }
    byOpponent.set(other.name, tally);
    for (const key of ["rated", "failed", "firstOrder", "bothOrders"] as const) total[key] += tally[key];
  }
  const share = (tally: Tally, key: "firstOrder" | "bothOrders"): number =>
    tally.rated ? tally[key] / tally.rated : Number.NaN;
  const versusReference = options.reference ? byOpponent.get(options.reference.name) : undefined;
  const referenceShare = versusReference ? share(versusReference, "bothOrders") : Number.NaN;
  return {
    judge: options.label,
    target: target.name,
    benchmarks: [
      {
        name: target.name,
        raw: share(total, "firstOrder"),
        debiased: share(total, "bothOrders"),
        rated: total.rated,
        failed: total.failed,
      },
      // each opponent's own share against the target
      ...opponents.map((other) => {
        const tally = byOpponent.get(other.name) as Tally;
        return {
          name: other.name,
          raw: 1 - share(tally, "firstOrder"),
          debiased: 1 - share(tally, "bothOrders"),
          rated: tally.rated,
          failed: tally.failed,
        };
      }),
    ],
    lengthCoefficient: Number.NaN,
    mode: "comparison",
    scale: "win share (ties 0.5)",
    fit: "both-orders",
    generators: 1 + opponents.length,
    ...(options.reference && Number.isFinite(referenceShare)
      ? {
          reference: {
            name: options.reference.name,
            value: 1 - referenceShare,
            normalised: referenceShare < 1 ? referenceShare / (1 - referenceShare) : undefined,
            rule: "win odds against the reference (share / (1 - share))",
          },
        }
      : {}),
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
