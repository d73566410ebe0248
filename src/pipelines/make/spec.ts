import { z } from "zod";

/** (attribute, values) pairs from AttrPrompt; each item gets one value per attribute. */
export const AttributeSchema = z.object({
  name: z.string().min(1),
  values: z.array(z.string().min(1)).min(1),
});
export type Attribute = z.infer<typeof AttributeSchema>;

/**
 * One dimension of difficulty (paper App. J: e.g. reasoning steps, familiarity, distractor subtlety),
 * its values ordered from easiest to hardest, each with a difficulty coefficient in [1, 10]. An
 * item's difficulty strategy is one value per dimension.
 */
export const DifficultyDimensionSchema = z.object({
  name: z.string().min(1),
  values: z.array(z.object({ value: z.string().min(1), difficulty: z.number().min(1).max(10) })).min(1),
});
export type DifficultyDimension = z.infer<typeof DifficultyDimensionSchema>;

/** The expanded demand (step 1): what the task is, what a query looks like, what the options look like. */
export const DemandDescriptionSchema = z.object({
  task: z.string().min(1),
  query: z.string().min(1),
  options: z.string().min(1),
});
export type DemandDescription = z.infer<typeof DemandDescriptionSchema>;

/**
 * Everything generated once per run before the items: stored in run state, written by
 * `--save-spec`, read back (and possibly hand-edited) by `--spec`.
 */
export const MakeSpecSchema = z.object({
  demand: z.string().min(1),
  /** The generator's rewrite of the demand (`--paraphrase-demand`), used for generation when present. */
  paraphrasedDemand: z.string().min(1).optional(),
  description: DemandDescriptionSchema,
  attributes: z.array(AttributeSchema).optional(),
  /** Difficulty dimensions (`--no-strategies` leaves them out). */
  strategies: z.array(DifficultyDimensionSchema).optional(),
});
export type MakeSpec = z.infer<typeof MakeSpecSchema>;

/**
 * A spec with any part missing (a hand-written `--spec` file); missing parts are generated.
 * Strict: an unknown key is almost always a typo (`atributes:`) that would otherwise be dropped silently.
 */
export const PartialMakeSpecSchema = MakeSpecSchema.partial().strict();

/** The keys a `--spec` file may have. */
export const MAKE_SPEC_KEYS = Object.keys(MakeSpecSchema.shape);
export type PartialMakeSpec = z.infer<typeof PartialMakeSpecSchema>;
