import type { PendingProposal } from "../history.js";
import { paramsAtDifficulty } from "../param-space.js";
import type { Designer, DesignerInput } from "./designer.js";
import { proposeWithModel } from "./llm.js";

/** The heuristic single guess d = 1 - target on the schema's easy-to-hard line. */
async function heuristicGuess(input: DesignerInput): Promise<PendingProposal> {
  return {
    designer: "one-shot",
    params: paramsAtDifficulty(input.specs, 1 - input.target),
    rationale: `heuristic: difficulty ${(1 - input.target).toFixed(2)} = 1 - target on the easy-to-hard line`,
  };
}

/**
 * Baseline without feedback: one proposal, measured once. With a model it is the paper's
 * one-shot LLM proposal; without one, the heuristic d = 1 - target on the difficulty line.
 */
export const oneShotDesigner: Designer = {
  id: "one-shot",
  description: "baseline: a single proposal without feedback (LLM if a model is given, else d = 1 - target)",
  usesFeedback: false,
  needsModel: false,
  singleProposal: true,
  stopsWhenConfirmed: true,
  propose: (input) =>
    input.model
      ? proposeWithModel(input, { withHistory: false, id: "one-shot", fallback: heuristicGuess })
      : heuristicGuess(input),
};
