import type { Logger } from "../../core/context.js";
import type { LanguageModel } from "../../core/language-model.js";
import { buildCardIndex, type DatasetCard } from "../../sources/dataset-cards/index.js";
import { allocatePlan } from "./allocate-plan.js";
import { checkPlan } from "./check-plan.js";
import { PLAN_KEYS, type PlanCheckpoints } from "./checkpoint.js";
import { createRedesign, type DesignLoopOptions, designAndGround } from "./design-loop.js";
import type { ResolvedPlanOptions } from "./options.js";
import { type PlanDocument, PlanDocumentSchema } from "./plan-document.js";
import { scoreFormula } from "./score-source.js";

/**
 * The planner: design <-> grounding rounds, then allocation with diagnosis; or the given plan,
 * checked against the cards. Stored once (a resumed run reads it and plans nothing again).
 */
export async function buildPlan(options: {
  resolved: ResolvedPlanOptions;
  cards: readonly DatasetCard[];
  checkpoints: PlanCheckpoints;
  planner: LanguageModel;
  log: Logger;
  signal?: AbortSignal | undefined;
}): Promise<PlanDocument> {
  const { resolved, cards } = options;
  return options.checkpoints.once(PLAN_KEYS.plan(), PlanDocumentSchema, async () => {
    if (resolved.plan !== undefined)
      return checkPlan({
        plan: resolved.plan,
        cards,
        fromScratch: resolved.fromScratch,
        capShare: resolved.sourceCap,
      });
    const loop: DesignLoopOptions = {
      checkpoints: options.checkpoints,
      planner: options.planner,
      query: resolved.query,
      maxSubtasks: resolved.maxSubtasks,
      cards,
      index: buildCardIndex(cards),
      candidates: resolved.candidates,
      scoring: resolved.scoring,
      fromScratch: resolved.fromScratch,
      rounds: resolved.designRounds,
      log: options.log,
      signal: options.signal,
    };
    const grounded = await designAndGround(loop);
    const allocation = await allocatePlan({
      subtasks: grounded,
      size: resolved.size,
      cards: new Map(cards.map((card) => [card.id, card])),
      capShare: resolved.sourceCap,
      fromScratch: resolved.fromScratch,
      rounds: resolved.allocationRounds,
      redesign:
        resolved.fromScratch === "never"
          ? createRedesign(loop, () => grounded.map((entry) => entry.subtask))
          : undefined,
    });
    const notes = grounded
      .filter((entry) => entry.grounding.kept.length === 0 && resolved.fromScratch !== "never")
      .map(
        (entry) =>
          `subtask "${entry.subtask.name}": no source kept (${entry.grounding.problem ?? "every candidate scored below the threshold"}); its items are written from scratch`,
      );
    return {
      version: 1 as const,
      query: resolved.query,
      size: resolved.size,
      scoring: resolved.scoring,
      formula: scoreFormula(resolved.scoring),
      subtasks: allocation.subtasks,
      diagnoses: allocation.diagnoses,
      notes,
    };
  });
}
