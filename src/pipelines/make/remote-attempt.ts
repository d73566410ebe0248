import { z } from "zod";
import { type Item, ItemSchema } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { createRng } from "../../core/rng.js";
import type { AttemptOutcome } from "./attempt-outcome.js";
import { CallLedger, type CallTally } from "./call-ledger.js";
import { makeAttempt } from "./make-attempt.js";
import { type MakeOptions, resolveMakeOptions } from "./options.js";
import type { MakeSpec } from "./spec.js";

/** The random stream of one attempt: fixed by (slot, attempt), so a worker draws what this process would. */
export function attemptStream(slot: number, attempt: number): string {
  return `make/slot-${slot}/attempt-${attempt}`;
}

/** Everything one attempt needs besides the generator model, as a queue unit carries it. */
export interface MakeAttemptRequest {
  runId: string;
  /** The run's numeric seed (`context.rng.seed`): the attempt's stream is forked from it. */
  seed: number;
  options: MakeOptions;
  spec: MakeSpec;
  slot: number;
  attempt: number;
  /** The slot's committed view: the accepted items it may draw references from, in slot order. */
  accepted: readonly Item[];
  referenceUses: Readonly<Record<string, number>>;
  signal: AbortSignal | undefined;
}

/** How an attempt run elsewhere ended, and the calls it made by step (for the run's ledger). */
export interface MakeAttemptResult {
  outcome: AttemptOutcome;
  calls: Record<string, CallTally>;
}

/** Where make's attempts run when not in this process (`make --queue`). */
export interface MakeAttemptRunner {
  runMakeAttempt(request: MakeAttemptRequest): Promise<MakeAttemptResult>;
}

const CallTallySchema = z.object({
  responses: z.number(),
  cached: z.number(),
  requests: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number().optional(),
});

/** A stored attempt result as the worker commits it (JSON drops an unknown cost's `undefined`). */
export const MakeAttemptResultSchema = z.object({
  outcome: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("candidate"), item: ItemSchema }),
    z.object({ kind: z.literal("rejected"), reason: z.string(), record: z.record(z.string(), z.unknown()) }),
  ]),
  calls: z.record(z.string(), CallTallySchema),
});

/** The stored result back, an absent cost read as unknown (as the ledger had it). */
export function makeAttemptResultOf(stored: z.infer<typeof MakeAttemptResultSchema>): MakeAttemptResult {
  const calls: Record<string, CallTally> = {};
  for (const [step, tally] of Object.entries(stored.calls))
    calls[step] = { ...tally, costUsd: tally.costUsd };
  return { outcome: stored.outcome as AttemptOutcome, calls };
}

/**
 * One attempt as a queue worker runs it: the same makeAttempt, options and stream as in-process, with
 * its own ledger whose tallies go back to the coordinator.
 */
export async function runMakeAttemptWith(
  request: Omit<MakeAttemptRequest, "signal">,
  generator: LanguageModel,
): Promise<MakeAttemptResult> {
  const ledger = new CallLedger();
  const outcome = await makeAttempt({
    options: resolveMakeOptions(request.options),
    spec: request.spec,
    generator,
    ledger,
    runId: request.runId,
    slot: request.slot,
    attempt: request.attempt,
    rng: createRng(request.seed).fork(attemptStream(request.slot, request.attempt)),
    accepted: request.accepted,
    referenceUses: request.referenceUses,
  });
  return { outcome, calls: ledger.byStep() };
}
