import { z } from "zod";
import { UserInputError } from "../../../core/errors.js";
import { fillTemplate } from "../../../core/fill-template.js";
import { generateObject } from "../../../llm/generate.js";
import { formatHistory, type PendingProposal } from "../history.js";
import { clampParams, formatParamSpecs, paramsAtDifficulty } from "../param-space.js";
import { DESIGNER_PROMPT, DESIGNER_SYSTEM, ONE_SHOT_HISTORY } from "../prompts.js";
import type { DesignerInput } from "./designer.js";

/**
 * Asks a model for the next params (structured output with one repair attempt), at the run's designer
 * temperature. Output that still does not parse is replaced by `fallback`'s proposal, recorded.
 */
export async function proposeWithModel(
  input: DesignerInput,
  options: {
    /** false: the no-feedback baselines (one-shot, best-of-N) see no measurements. */
    withHistory: boolean;
    id: string;
    fallback: (input: DesignerInput) => Promise<PendingProposal>;
  },
): Promise<PendingProposal> {
  if (!input.model)
    throw new UserInputError(`the ${options.id} designer needs a model`, "pass --designer <provider:model>");
  const model = input.context.resolveModel(input.model);
  const schema = z.object({ params: input.template.paramsSchema, rationale: z.string() });
  const prompt = fillTemplate(DESIGNER_PROMPT, {
    templateName: input.template.name,
    templateDescription: input.template.description,
    paramSpecs: formatParamSpecs(input.specs),
    target: input.target,
    tolerance: input.tolerance,
    iteration: input.iteration + 1,
    maxIters: input.maxIters,
    history: options.withHistory ? formatHistory(input.history) : ONE_SHOT_HISTORY,
  });
  const result = await generateObject({
    model,
    schema,
    schemaName: "design",
    system: DESIGNER_SYSTEM,
    prompt,
    temperature: input.temperature,
    // A seed per iteration: the no-feedback baselines draw a different sample each time.
    seed: input.iteration,
  });
  if (result.success) {
    const backup = paramsAtDifficulty(input.specs, 1 - input.target);
    const params = clampParams(input.specs, result.value.object.params as Record<string, unknown>, backup);
    return { designer: options.id, params, rationale: result.value.object.rationale.slice(0, 500) };
  }
  const replacement = await options.fallback(input);
  return { ...replacement, fallback: `${options.id} designer output unusable: ${result.error.message}` };
}
