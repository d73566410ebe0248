import type { Item } from "../../core/item.js";

/** Why a step turned a candidate down: the reason stored with the attempt, and the numbers behind it. */
export interface StepRejection {
  /** "<code>: <detail>"; the code (text before the first ":") is what the run summary counts. */
  reason: string;
  /** Extra fields stored with the rejected attempt's record. */
  details: Record<string, unknown>;
}

/** What one attempt at a slot ends with: a candidate item for the redundancy filter, or a rejection. */
export type AttemptOutcome =
  | { kind: "candidate"; item: Item }
  | { kind: "rejected"; reason: string; record: Record<string, unknown> };

/** The rejected outcome of a step's rejection; `record` is what the attempt knew when it stopped. */
export function rejectedBy(rejection: StepRejection, record: Record<string, unknown>): AttemptOutcome {
  return { kind: "rejected", reason: rejection.reason, record: { ...record, ...rejection.details } };
}
