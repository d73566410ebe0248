import {
  type GenerateOptions,
  type GenerateResult,
  identityOf,
  type LanguageModel,
  type ModelMiddleware,
} from "../../core/language-model.js";

/** Calls, tokens and cost of a set of model responses. */
export interface CallTally {
  /** Responses received, cached or not (what the item "cost" to make). */
  responses: number;
  /** Of those, served from the response cache (no provider call this time). */
  cached: number;
  /** Provider requests paid for: the uncached responses, with the samples of one batched request counted once. */
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Sum of known costs; undefined when any response had no known price. */
  costUsd: number | undefined;
}

function emptyTally(): CallTally {
  return { responses: 0, cached: 0, requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

function addTo(tally: CallTally, result: GenerateResult, batchesSeen: Set<string>): void {
  tally.responses += 1;
  if (result.cached === true) tally.cached += 1;
  else if (result.batch === undefined) tally.requests += 1;
  else if (!batchesSeen.has(result.batch.id)) {
    batchesSeen.add(result.batch.id);
    tally.requests += 1;
  }
  tally.inputTokens += result.usage.inputTokens ?? 0;
  tally.outputTokens += result.usage.outputTokens ?? 0;
  tally.costUsd =
    tally.costUsd === undefined || result.costUsd === undefined ? undefined : tally.costUsd + result.costUsd;
}

/**
 * Counts every model response by pipeline step. A child ledger (one per attempt) forwards to its
 * parent (the run), so an item's provenance and the run summary come from the same numbers.
 */
export class CallLedger {
  private readonly steps = new Map<string, CallTally>();
  private readonly totals = emptyTally();
  /** Batched requests already counted, per tally (the samples of one request arrive as several responses). */
  private readonly batchesSeen = new Map<CallTally, Set<string>>();

  constructor(private readonly parent?: CallLedger) {}

  /** Counts one response under `step`, here and in the parent ledger. */
  record(step: string, result: GenerateResult): void {
    addTo(this.totals, result, this.seenBy(this.totals));
    let tally = this.steps.get(step);
    if (tally === undefined) {
      tally = emptyTally();
      this.steps.set(step, tally);
    }
    addTo(tally, result, this.seenBy(tally));
    this.parent?.record(step, result);
  }

  private seenBy(tally: CallTally): Set<string> {
    let seen = this.batchesSeen.get(tally);
    if (seen === undefined) {
      seen = new Set();
      this.batchesSeen.set(tally, seen);
    }
    return seen;
  }

  /** A ledger for one attempt that also counts into this one. */
  child(): CallLedger {
    return new CallLedger(this);
  }

  /** Every response counted so far (a copy). */
  total(): CallTally {
    return { ...this.totals };
  }

  /** The responses counted per step (copies). */
  byStep(): Record<string, CallTally> {
    return Object.fromEntries([...this.steps].map(([step, tally]) => [step, { ...tally }]));
  }

  /** Counts tallies made elsewhere (an attempt a queue worker ran) as if recorded here, and in the parent. */
  absorb(byStep: Readonly<Record<string, CallTally>>): void {
    for (const [step, tally] of Object.entries(byStep)) {
      addTally(this.totals, tally);
      let mine = this.steps.get(step);
      if (mine === undefined) {
        mine = emptyTally();
        this.steps.set(step, mine);
      }
      addTally(mine, tally);
    }
    this.parent?.absorb(byStep);
  }
}

function addTally(into: CallTally, tally: CallTally): void {
  into.responses += tally.responses;
  into.cached += tally.cached;
  into.requests += tally.requests;
  into.inputTokens += tally.inputTokens;
  into.outputTokens += tally.outputTokens;
  into.costUsd =
    into.costUsd === undefined || tally.costUsd === undefined ? undefined : into.costUsd + tally.costUsd;
}

/** Middleware that records every response of the wrapped model in `ledger` under `step`. */
export function ledgerMiddleware(ledger: CallLedger, step: string): ModelMiddleware {
  return (model: LanguageModel): LanguageModel => ({
    ...identityOf(model),
    async doGenerate(request: GenerateOptions): Promise<GenerateResult> {
      const result = await model.doGenerate(request);
      ledger.record(step, result);
      return result;
    },
  });
}
