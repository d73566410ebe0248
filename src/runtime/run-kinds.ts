import type { z } from "zod";
import { AuditRunSpecSchema } from "../audit/run-spec.js";
import { StoredDataError } from "../core/errors.js";
import type { RunRecord } from "../core/store-spec.js";
import { EvalRunSpecSchema } from "../evaluate/run-spec.js";
import { DiscoverRunSpecSchema } from "../pipelines/discover/run-spec.js";
import { MakeRunSpecSchema } from "../pipelines/make/run-spec.js";
import { PlanRunSpecSchema } from "../pipelines/plan/run-spec.js";
import { TuneRunSpecSchema } from "../pipelines/tune/run-spec.js";

interface RunKindEntry<Spec extends z.ZodType> {
  description: string;
  /** Parses the stored spec; the envelope fields (seed, budget, provenance) are not part of it. */
  spec: Spec;
  /** The assessment demand a run of this kind was made for, if it has one (audit's alignment). */
  demandOf(spec: z.infer<Spec>): string | undefined;
}

const defineRunKind = <Spec extends z.ZodType>(entry: RunKindEntry<Spec>) => entry;

/** Every kind of run the store holds, with the schema its spec is written and read with. */
export const RUN_KINDS = {
  make: defineRunKind({
    description: "BenchMaker generation from a demand",
    spec: MakeRunSpecSchema,
    demandOf: (spec) => spec.options.demand,
  }),
  tune: defineRunKind({
    description: "BeTaL template tuning",
    spec: TuneRunSpecSchema,
    demandOf: () => undefined,
  }),
  discover: defineRunKind({
    description: "AutoBencher search for difficult, novel, salient dataset descriptions",
    spec: DiscoverRunSpecSchema,
    demandOf: (spec) => spec.domain,
  }),
  plan: defineRunKind({
    description: "Benchmark Agent plan and execution over the user's datasets",
    spec: PlanRunSpecSchema,
    demandOf: (spec) => spec.query,
  }),
  eval: defineRunKind({
    description: "models evaluated on a benchmark",
    spec: EvalRunSpecSchema,
    demandOf: () => undefined,
  }),
  audit: defineRunKind({
    description: "the ten quality criteria of a benchmark",
    spec: AuditRunSpecSchema,
    demandOf: (spec) => spec.demand,
  }),
} as const;

export type RunKind = keyof typeof RUN_KINDS;
export type RunSpecOf<Kind extends RunKind> = z.infer<(typeof RUN_KINDS)[Kind]["spec"]>;

export function isRunKind(kind: string): kind is RunKind {
  return Object.hasOwn(RUN_KINDS, kind);
}

/** A stored run's spec, parsed with its kind's schema; one clear StoredDataError when it does not parse. */
export function parseRunSpec<Kind extends RunKind>(kind: Kind, run: RunRecord): RunSpecOf<Kind> {
  const parsed = RUN_KINDS[kind].spec.safeParse(run.spec);
  if (!parsed.success) {
    throw new StoredDataError(
      `the spec of ${run.kind} run ${run.id}`,
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  }
  return parsed.data as RunSpecOf<Kind>;
}

/** The demand a stored run was made for, through its kind's own accessor (undefined for unknown kinds). */
export function demandOfRun(run: RunRecord): string | undefined {
  if (!isRunKind(run.kind)) return undefined;
  const entry: RunKindEntry<z.ZodType> = RUN_KINDS[run.kind];
  return entry.demandOf(parseRunSpec(run.kind, run));
}
