import { z } from "zod";
import { UserInputError } from "../core/errors.js";
import type { RunRecord, RunStatus, RunStore } from "../core/store-spec.js";
import { resolveTemplate } from "../pipelines/tune/load-template.js";
import type { TuneTemplate } from "../pipelines/tune/template.js";
import type { ModelResolvers } from "../runtime/model-resolver.js";
import { redactStoreLocation } from "../store/postgres-url.js";
import { answerKeyOf, answerTask } from "./answer-unit.js";
import { rememberAsync } from "./bounded-map.js";
import { DiscoverUnitSchema } from "./discover-unit.js";
import { EvalUnitSchema } from "./eval-unit.js";
import { createKeptUnitRunner } from "./kept-unit.js";
import { MakeAttemptUnitSchema } from "./make-unit.js";
import { PlanCandidateUnitSchema } from "./plan-unit.js";
import { throughStore } from "./store-outage.js";
import { TuneUnitSchema } from "./tune-unit.js";

/** Every kind of unit a worker runs, told apart by `kind`. */
const QueuedUnitSchema = z.discriminatedUnion("kind", [
  EvalUnitSchema,
  TuneUnitSchema,
  DiscoverUnitSchema,
  MakeAttemptUnitSchema,
  PlanCandidateUnitSchema,
]);
type QueuedUnit = z.infer<typeof QueuedUnitSchema>;

/** What the worker knows about a job besides its payload. */
export interface UnitDelivery {
  data: unknown;
  signal: AbortSignal | undefined;
}

/**
 * How a unit ended: committed now, already in the store, or skipped because its run is no longer
 * running (stopped by Ctrl-C, failed): in the last two, nothing was called and nothing written.
 */
export type UnitOutcome =
  /** `correct` for an answer task; absent for a make attempt or plan candidate. */
  | { status: "committed"; correct?: boolean }
  | { status: "already-stored" }
  | { status: "skipped"; runStatus: RunStatus };

/** How long a worker trusts a run's status before reading it again. */
const RUN_SNAPSHOT_TTL_MS = 1000;

export interface UnitProcessor {
  process(delivery: UnitDelivery): Promise<UnitOutcome>;
}

/**
 * Runs every kind of unit against the worker's own store and provider layer: the run must exist in this store
 * (else the worker points at another store than the coordinator), models are resolved per run exactly
 * as in-process (cache -> budget -> retry -> rate limit -> provider, calls recorded under the run), and
 * the outcome is committed under the unit's key (an answer's (run, model, item), a make attempt's or plan
 * candidate's run_state key), so a unit run twice is stored once.
 */
export function createUnitProcessor(options: {
  store: RunStore;
  storeLocation: string;
  /** `batchSamples: false`: a make run's `--no-batch-samples`, each sample its own request as in-process. */
  resolversFor: (runId: string, variant: { batchSamples: boolean }) => ModelResolvers;
}): UnitProcessor {
  const { store } = options;
  // Loaded once per reference; a failed load is not remembered (the file may be fixed meanwhile).
  const templateOf: (reference: string) => Promise<TuneTemplate> = rememberAsync(resolveTemplate);
  const resolversByKey = rememberAsync(async (key) => {
    const [variant, runId = ""] = key.split("\u0000");
    return options.resolversFor(runId, { batchSamples: variant === "batched" });
  });
  const resolversOf = (runId: string, batchSamples = true): Promise<ModelResolvers> =>
    resolversByKey(`${batchSamples ? "batched" : "unbatched"}\u0000${runId}`);
  const kept = createKeptUnitRunner({ store, storeLocation: options.storeLocation, resolversOf });
  // Read at most once a second per run, so a stopped run's thousands of waiting units cost one read each.
  const runOf = rememberAsync(
    async (runId): Promise<RunRecord> => {
      const found = await throughStore(() => store.getRun(runId));
      if (found === undefined)
        throw new UserInputError(
          `run ${runId} is not in this worker's store ${redactStoreLocation(options.storeLocation)}`,
          "start `benchsmith worker` with the coordinator's --store (a shared SQLite file or postgres:// URL)",
        );
      return found;
    },
    { ttlMs: RUN_SNAPSHOT_TTL_MS },
  );

  return {
    async process({ data, signal }) {
      const parsed = QueuedUnitSchema.safeParse(data);
      if (!parsed.success)
        throw new UserInputError(
          `a queued unit does not match this benchsmith version: ${parsed.error.issues[0]?.message ?? "invalid"}`,
          "run the same benchsmith version on the coordinator and every worker",
        );
      const unit: QueuedUnit = parsed.data;
      const run = await runOf(unit.runId);
      if (run.status !== "running") return { status: "skipped", runStatus: run.status };
      if (unit.kind === "make-attempt" || unit.kind === "plan-candidate") {
        const parent = run.spec.parentRun;
        const account =
          typeof parent === "string" ? { runId: parent, child: true } : { runId: run.id, child: false };
        return (await kept.run(unit, signal, account))
          ? { status: "committed" }
          : { status: "already-stored" };
      }
      const { resolveModel } = await resolversOf(unit.runId);
      // Every unit checks the store first (one keyed lookup): a redelivered one finds what it committed before.
      const found = await throughStore(() => store.getEvaluations(unit.runId, [answerKeyOf(unit)]));
      if (found.length > 0) return { status: "already-stored" };
      const record = await answerTask(unit, resolveModel, templateOf, signal);
      await throughStore(() => store.putEvaluations([record]));
      return { status: "committed", correct: record.correct };
    },
  };
}
