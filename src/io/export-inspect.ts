import { basename, dirname, join } from "node:path";
import type { Item } from "../core/item.js";
import { buildEvalPrompt } from "../evaluate/build-prompt.js";
import { EXPORT_MAX_TOKENS, type ExportFormat } from "./export-format.js";
import { inspectTaskFile, inspectTaskSource } from "./export-graders/inspect-task.js";
import { writeJsonl } from "./jsonl.js";
import { writeTextFile } from "./write-text-file.js";

/** One Inspect `Sample`: the chat messages `benchsmith eval --cot` sends, the key, the item's data. */
function sample(item: Item): Record<string, unknown> {
  const { system, prompt } = buildEvalPrompt(item, { chainOfThought: true });
  return {
    id: item.id,
    input: [
      { role: "system", content: system },
      { role: "user", content: prompt },
    ],
    ...(item.format === "mcq" ? { choices: item.options ?? [] } : {}),
    target: item.answer,
    metadata: {
      ...(item.metadata ?? {}),
      format: item.format,
      question: item.question,
      ...(item.category !== undefined ? { category: item.category } : {}),
      ...(item.difficulty !== undefined ? { difficulty: item.difficulty } : {}),
      ...(item.explanation !== undefined ? { explanation: item.explanation } : {}),
    },
  };
}

/**
 * Inspect AI export: a Sample JSONL (`input` = our system + user messages, `choices`, `target` =
 * the key letter or reference answer, `metadata`) and, beside it, `<name>_task.py` with the tasks
 * `<name>_mcq` / `<name>_open`: generate() at temperature 0 with a token limit, scored with
 * benchsmith's reading of a reply (see export-graders/inspect-task.ts).
 */
export const inspectExport: ExportFormat = {
  id: "inspect",
  description: "Inspect AI Sample JSONL + task file (our prompts, token limit, benchsmith's answer scorer)",
  fileExtension: ".jsonl",
  output: "file",
  async write(items, outPath, options) {
    const mcq = items.filter((item) => item.format === "mcq");
    const optionCounts = [...new Set(mcq.map((item) => item.options?.length ?? 0))].sort((a, b) => a - b);
    const taskPath = join(dirname(outPath), inspectTaskFile(options.name));
    await writeJsonl(outPath, items.map(sample));
    await writeTextFile(
      taskPath,
      inspectTaskSource({
        name: options.name,
        datasetFile: basename(outPath),
        optionCounts,
        hasOpen: mcq.length < items.length,
        maxTokens: options.maxTokens ?? EXPORT_MAX_TOKENS,
      }),
    );
    return { files: [outPath, taskPath] };
  },
};
