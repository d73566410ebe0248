import { z } from "zod";
import { formatLetters, formatOption, formatOptions } from "../../core/format-options.js";
import { OPTION_LETTERS } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { extractChoice } from "../../evaluate/index.js";
import { generateObject } from "../../llm/generate.js";
import type { Candidate } from "./candidate.js";
import { renderPrompt } from "./prompts.js";

/** One judgment of the two solutions: an option letter, "flawed", or undefined when unreadable. */
export interface Verdict {
  reading: string | undefined;
  comparison: string;
  /** The verdict as written (the last reply when it could not be read). */
  raw: string;
}

/** Both judgments: the label's solution shown first, then the majority's shown first. */
export interface Verdicts {
  labelFirst: Verdict;
  majorityFirst: Verdict;
}

/**
 * A verdict value as an option letter or "flawed": a letter in any form extractChoice reads ("(B)",
 * "B. text", the option text), "Solution 2" (mapped through the order shown), or a word such as
 * "neither" / "ambiguous". What it cannot read is passed on unchanged (the schema then rejects it).
 */
export function readVerdict(
  value: unknown,
  context: { options: readonly string[]; solutions: readonly [string, string] },
): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  const solution = (index: string | undefined) => context.solutions[Number(index) - 1];
  const leading = /^(?:solution|candidate)\s*([12])\b/i.exec(text)?.[1];
  if (leading !== undefined) return solution(leading);
  if (/^\W*(?:flawed|neither|none|ambiguous|invalid|both)\b/i.test(text)) return "flawed";
  const letter = extractChoice(text, context.options);
  if (letter !== null) return letter;
  if (/\b(?:flawed|neither|ambiguous|no (?:single )?correct|more than one)\b/i.test(text)) return "flawed";
  const named = new Set([...text.matchAll(/\bsolution\s*([12])\b/gi)].map((match) => match[1]));
  return named.size === 1 ? solution([...named][0]) : text;
}

/**
 * Step 7b (conflict-guided contrastive discrimination): when the test-takers' majority disagrees
 * with the label, the generator compares the label's solution with a majority solution, once in
 * each order (position bias), at temperature 0. The verdict is an option letter or "flawed".
 */
export async function discriminate(options: {
  model: LanguageModel;
  candidate: Candidate;
  majority: string;
  majorityRationale: string;
}): Promise<Verdicts> {
  const { candidate, majority } = options;
  // "B. text", the very line the options block shows (both letters are in range: schema, extractor).
  const optionLine = (letter: string) => {
    const index = OPTION_LETTERS.indexOf(letter);
    return formatOption(index, candidate.options[index] ?? "");
  };
  const label = {
    letter: candidate.answer,
    rationale:
      [candidate.reasoning, candidate.explanation]
        .filter((part) => part !== undefined && part !== "")
        .join("\n") || "(no rationale given)",
  };
  const other = { letter: majority, rationale: options.majorityRationale };
  const judge = async (first: typeof label, second: typeof label): Promise<Verdict> => {
    const letters: [string, ...string[]] = ["flawed", ...OPTION_LETTERS.slice(0, candidate.options.length)];
    const context = { options: candidate.options, solutions: [first.letter, second.letter] as const };
    const result = await generateObject({
      model: options.model,
      schema: z.object({
        comparison: z.string(),
        verdict: z.preprocess((value) => readVerdict(value, context), z.enum(letters)),
      }),
      schemaName: "discrimination",
      temperature: 0,
      ...renderPrompt("discriminate", {
        question: candidate.question,
        options: formatOptions(candidate.options),
        letters: formatLetters(candidate.options.length),
        firstAnswer: optionLine(first.letter),
        firstRationale: first.rationale,
        secondAnswer: optionLine(second.letter),
        secondRationale: second.rationale,
      }),
    });
    if (!result.success) return { reading: undefined, comparison: "", raw: result.error.text.slice(0, 200) };
    const { comparison, verdict } = result.value.object;
    return { reading: verdict, comparison, raw: verdict };
  };
  const [labelFirst, majorityFirst] = await Promise.all([judge(label, other), judge(other, label)]);
  return { labelFirst, majorityFirst };
}
