import { createHash } from "node:crypto";
import type { LanguageModel } from "../../core/language-model.js";
import { generateObject } from "../../llm/generate.js";
import { type Candidate, candidateProblem, candidateSchema } from "./candidate.js";
import { formatReference } from "./item-text.js";
import type { PickedStrategy } from "./pick-strategy.js";
import {
  GENERATE_ITEM_PARTS,
  renderPrompt,
  renderSplitPrompt,
  renderTemplate,
  replyFormat,
  type SplitPrompt,
  splitPromptMessages,
} from "./prompts.js";
import type { DemandDescription } from "./spec.js";

export interface GenerationInput {
  demand: string;
  description: DemandDescription;
  optionCount: number;
  attributes: Record<string, string>;
  strategy: PickedStrategy | undefined;
  references: readonly { question: string; options?: string[] | undefined; answer: string }[];
  stepwise: boolean;
  /** Ask for a 1-10 difficulty rating (the label when no test-taker measures it). */
  rated: boolean;
  /** The Direct Prompt baseline: the demand and its description, nothing else. */
  direct: boolean;
}

const lines = (entries: Record<string, string>) =>
  Object.entries(entries)
    .map(([name, value]) => `- ${name}: ${value}`)
    .join("\n");

/**
 * The generation prompt of one attempt: a prefix built from run-wide values only (demand, its
 * description, the switches' procedure and reply format), byte-identical for every attempt so
 * provider prompt caches hit it, then a tail with what this attempt adds (attributes, difficulty
 * combination, references). The direct baseline has no tail.
 */
export function buildGenerationPrompt(input: GenerationInput): SplitPrompt {
  const described = {
    demand: input.demand,
    task: input.description.task,
    query: input.description.query,
    optionsDescription: input.description.options,
    optionCount: input.optionCount,
    rating: input.rated ? GENERATE_ITEM_PARTS.rating : "",
    format: replyFormat({ stepwise: input.stepwise && !input.direct, rated: input.rated }),
  };
  if (input.direct) {
    const direct = renderPrompt("directItem", described);
    return { system: direct.system, prefix: direct.prompt, tail: "" };
  }
  const attributes = lines(input.attributes);
  return renderSplitPrompt("generateItem", {
    shared: { ...described, procedure: input.stepwise ? GENERATE_ITEM_PARTS.stepwiseProcedure : "" },
    perCall: {
      attributes: attributes ? renderTemplate(GENERATE_ITEM_PARTS.attributes, { list: attributes }) : "",
      strategy: input.strategy
        ? renderTemplate(GENERATE_ITEM_PARTS.strategy, { list: lines(input.strategy.combination) })
        : "",
      references: input.references.length
        ? renderTemplate(GENERATE_ITEM_PARTS.references, {
            list: input.references.map((reference, index) => formatReference(reference, index)).join("\n\n"),
          })
        : "",
    },
  });
}

/** Short stable hash of a rendered prompt, stored in provenance. */
export function hashPrompt(prompt: SplitPrompt): string {
  const text = [prompt.system, prompt.prefix, ...(prompt.tail === "" ? [] : [prompt.tail])].join("\n\n");
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
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
  const messages = splitPromptMessages(prompt);
  const schema = candidateSchema({
    optionCount: options.input.optionCount,
    stepwise: options.input.stepwise && !options.input.direct,
    rated: options.input.rated,
  });
  const results = await Promise.all(
    Array.from({ length: options.samples }, (_, sampleIndex) =>
      // The model is shown the reply object's JSON schema (the input side of the transform to a Candidate).
      generateObject({
        model: options.model,
        schema,
        schemaName: "benchmark_item",
        temperature: options.temperature,
        sampleIndex: options.firstSampleIndex + sampleIndex,
        messages,
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
    const candidate = result.value.object;
    const problem = candidateProblem(candidate);
    if (problem === undefined) candidates.push(candidate);
    else failures.push(`invalid-item: ${problem}`);
  }
  return { candidates, failures, promptHash: hashPrompt(prompt) };
}
