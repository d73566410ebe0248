import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { type Item, letterFor } from "../core/item.js";
import { buildChoicePrompt, buildEvalPrompt } from "../evaluate/build-prompt.js";
import { EVAL_PROMPTS } from "../evaluate/prompts.js";
import { EXPORT_MAX_TOKENS, type ExportFormat } from "./export-format.js";
import {
  description,
  exactMatch,
  generation,
  letterFilter,
  openGrading,
} from "./export-graders/lm-eval-grading.js";
import { LM_EVAL_GRADING_MODULE, lmEvalGradingSource } from "./export-graders/lm-eval-grading-module.js";
import { writeJsonl } from "./jsonl.js";
import { writeTextFile } from "./write-text-file.js";

function mcqRow(item: Item): Record<string, unknown> {
  const options = item.options ?? [];
  const letters = options.map((_, index) => letterFor(index));
  return {
    id: item.id,
    question: item.question,
    choices: options,
    letters,
    answer_index: letters.indexOf(item.answer),
    answer_letter: item.answer,
    // Loglikelihood variant: the model's next-token score of each letter after "Answer:".
    prompt_choice: buildChoicePrompt(item),
    // Generation variant: the same chain-of-thought prompt `benchsmith eval --cot` sends.
    prompt_generate: buildEvalPrompt(item, { chainOfThought: true }).prompt,
    ...(item.category !== undefined ? { category: item.category } : {}),
    ...(item.difficulty !== undefined ? { difficulty: item.difficulty } : {}),
  };
}

function dataset(dataFile: string): Record<string, unknown> {
  // HF `datasets` resolves data_files against the working directory, so the path is absolute.
  return {
    dataset_path: "json",
    dataset_kwargs: { data_files: { test: resolve(dataFile) } },
    test_split: "test",
  };
}

/**
 * lm-evaluation-harness task folder: the items as JSONL plus task YAMLs. MCQ items get two
 * tasks: `<name>_gen` (generate_until with our system prompt and token limit: the model writes its
 * reasoning and "Answer: X", benchsmith's filter chain reads the letter as `eval` does (see
 * export-graders/lm-eval-grading.ts), exact_match scores it; runs on chat-only APIs) and `<name>_mc`
 * (multiple_choice: scores each letter's loglikelihood; needs an API or local model that returns
 * logprobs of the prompt). Open items get `<name>_open` (generate_until, graded by
 * `benchsmith_grading.py` beside it as gradeOpenAnswer grades, numbers included).
 */
export const lmEvalExport: ExportFormat = {
  id: "lm-eval",
  description:
    "lm-evaluation-harness task folder: generate_until (chat APIs) + multiple_choice (logprobs) YAMLs",
  fileExtension: ".yaml",
  output: "directory",
  async write(items, outDir, options) {
    const name = options.name;
    const maxTokens = options.maxTokens ?? EXPORT_MAX_TOKENS;
    const files: string[] = [];
    const mcq = items.filter((item) => item.format === "mcq");
    const open = items.filter((item) => item.format === "open");
    // Version 2: the generate_until tasks grade with benchsmith's extraction rules.
    const version = { version: 2.0, generator: "benchsmith" };
    // Version 3: the open task grades in benchsmith_grading.py, numbers within a tolerance.
    const openVersion = { version: 3.0, generator: "benchsmith" };
    if (mcq.length > 0) {
      const dataFile = join(outDir, `${name}_mcq.jsonl`);
      const optionCount = Math.max(...mcq.map((item) => item.options?.length ?? 0));
      const generateTask = {
        task: `${name}_gen`,
        ...dataset(dataFile),
        output_type: "generate_until",
        description: description(EVAL_PROMPTS.mcqChainOfThought.system),
        doc_to_text: "prompt_generate",
        doc_to_target: "answer_letter",
        generation_kwargs: generation(maxTokens),
        filter_list: [letterFilter(optionCount)],
        metric_list: exactMatch(),
        metadata: version,
      };
      const choiceTask = {
        task: `${name}_mc`,
        ...dataset(dataFile),
        output_type: "multiple_choice",
        doc_to_text: "prompt_choice",
        doc_to_choice: "letters",
        doc_to_target: "answer_index",
        metric_list: [{ metric: "acc", aggregation: "mean", higher_is_better: true }],
        metadata: version,
      };
      const generatePath = join(outDir, `${name}_gen.yaml`);
      const choicePath = join(outDir, `${name}_mc.yaml`);
      await writeJsonl(dataFile, mcq.map(mcqRow));
      await writeTextFile(generatePath, stringify(generateTask, { lineWidth: 0 }));
      await writeTextFile(choicePath, stringify(choiceTask, { lineWidth: 0 }));
      files.push(generatePath, choicePath, dataFile);
    }
    if (open.length > 0) {
      const dataFile = join(outDir, `${name}_open.jsonl`);
      const openTask = {
        task: `${name}_open`,
        ...dataset(dataFile),
        output_type: "generate_until",
        description: description(EVAL_PROMPTS.openChainOfThought.system),
        doc_to_text: "prompt_generate",
        doc_to_target: "answer",
        generation_kwargs: generation(maxTokens),
        ...openGrading(),
        metadata: openVersion,
      };
      const openPath = join(outDir, `${name}_open.yaml`);
      await writeJsonl(
        dataFile,
        open.map((item) => ({
          id: item.id,
          question: item.question,
          answer: item.answer,
          prompt_generate: buildEvalPrompt(item, { chainOfThought: true }).prompt,
          ...(item.category !== undefined ? { category: item.category } : {}),
          ...(item.difficulty !== undefined ? { difficulty: item.difficulty } : {}),
        })),
      );
      const gradingPath = join(outDir, `${LM_EVAL_GRADING_MODULE}.py`);
      await writeTextFile(openPath, stringify(openTask, { lineWidth: 0 }));
      await writeTextFile(gradingPath, lmEvalGradingSource());
      files.push(openPath, gradingPath, dataFile);
    }
    return { files };
  },
};
