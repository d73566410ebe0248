import type { Item } from "../../core/item.js";
import type { Rng } from "../../core/rng.js";
import { assignAttributes } from "./assign-attributes.js";
import { combinationSpace } from "./difficulty-combinations.js";
import type { ResolvedMakeOptions } from "./options.js";
import { type PickedStrategy, pickStrategy } from "./pick-strategy.js";
import { selectReferences } from "./select-references.js";
import type { MakeSpec } from "./spec.js";

/** What one attempt's generation prompt is built from, beside the spec. */
export interface AttemptPlan {
  /** Step 2b: one value per attribute (empty with `--no-attr`). */
  attributes: Record<string, string>;
  /** Step 3b: the difficulty combination of this slot's bin (none with `--no-strategies`). */
  strategy: PickedStrategy | undefined;
  /** Step 4: the reference items shown (none with `--no-diffusion`). */
  references: Item[];
  /** t_i of each reference shown (times it had been shown before), in `references` order. */
  referenceUses: number[];
}

/**
 * Steps 2b, 3b and 4 of one attempt, each drawn from its own fork of the attempt's stream, so
 * switching one component off leaves the others' draws unchanged. Pure.
 */
export function planAttempt(input: {
  options: ResolvedMakeOptions;
  spec: MakeSpec;
  slot: number;
  accepted: readonly Item[];
  /** t_i per item id, from the slot's committed view and its earlier attempts. */
  uses: Readonly<Record<string, number>>;
  rng: Rng;
}): AttemptPlan {
  const { options, spec, rng } = input;
  const references = options.diffusion
    ? selectReferences({
        accepted: input.accepted,
        uses: input.uses,
        references: options.references,
        rng: rng.fork("references"),
      })
    : [];
  return {
    attributes: options.attributes ? assignAttributes(spec.attributes ?? [], rng.fork("attributes")) : {},
    strategy: options.strategies
      ? pickStrategy({
          space: combinationSpace(spec.strategies ?? []),
          slot: input.slot,
          count: options.count,
          bins: options.difficultyLevels,
          rng: rng.fork("strategy"),
        })
      : undefined,
    references,
    referenceUses: references.map((item) => input.uses[item.id] ?? 0),
  };
}
