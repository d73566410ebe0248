import { CHECKPOINT_KEYS } from "./checkpoint.js";
import { describeDesiderata, formatTrajectory } from "./describe-result.js";
import type { DiscoverEnv } from "./discover-env.js";
import { proposeDescriptions } from "./propose-descriptions.js";
import { type DescriptionResult, type ProposalStep, ProposalStepSchema } from "./state.js";

/**
 * The proposals of one iteration, stored before anything is written for them. Adaptive: the proposer
 * sees the whole trajectory so far. `--no-adaptive` (AutoBencher's ablation): one blind call asks
 * for every iteration's proposals at once, and iteration i explores its share of them.
 */
export async function nextProposals(options: {
  env: DiscoverEnv;
  iteration: number;
  explored: readonly DescriptionResult[];
}): Promise<ProposalStep> {
  const { env, iteration } = options;
  const { proposals, iterations, domain, seed, adaptive } = env.options;
  const common = {
    proposer: env.proposer,
    domain,
    desiderata: describeDesiderata(env.options, env.weights),
    perIteration: proposals,
    signal: env.signal,
  };
  if (adaptive) {
    return env.checkpoints.once(CHECKPOINT_KEYS.proposals(iteration), ProposalStepSchema, () =>
      proposeDescriptions({
        ...common,
        trajectory: formatTrajectory(options.explored, env.options.candidates),
        count: proposals,
        earlier: options.explored,
        firstIteration: iteration,
        seed: seed + iteration,
      }),
    );
  }
  const all = await env.checkpoints.once(CHECKPOINT_KEYS.allProposals(), ProposalStepSchema, () =>
    proposeDescriptions({
      ...common,
      trajectory: undefined,
      count: proposals * iterations,
      earlier: [],
      firstIteration: 0,
      seed,
    }),
  );
  const mine = all.descriptions.filter((description) => description.iteration === iteration);
  if (iteration > 0) return { descriptions: mine, rejected: [] };
  return {
    descriptions: mine,
    rejected: all.rejected,
    ...(all.failure === undefined ? {} : { failure: all.failure }),
  };
}
