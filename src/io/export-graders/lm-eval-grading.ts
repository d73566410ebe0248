/**
 * How the lm-eval export's generate_until tasks grade a reply: generation settings, the filter
 * chains and the exact_match metric, all built to read replies the way benchsmith eval does.
 */
import { letterPattern, OPTION_TEXT_IGNORES } from "./letter-pattern.js";

// Open answers: the text after the last "Answer:" (or "answer is:"), else the whole reply, as
// gradeOpenAnswer reads it; exact_match then ignores case, punctuation and OPEN_IGNORES.
const OPEN_ANSWER_REGEX = String.raw`(?:[Aa]nswer|ANSWER)(?:\s+(?:is|IS))?\s*[:\uFF1A](?:\s|\*\*)*([^\n]*\S)|^(?![\s\S]*(?:[Aa]nswer|ANSWER)(?:\s+(?:is|IS))?\s*[:\uFF1A])\s*([\s\S]*\S)`;
// What normalizeAnswer also ignores: articles and the ".0" of a whole number ("5.0" = "5").
export const OPEN_IGNORES = [
  String.raw`\b(?:[Tt][Hh][Ee]|[Aa][Nn]?)\b\s*`,
  String.raw`(?<=[0-9])\.0+(?![0-9])`,
];

/** The open task's filter: the answer span (see OPEN_ANSWER_REGEX), then take_first. */
export function openAnswerFilter(): Record<string, unknown> {
  return {
    name: "benchsmith",
    filter: [
      { function: "regex", regex_pattern: OPEN_ANSWER_REGEX, group_select: -1, fallback: "[invalid]" },
      { function: "take_first" },
    ],
  };
}

/** generation_kwargs: greedy, with an output-token limit. */
export const generation = (maxTokens: number) => ({
  until: ["\n\nQuestion:"],
  do_sample: false,
  temperature: 0,
  max_gen_toks: maxTokens,
});
/** metric_list: exact_match ignoring case, punctuation and `regexesToIgnore`. */
export const exactMatch = (regexesToIgnore?: readonly string[]) => [
  {
    metric: "exact_match",
    aggregation: "mean",
    higher_is_better: true,
    ignore_case: true,
    ignore_punctuation: true,
    ...(regexesToIgnore ? { regexes_to_ignore: regexesToIgnore } : {}),
  },
];
// lm-eval makes `description` the system message under --apply_chat_template and prepends it to
// the prompt otherwise; its own task files end it with a blank line.
export const description = (system: string): string => `${system}\n\n`;

/**
 * How the generate_until task reads the letter, as benchsmith eval does: the letter regex (the
 * last conclusion, a JSON field, a lone or marked letter), else the option's text on a short reply
 * or the last line (multi_choice_regex matches `choices` itself), then take_first.
 */
export function letterFilter(optionCount: number): Record<string, unknown> {
  return {
    name: "benchsmith",
    filter: [
      {
        function: "multi_choice_regex",
        regex_pattern: letterPattern(optionCount),
        group_select: -1,
        fallback: "[invalid]",
        ignore_case: true,
        ignore_punctuation: true,
        regexes_to_ignore: OPTION_TEXT_IGNORES,
      },
      { function: "take_first" },
    ],
  };
}
