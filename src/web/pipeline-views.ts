import {
  type DescriptionResult,
  DISCOVER_DEFAULTS,
  PlanDocumentSchema,
  parseRunSpec,
  type RunRecord,
  type RunStore,
} from "../index.js";
// Not yet exported from src/index.ts (see the report's edit list): discover's checkpoint reader and schemas.
import { CHECKPOINT_KEYS, createCheckpoints } from "../pipelines/discover/checkpoint.js";
import { DescriptionResultSchema, ProposalStepSchema } from "../pipelines/discover/state.js";
import { createPlanCheckpoints, PLAN_KEYS } from "../pipelines/plan/checkpoint.js";
import type { ReportInputs } from "./build-report-data.js";
import type { DiscoverInput } from "./discover-input.js";
import type { PlanInput } from "./plan-input.js";
import { RunInfoSchema } from "./report-data.js";
// Type only: run-views.ts imports this module for RUN_VIEWS, so nothing here may need it at load time.
import type { RunView } from "./run-views.js";
import { acceptedItems, benchmarkItems } from "./stored-items.js";

/**
 * The descriptions a discover run has explored so far, in the order explored, read from its
 * checkpoints: each iteration's proposals (or the one blind proposal of `--no-adaptive`), then
 * each proposed description's result. A running run shows what it has stored.
 */
async function storedTrajectory(store: RunStore, run: RunRecord): Promise<DescriptionResult[]> {
  const spec = parseRunSpec("discover", run);
  const checkpoints = createCheckpoints(store, run.id);
  const all = await checkpoints.read(CHECKPOINT_KEYS.allProposals(), ProposalStepSchema);
  const trajectory: DescriptionResult[] = [];
  for (let iteration = 0; iteration < (spec.iterations ?? DISCOVER_DEFAULTS.iterations); iteration++) {
    const step = await checkpoints.read(CHECKPOINT_KEYS.proposals(iteration), ProposalStepSchema);
    const descriptions = (step ?? all)?.descriptions.filter((entry) => entry.iteration === iteration);
    if (descriptions === undefined) break;
    for (const description of descriptions) {
      const result = await checkpoints.read(CHECKPOINT_KEYS.result(description.id), DescriptionResultSchema);
      if (result) trajectory.push(result);
    }
  }
  return trajectory;
}

/** What every run kind shows: its accepted items, and the run as the store holds it. */
async function runInputs(store: RunStore, run: RunRecord): Promise<ReportInputs & { notes: string[] }> {
  const { items, skipped } = await acceptedItems(store, run.id);
  const notes = skipped > 0 ? [`${skipped} stored items do not parse as items and are not shown`] : [];
  return { title: `${run.kind} run ${run.id}`, items, run: RunInfoSchema.parse(run), notes };
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Discover runs: the trajectory of descriptions with their scores and the winner, and the built benchmark. */
export const discoverRunView: RunView = {
  async inputs(store, run) {
    const spec = parseRunSpec("discover", run);
    const base = await runInputs(store, run);
    const { notes } = base;
    // The benchmark is written when the run ends; its summary names it only then.
    const out = text(run.summary?.out);
    const items = out === undefined ? base.items : await benchmarkItems(out, notes);
    const winner = text(run.summary?.winner);
    const stopReason = text(run.summary?.stopReason);
    const discover: DiscoverInput = {
      domain: spec.domain,
      trajectory: await storedTrajectory(store, run),
      ...(winner === undefined ? {} : { winner }),
      ...(stopReason === undefined ? {} : { stopReason }),
    };
    return { ...base, items, discover };
  },
  // The benchmark file it names once it ends: a persisted viewer summary is rebuilt when that file changes.
  sources: (run) => {
    const out = text(run.summary?.out);
    return out === undefined ? [] : [out];
  },
  async progress(store, run) {
    const spec = parseRunSpec("discover", run);
    const explored = (await storedTrajectory(store, run)).length;
    return `${explored} descriptions explored of ${spec.iterations ?? DISCOVER_DEFAULTS.iterations} iterations`;
  },
};

/** Plan runs: the plan's quotas against what was realized, QC verdicts by reason, and the accepted items. */
export const planRunView: RunView = {
  async inputs(store, run) {
    const base = await runInputs(store, run);
    const plan = await createPlanCheckpoints(store, run.id).read(PLAN_KEYS.plan(), PlanDocumentSchema);
    const { notes } = base;
    if (!plan) notes.push(`no plan stored yet (${run.status}): the plan page appears once the plan is made`);
    const stored = await store.listItems(run.id);
    const candidates = stored.map(({ slot, status, reason }) => ({ slot, status, reason }));
    const planInput: PlanInput | undefined = plan ? { plan, candidates } : undefined;
    return { ...base, ...(planInput ? { plan: planInput } : {}) };
  },
  async progress(store, run) {
    const size = parseRunSpec("plan", run).size;
    const accepted = (await store.listItems(run.id, { status: "accepted" })).length;
    return size === undefined ? `${accepted} items` : `${accepted}/${size} items`;
  },
};
