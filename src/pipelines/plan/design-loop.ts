import type { Logger } from "../../core/context.js";
import type { LanguageModel } from "../../core/language-model.js";
import type { CardIndex, DatasetCard } from "../../sources/dataset-cards/index.js";
import type { Redesign } from "./allocate-plan.js";
import { PLAN_KEYS, type PlanCheckpoints } from "./checkpoint.js";
import { type DesignRound, DesignRoundSchema, designSubtasks } from "./design-subtasks.js";
import { type GroundedSubtask, type Grounding, GroundingSchema, groundSubtask } from "./ground-subtask.js";
import type { Scoring, Subtask } from "./plan-document.js";
import { PlanDecompositionError } from "./plan-errors.js";

export interface DesignLoopOptions {
  checkpoints: PlanCheckpoints;
  planner: LanguageModel;
  query: string;
  maxSubtasks: number;
  cards: readonly DatasetCard[];
  index: CardIndex;
  candidates: number;
  scoring: Scoring;
  fromScratch: "auto" | "never" | "only";
  rounds: number;
  log: Logger;
  signal?: AbortSignal | undefined;
}

/** One design call and the grounding of its subtasks, each stored under its round's keys. */
async function designRound(
  options: DesignLoopOptions,
  round: string,
  previous: readonly Subtask[] | undefined,
  feedback: readonly string[],
): Promise<{ design: DesignRound; grounded: GroundedSubtask[] }> {
  const design = await options.checkpoints.once(PLAN_KEYS.design(round), DesignRoundSchema, () =>
    designSubtasks({ ...options, model: options.planner, previous, feedback }),
  );
  const grounded: GroundedSubtask[] = [];
  for (const [index, subtask] of design.subtasks.slice(0, options.maxSubtasks).entries()) {
    const grounding: Grounding =
      options.fromScratch === "only"
        ? { kept: [], dropped: [], problem: "every item is written from scratch", responses: 0 }
        : await options.checkpoints.once(PLAN_KEYS.grounding(round, index), GroundingSchema, () =>
            groundSubtask({ ...options, model: options.planner, subtask }),
          );
    grounded.push({ subtask, grounding });
  }
  return { design, grounded };
}

/** Feedback for the next design round: checklist failures, and (fromScratch "never") ungrounded subtasks. */
function feedbackOf(
  design: DesignRound,
  grounded: readonly GroundedSubtask[],
  options: DesignLoopOptions,
): string[] {
  const unsourced =
    options.fromScratch !== "never"
      ? []
      : grounded
          .filter((entry) => entry.grounding.kept.length === 0)
          .map(
            (entry) =>
              `subtask "${entry.subtask.name}": no dataset fits it (${entry.grounding.problem ?? entry.grounding.dropped.map((drop) => `${drop.card}: ${drop.reason}`).join("; ")}); revise it so an existing dataset can serve it, or drop it`,
          );
  return [...design.failures, ...unsourced];
}

/**
 * The design agent and the grounding agent in turn, at most `rounds` times: each round designs (or
 * revises on feedback) and grounds every subtask; it stops once the checklist holds and, with
 * fromScratch "never", every subtask has a source. A first design that is unusable or declared
 * impossible is a PlanDecompositionError (exit 2, with the reason).
 */
export async function designAndGround(options: DesignLoopOptions): Promise<GroundedSubtask[]> {
  let accepted: GroundedSubtask[] | undefined;
  let feedback: string[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const { design, grounded } = await designRound(
      options,
      String(round),
      accepted?.map((entry) => entry.subtask),
      feedback,
    );
    const problem =
      design.problem ??
      design.cannotDecompose ??
      (design.subtasks.length === 0 ? "the design agent proposed no subtask" : undefined);
    if (problem !== undefined) {
      if (accepted === undefined) throw new PlanDecompositionError(problem);
      options.log.warn(`design round ${round}: ${problem}; keeping the round ${round - 1} design`);
      break;
    }
    accepted = grounded;
    feedback = feedbackOf(design, grounded, options);
    options.log.info(
      `design round ${round}: ${grounded.length} subtasks, ${feedback.length} checklist/grounding problems`,
    );
    if (feedback.length === 0) break;
  }
  const result = (accepted ?? []).filter(
    (entry) => options.fromScratch !== "never" || entry.grounding.kept.length > 0,
  );
  for (const entry of accepted ?? [])
    if (!result.includes(entry))
      options.log.warn(
        `subtask "${entry.subtask.name}" dropped: no dataset fits it and --from-scratch is never`,
      );
  if (result.length === 0)
    throw new PlanDecompositionError(
      "no subtask can be built from the datasets",
      "add --datasets that fit the query, or allow --from-scratch auto",
    );
  return result;
}

/** Back to design for subtasks short of rows (allocation rounds): revised subtasks are matched by name, then by position. */
export function createRedesign(options: DesignLoopOptions, current: () => readonly Subtask[]): Redesign {
  return async (short, round) => {
    const feedback = short.map(
      ({ subtask, detail }) =>
        `subtask "${subtask.name}": ${detail}; broaden it so more rows of the datasets fit, or replace it`,
    );
    const { design, grounded } = await designRound(options, `allocation-${round}`, current(), feedback);
    if (design.problem !== undefined || grounded.length === 0) return short.map(() => undefined);
    const known = new Set(current().map((subtask) => subtask.name));
    const fresh = grounded.filter((entry) => !known.has(entry.subtask.name));
    return short.map(
      ({ subtask }, position) =>
        grounded.find((entry) => entry.subtask.name === subtask.name) ?? fresh[position],
    );
  };
}
