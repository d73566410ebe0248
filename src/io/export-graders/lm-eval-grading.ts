/**
 * How the lm-eval export's generate_until tasks grade a reply: generation settings, the filter
 * chains, the exact_match metric and (open task) the Python process_results, all built to read
 * replies the way benchsmith eval does.
 */
import { Scalar } from "yaml";
import { letterPattern, OPTION_TEXT_IGNORES } from "./letter-pattern.js";
import { LM_EVAL_PROCESS_RESULTS } from "./lm-eval-grading-module.js";

/**
 * The open task's grading: take_first hands the reply to benchsmith_grading.process_results
 * (lm-eval-grading-module.ts), which grades it as gradeOpenAnswer does. exact_match with regexes
 * cannot compare numbers ("2.50" = "2.5"), so the open task carries Python; lm-eval resolves
 * `!function` against the YAML's folder.
 */
export function openGrading(): Record<string, unknown> {
  const processResults = new Scalar(LM_EVAL_PROCESS_RESULTS);
  processResults.tag = "!function";
  return {
    filter_list: [{ name: "benchsmith", filter: [{ function: "take_first" }] }],
    process_results: processResults,
    metric_list: [{ metric: "exact_match", aggregation: "mean", higher_is_better: true }],
  };
}

/** generation_kwargs: greedy, with an output-token limit. */
export const generation = (maxTokens: number) => ({
  until: ["\n\nQuestion:"],
  do_sample: false,
  temperature: 0,
  max_gen_toks: maxTokens,
});
/** metric_list: exact_match ignoring case and punctuation. */
export const exactMatch = () => [
  {
    metric: "exact_match",
    aggregation: "mean",
    higher_is_better: true,
    ignore_case: true,
    ignore_punctuation: true,
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
