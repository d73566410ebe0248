import type { Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { type ItemOrigin, inspectItem } from "./inspect-item.js";
import type { Subtask } from "./plan-document.js";
import { failuresOf, reasonOf, type Verdict } from "./qc-checks.js";
import { fixItem, planRepairs } from "./repair-item.js";

export interface ControlOutcome {
  status: "accepted" | "rejected";
  /** The item as accepted (repaired, maybe), or the last version that was rejected. */
  item: Item;
  /** The rejection reason, "<check>: <note>". */
  reason: string | undefined;
  /** Every inspection's verdicts, in order (a repaired item has two or more). */
  inspections: Verdict[][];
  /** Checks that failed and were repaired. */
  repaired: string[];
  /** Inspector and fixer responses that succeeded in parsing (the store counts every call). */
  responses: number;
}

/**
 * Quality control of one item: inspect; if only wording or formatting fails, the repair planner
 * lists the repairs, the fixer makes them (never touching the answer) and the repaired item is
 * inspected again, at most `maxFixes` times; anything else is a rejection with its reason.
 */
export async function controlItem(options: {
  item: Item;
  subtask: Subtask;
  origin: ItemOrigin;
  verifier: LanguageModel;
  executor: LanguageModel;
  maxFixes: number;
  signal?: AbortSignal | undefined;
}): Promise<ControlOutcome> {
  let item = options.item;
  const inspections: Verdict[][] = [];
  const repaired: string[] = [];
  let responses = 0;
  for (let fixes = 0; ; fixes++) {
    const inspection = await inspectItem({ ...options, item });
    inspections.push(inspection.verdicts);
    responses += inspection.responses;
    const { failures } = failuresOf(inspection.verdicts);
    const first = failures[0];
    if (first === undefined)
      return { status: "accepted", item, reason: undefined, inspections, repaired, responses };
    const repairs = planRepairs(inspection.verdicts);
    if (repairs === undefined || fixes >= options.maxFixes)
      return { status: "rejected", item, reason: reasonOf(first), inspections, repaired, responses };
    const fix = await fixItem({ ...options, item, repairs, subtask: options.subtask.name });
    if (!fix.success) {
      inspections.push([fix.error]);
      return { status: "rejected", item, reason: reasonOf(fix.error), inspections, repaired, responses };
    }
    repaired.push(...failures.map((failure) => failure.check));
    responses += fix.value.responses;
    item = fix.value.item;
  }
}
