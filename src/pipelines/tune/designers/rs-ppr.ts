import type { Rng } from "../../../core/rng.js";
import type { HistoryEntry, PendingProposal } from "../history.js";
import { randomParams } from "../param-space.js";
import type { Designer, DesignerInput } from "./designer.js";
import { unseenNeighbour } from "./perturb-params.js";

/** Share of iterations (after the first) that replay a measured setting instead of sampling anew. */
const REPLAY_PROBABILITY = 0.5;
/** Rank-priority temperature: weight (1/rank)^(1/T); at 0.3 the closest setting is picked ~88% of the time. */
const PRIORITY_TEMPERATURE = 0.3;
/** Replay step, as a share of each parameter's range. */
const REPLAY_STEP = 0.15;

/** A measured setting with its replay probability. */
export interface ReplayCandidate {
  entry: HistoryEntry;
  /** |pooled accuracy - target|. */
  gap: number;
  /** 1 = closest to the target. */
  rank: number;
  probability: number;
}

/**
 * Rank-based priorities over the history by closeness to the target (ties: larger sample, then
 * earlier iteration): weight (1/rank)^(1/temperature), normalised to probabilities.
 */
export function replayPriorities(
  history: readonly HistoryEntry[],
  target: number,
  temperature = PRIORITY_TEMPERATURE,
): ReplayCandidate[] {
  const ranked = history
    .map((entry) => ({ entry, gap: Math.abs(entry.pooled.accuracy - target) }))
    .sort(
      (a, b) =>
        a.gap - b.gap || b.entry.pooled.total - a.entry.pooled.total || a.entry.iteration - b.entry.iteration,
    );
  const weights = ranked.map((_, index) => (1 / (index + 1)) ** (1 / temperature));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return ranked.map((candidate, index) => ({
    ...candidate,
    rank: index + 1,
    probability: (weights[index] as number) / total,
  }));
}

function drawCandidate(candidates: readonly ReplayCandidate[], rng: Rng): ReplayCandidate {
  let remaining = rng.next();
  for (const candidate of candidates) {
    remaining -= candidate.probability;
    if (remaining < 0) return candidate;
  }
  return candidates.at(-1) as ReplayCandidate;
}

/**
 * RS+PPR, BeTaL's main baseline, as we read it: random sampling plus prioritized parameter replay
 * in the manner of Prioritized Level Replay (Jiang et al. 2021), with closeness to the target as the
 * score (the paper names the baseline; the replay rate, priority and step below are our choices). Each
 * iteration either samples uniformly in the declared ranges (always at first, then half the time) or
 * replays a measured setting drawn by rank priority, perturbed to an unmeasured
 * neighbour (an identical replay would only re-measure a setting the loop already scored). It reads the
 * history's scores but not their direction: it never infers which way is harder. PLR's staleness
 * term is left out: ten iterations leave little to go stale.
 */
export const rsPprDesigner: Designer = {
  id: "rs-ppr",
  description:
    "baseline (BeTaL's main): random sampling with prioritized parameter replay: half the iterations perturb a measured setting picked by closeness to the target",
  usesFeedback: true,
  needsModel: false,
  singleProposal: false,
  stopsWhenConfirmed: true,
  async propose(input: DesignerInput): Promise<PendingProposal> {
    const { specs, history, rng } = input;
    const explore = (why: string): PendingProposal => ({
      designer: "rs-ppr",
      params: randomParams(specs, rng),
      rationale: `random sample (${why})`,
    });
    if (history.length === 0) return explore("no measurements to replay yet");
    if (rng.next() >= REPLAY_PROBABILITY) return explore("exploration draw");
    const chosen = drawCandidate(replayPriorities(history, input.target), rng);
    const params = unseenNeighbour({
      specs,
      params: chosen.entry.params,
      measured: history.map((entry) => entry.params),
      rng,
      scale: REPLAY_STEP,
    });
    if (params === undefined)
      return explore(`every neighbour of iteration ${chosen.entry.iteration + 1} was measured`);
    return {
      designer: "rs-ppr",
      params,
      rationale: `replay of iteration ${chosen.entry.iteration + 1} (|gap| ${chosen.gap.toFixed(3)}, rank ${chosen.rank}, p ${chosen.probability.toFixed(2)}), perturbed`,
    };
  },
};
