import type { PendingProposal } from "../history.js";
import { randomParams } from "../param-space.js";
import type { Designer, DesignerInput } from "./designer.js";
import { proposeWithModel } from "./llm.js";

async function randomDraw(input: DesignerInput): Promise<PendingProposal> {
  return {
    designer: "best-of-n",
    params: randomParams(input.specs, input.rng),
    rationale: `proposal ${input.iteration + 1} of ${input.maxIters}: uniform random draw`,
  };
}

/**
 * Best-of-N baseline: N = max-iters proposals made without feedback, every one measured (no early
 * stop), the closest kept. With a model these are N independent designer samples at the designer
 * temperature, none seeing a measurement (the paper's reading); without one, N uniform draws.
 */
export const bestOfNDesigner: Designer = {
  id: "best-of-n",
  description:
    "baseline: N = --max-iters proposals without feedback (LLM samples if a model is given, else uniform draws), all measured, the closest kept",
  usesFeedback: false,
  needsModel: false,
  singleProposal: false,
  stopsWhenConfirmed: false,
  propose: (input) =>
    input.model
      ? proposeWithModel(input, { withHistory: false, id: "best-of-n", fallback: randomDraw })
      : randomDraw(input),
};
