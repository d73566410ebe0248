import { z } from "zod";
import type { LanguageModel } from "../../core/language-model.js";
import { fail, ok, type Result } from "../../core/result.js";
import { generateObject } from "../../llm/generate.js";
import { readNumber } from "./lenient-values.js";
import { renderPrompt } from "./prompts.js";
import {
  type Attribute,
  AttributeSchema,
  type DemandDescription,
  DemandDescriptionSchema,
  type DifficultyDimension,
} from "./spec.js";

/**
 * The once-per-run steps (paraphrase, demand expansion, AttrPrompt, difficulty dimensions). A reply
 * that does not parse (after generateObject's repair) is asked for once more as a fresh sample; if
 * that fails too the step fails with the parser's reason: the run stops rather than silently
 * becoming an ablation.
 */
const SETUP_TEMPERATURE = 0.7;
const SETUP_TRIES = 2;

async function generateSetupObject<T>(options: {
  model: LanguageModel;
  schema: z.ZodType<T>;
  schemaName: string;
  prompt: { system: string; prompt: string };
}): Promise<Result<T, string>> {
  let reason = "no reply";
  let rawText: string | undefined;
  for (let tryIndex = 0; tryIndex < SETUP_TRIES; tryIndex++) {
    const result = await generateObject({
      model: options.model,
      schema: options.schema,
      schemaName: options.schemaName,
      temperature: SETUP_TEMPERATURE,
      // A new sample index: the cache must not hand back the reply that just failed.
      ...(tryIndex > 0 ? { sampleIndex: tryIndex } : {}),
      ...options.prompt,
    });
    if (result.success) return ok(result.value.object);
    reason = result.error.message;
    rawText = result.rawText;
  }
  return fail(`the reply did not parse in ${SETUP_TRIES} tries (${reason})`, rawText);
}

/** Step 0 (`--paraphrase-demand`): the generator rewrites the demand (audit robustness criterion). */
export async function paraphraseDemand(options: {
  model: LanguageModel;
  demand: string;
}): Promise<Result<string, string>> {
  const result = await generateSetupObject({
    model: options.model,
    schema: z.object({ paraphrase: z.string().trim().min(1) }),
    schemaName: "paraphrase",
    prompt: renderPrompt("paraphraseDemand", { demand: options.demand }),
  });
  return result.success ? ok(result.value.paraphrase) : result;
}

/** Step 1: Task / Query / Option descriptions from the demand. */
export async function expandDemand(options: {
  model: LanguageModel;
  demand: string;
  optionCount: number;
}): Promise<Result<DemandDescription, string>> {
  return generateSetupObject({
    model: options.model,
    schema: DemandDescriptionSchema,
    schemaName: "demand_description",
    prompt: renderPrompt("expandDemand", { demand: options.demand, optionCount: options.optionCount }),
  });
}

/** Step 2a (AttrPrompt): (attribute, values) pairs, generated once. */
export async function generateAttributes(options: {
  model: LanguageModel;
  demand: string;
  task: string;
}): Promise<Result<Attribute[], string>> {
  const result = await generateSetupObject({
    model: options.model,
    schema: z.object({ attributes: z.array(AttributeSchema).min(1) }),
    schemaName: "attributes",
    prompt: renderPrompt("generateAttributes", { demand: options.demand, task: options.task }),
  });
  return result.success ? ok(result.value.attributes) : result;
}

const DimensionsReplySchema = z.object({
  dimensions: z
    .array(
      z.object({
        name: z.string().trim().min(1),
        values: z
          .array(
            z.object({
              value: z.string().trim().min(1),
              difficulty: z.preprocess(readNumber, z.number().min(1).max(10)),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

/** Step 3a: difficulty dimensions with per-value coefficients, generated once (paper App. J). */
export async function generateStrategies(options: {
  model: LanguageModel;
  demand: string;
  task: string;
}): Promise<Result<DifficultyDimension[], string>> {
  const result = await generateSetupObject({
    model: options.model,
    schema: DimensionsReplySchema,
    schemaName: "difficulty_dimensions",
    prompt: renderPrompt("generateStrategies", { demand: options.demand, task: options.task }),
  });
  return result.success ? ok(result.value.dimensions) : result;
}
