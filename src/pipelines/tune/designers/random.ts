import type { PendingProposal } from "../history.js";
import { randomParams } from "../param-space.js";
import type { Designer, DesignerInput } from "./designer.js";

/** Baseline: uniform random params every iteration; the loop keeps the best one. */
export const randomDesigner: Designer = {
  id: "random",
  description: "baseline: random search over the declared ranges, pick the best",
  usesFeedback: false,
  needsModel: false,
  singleProposal: false,
  stopsWhenConfirmed: true,
  async propose(input: DesignerInput): Promise<PendingProposal> {
    return {
      designer: "random",
      params: randomParams(input.specs, input.rng),
      rationale: "uniform random draw",
    };
  },
};
