import { type Item, ItemSchema, letterFor } from "../../core/item.js";
import { createRng } from "../../core/rng.js";
import { pickDistractors } from "./check-draft.js";
import type { Draft } from "./draft.js";
import type { Description } from "./state.js";

/**
 * An accepted draft as a benchmark item. MCQ options are the answer and its distractors in an order
 * drawn from the seed and the item id (so re-runs agree). The metadata is the item's provenance:
 * description, source, passage id and span or the programs, and every check it passed.
 */
export function buildItem(options: {
  draft: Draft;
  id: string;
  description: Description;
  format: "open" | "mcq";
  source: string;
  writer: string;
  checks: readonly string[];
  seed: number;
}): Item {
  const { draft, description } = options;
  const base = {
    id: options.id,
    question: draft.question,
    category: description.description,
    metadata: {
      description: description.description,
      descriptionId: description.id,
      source: options.source,
      ...(draft.passageId === undefined ? {} : { passageIds: [draft.passageId], support: draft.support }),
      ...(draft.programs === undefined ? {} : { programs: draft.programs }),
      checks: [...options.checks],
    },
    provenance: { pipeline: "discover", step: "write", model: options.writer, seed: options.seed },
  };
  if (options.format === "open") return ItemSchema.parse({ ...base, format: "open", answer: draft.answer });
  const shuffled = createRng(`${options.seed}:${options.id}`).shuffle([
    draft.answer,
    ...pickDistractors(draft),
  ]);
  return ItemSchema.parse({
    ...base,
    format: "mcq",
    options: shuffled,
    answer: letterFor(shuffled.indexOf(draft.answer)),
    metadata: { ...base.metadata, referenceAnswer: draft.answer },
  });
}
