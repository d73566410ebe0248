import type { ExportFormat } from "./export-format.js";
import { writeJsonl } from "./jsonl.js";

/**
 * Inspect AI dataset JSONL: one Sample per line with `id`, `input`, `choices` (MCQ),
 * `target` (the letter for MCQ, as the `choice()` scorer expects; the reference text for open
 * items) and `metadata`. Load it with `json_dataset(path)`. The options are not rendered here:
 * Inspect's multiple_choice() solver letters `choices` with its own template, not eval's "A. text".
 */
export const inspectExport: ExportFormat = {
  id: "inspect",
  description: "Inspect AI dataset JSONL (id, input, choices, target letter, metadata) for json_dataset()",
  fileExtension: ".jsonl",
  output: "file",
  async write(items, outPath) {
    const samples = items.map((item) => ({
      id: item.id,
      input: item.question,
      ...(item.format === "mcq" ? { choices: item.options ?? [] } : {}),
      target: item.answer,
      metadata: {
        ...(item.metadata ?? {}),
        format: item.format,
        ...(item.category !== undefined ? { category: item.category } : {}),
        ...(item.difficulty !== undefined ? { difficulty: item.difficulty } : {}),
        ...(item.explanation !== undefined ? { explanation: item.explanation } : {}),
      },
    }));
    await writeJsonl(outPath, samples);
    return { files: [outPath] };
  },
};
