import { createHash } from "node:crypto";
import type { LanguageModel } from "../../core/language-model.js";
import { generateObject } from "../../llm/generate.js";
import { type Candidate, candidateProblem, candidateSchema } from "./candidate.js";
import { formatReference } from "./item-text.js";
import type { PickedStrategy } from "./pick-strategy.js";
import { GENERATE_ITEM_PARTS, renderPrompt, renderTemplate } from "./prompts.js";
import type { DemandDescription } from "./spec.js";

export interface GenerationInput {
  demand: string;
  description: DemandDescription;
  optionCount: number;
  attributes: Record<string, string>;
  strategy: PickedStrategy | undefined;
  references: readonly { question: string; options?: string[] | undefined; answer: string }[];
  stepwise: boolean;
  /** The plain direct-prompt baseline: demand only, nothing else. */
  direct: boolean;
}

/** The rendered generation prompt (system + user) for one attempt. */
export function buildGenerationPrompt(input: GenerationInput): { system: string; prompt: string } {
  if (input.direct)
    return renderPrompt("directItem", { demand: input.demand, optionCount: input.optionCount });
  const attributeLines = Object.entries(input.attributes).map(([name, value]) => `- ${name}: ${value}`);
  return renderPrompt("generateItem", {
    demand: input.demand,
    task: input.description.task,
    query: input.description.query,
    optionsDescription: input.description.options,
    optionCount: input.optionCount,
    attributes: attributeLines.length
      ? renderTemplate(GENERATE_ITEM_PARTS.attributes, { list: attributeLines.join("\n") })
      : "",
    strategy: input.strategy
      ? renderTemplate(GENERATE_ITEM_PARTS.strategy, { strategy: input.strategy.strategy })
      : "",
    references: input.references.length
      ? renderTemplate(GENERATE_ITEM_PARTS.references, {
          list: input.references.map((reference, index) => formatReference(reference, index)).join("\n\n"),
        })
      : "",
    procedure: input.stepwise ? GENERATE_ITEM_PARTS.stepwiseProcedure : "",
    format: input.stepwise ? GENERATE_ITEM_PARTS.stepwiseFormat : GENERATE_ITEM_PARTS.plainFormat,
  });
}

/** Short stable hash of a rendered prompt, stored in provenance. */
export function hashPrompt(prompt: { system: string; prompt: string }): string {
  return createHash("sha256").update(`${prompt.system}\n\n${prompt.prompt}`).digest("hex").slice(0, 16);
}

export interface GeneratedCandidates {
  candidates: Candidate[];
  /** Why each unusable sample was dropped (invalid JSON after repair, identical options, ...). */
  failures: string[];
  promptHash: string;
}

/**
 * Steps 5+6: `samples` independent generation calls of the same prompt (sampleIndex 0..L-1, so each is
 * cached on its own; L calls, plus one repair call for any malformed reply). The stepwise
 * self-correction happens inside each call.
 */
export async function generateCandidates(options: {
  model: LanguageModel;
  input: GenerationInput;
  samples: number;
  /**
   * Distinguishes this attempt's samples from every other slot's and attempt's: identical prompts
   * (the direct baseline, or no diffusion) must still be independent samples, not one cached reply.
   */
  firstSampleIndex: number;
  temperature: number;
}): Promise<GeneratedCandidates> {
  const prompt = buildGenerationPrompt(options.input);
  const schema = candidateSchema({
    optionCount: options.input.optionCount,
    stepwise: options.input.stepwise,
  });
  const results = await Promise.all(
    Array.from({ length: options.samples }, (_, sampleIndex) =>
      // The model is shown the reply object's JSON schema (`schema.in`); the transform runs on its parsed value.
      generateObject({
        model: options.model,
        schema: schema.in,
        schemaName: "benchmark_item",
        temperature: options.temperature,
        sampleIndex: options.firstSampleIndex + sampleIndex,
        ...prompt,
      }),
    ),
  );
  const candidates: Candidate[] = [];
  const failures: string[] = [];
  for (const result of results) {
    if (!result.success) {
      failures.push(`invalid-output: ${result.error.message}`);
      continue;
    }
    const candidate = schema.out.parse(result.value.object);
    const problem = candidateProblem(candidate);
    if (problem === undefined) candidates.push(candidate);
    else failures.push(`invalid-item: ${problem}`);
  }
  return { candidates, failures, promptHash: hashPrompt(prompt) };
}
