import { z } from "zod";
import { formatOption, formatOptions } from "../../core/format-options.js";
import { OPTION_LETTERS } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { generateObject } from "../../llm/generate.js";
import type { Candidate } from "./candidate.js";
import { renderPrompt } from "./prompts.js";

export type DiscriminationOutcome =
  | { decision: "keep"; comparison: string }
  | { decision: "fix"; answer: string; comparison: string }
  | { decision: "reject"; reason: string; comparison: string };

/**
 * Step 7b (conflict-guided contrastive discrimination): when the test-takers' majority disagrees
 * with the label, the generator compares the label's rationale with a majority rationale and
 * keeps the label, switches it to the majority answer, or rejects the item as flawed.
 */
export async function discriminate(options: {
  model: LanguageModel;
  candidate: Candidate;
  majority: string;
  majorityRationale: string;
}): Promise<DiscriminationOutcome> {
  const { candidate, majority } = options;
  // "B. text", the very line the options block shows (both letters are in range: schema, extractor).
  const optionLine = (letter: string) => {
    const index = OPTION_LETTERS.indexOf(letter);
    return formatOption(index, candidate.options[index] ?? "");
  };
  const labelRationale =
    [candidate.reasoning, candidate.explanation]
      .filter((part) => part !== undefined && part !== "")
      .join("\n") || "(no rationale given)";
  const result = await generateObject({
    model: options.model,
    schema: z.object({ comparison: z.string(), verdict: z.string().min(1) }),
    schemaName: "discrimination",
    temperature: 0,
    ...renderPrompt("discriminate", {
      question: candidate.question,
      options: formatOptions(candidate.options),
      labelAnswer: optionLine(candidate.answer),
      majorityAnswer: optionLine(majority),
      labelRationale,
      majorityRationale: options.majorityRationale,
    }),
  });
  if (!result.success) {
    return {
      decision: "reject",
      reason: `discrimination output invalid: ${result.error.message}`,
      comparison: "",
    };
  }
  const { comparison, verdict } = result.value.object;
  const letter = /^\W*([A-Z])\b/.exec(verdict.trim())?.[1];
  if (letter === candidate.answer) return { decision: "keep", comparison };
  if (letter === majority) return { decision: "fix", answer: majority, comparison };
  return {
    decision: "reject",
    reason: `discrimination found the item flawed (verdict "${verdict.slice(0, 80)}")`,
    comparison,
  };
}
