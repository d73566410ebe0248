import { resolve } from "node:path";
import { UserInputError } from "../../core/errors.js";
import type { DatasetCard } from "../../sources/dataset-cards/index.js";
import { allocateSources } from "./allocate-sources.js";
import { chooseTransformation } from "./choose-transformation.js";
import type { PlanDocument, PlannedSource, PlannedSubtask } from "./plan-document.js";
import { segmentsOf, supplyOfSegments } from "./source-segments.js";

/** The card a plan's source names: by id, else by path (a hand-edited plan may give either). */
function cardFor(source: PlannedSource, cards: readonly DatasetCard[]): DatasetCard | undefined {
  return (
    cards.find((card) => card.id === source.card) ??
    cards.find((card) => resolve(card.path) === resolve(source.path))
  );
}

/**
 * A given (hand-edited) plan made runnable against the loaded cards: every source must name a card,
 * its transformation must fit the rows and the subtask (else the one they require), and quotas must
 * sum to the size. A subtask whose allocations and scratch no longer add up to its quota is
 * re-allocated over its sources (noted). Problems are UserInputErrors naming the subtask.
 */
export function checkPlan(options: {
  plan: PlanDocument;
  cards: readonly DatasetCard[];
  fromScratch: "auto" | "never" | "only";
  capShare: number;
}): PlanDocument {
  const { plan } = options;
  const notes = [...plan.notes];
  const total = plan.subtasks.reduce((sum, subtask) => sum + subtask.quota, 0);
  if (total !== plan.size)
    throw new UserInputError(
      `the plan's quotas sum to ${total}, but its size is ${plan.size}`,
      "make the quotas add up to size",
    );
  const subtasks = plan.subtasks.map((subtask): PlannedSubtask => {
    const sources = subtask.sources.map((source) => {
      const card = cardFor(source, options.cards);
      if (card === undefined)
        throw new UserInputError(
          `subtask "${subtask.name}": its source ${source.card} (${source.path}) is not among the datasets read`,
          "pass its file or folder with --datasets",
        );
      const transformation = chooseTransformation({
        rows: card.answerFormat,
        subtask: subtask.answerType,
        proposed: source.transformation,
      });
      if (transformation === undefined)
        throw new UserInputError(`subtask "${subtask.name}": ${card.name} has no answer field to keep`);
      return { ...source, card: card.id, path: card.path, transformation };
    });
    const planned = sources.reduce((sum, source) => sum + source.allocated, 0) + subtask.scratch;
    if (options.fromScratch === "never" && subtask.scratch > 0)
      throw new UserInputError(
        `subtask "${subtask.name}" plans ${subtask.scratch} items from scratch, but --from-scratch is never`,
      );
    if (planned === subtask.quota) return { ...subtask, sources };
    notes.push(
      `subtask "${subtask.name}": allocations re-computed for its quota ${subtask.quota} (they summed to ${planned})`,
    );
    return reallocate({ ...subtask, sources }, options);
  });
  return { ...plan, subtasks, notes };
}

function reallocate(
  subtask: PlannedSubtask,
  options: { cards: readonly DatasetCard[]; fromScratch: string; capShare: number },
): PlannedSubtask {
  const segments = subtask.sources.map((source) =>
    segmentsOf(
      source,
      options.cards.find((card) => card.id === source.card),
    ),
  );
  const [allocation] = allocateSources({
    requests: [
      {
        quota: subtask.quota,
        sources: segments.map((list) => ({ segments: list.map((segment) => segment.key) })),
      },
    ],
    supply: supplyOfSegments(segments.flat()),
    capShare: options.capShare,
  });
  return {
    ...subtask,
    sources: subtask.sources.map((source, index) => ({
      ...source,
      allocated: allocation?.allocated[index] ?? 0,
    })),
    scratch: options.fromScratch === "never" ? 0 : (allocation?.remainder ?? subtask.quota),
  };
}
