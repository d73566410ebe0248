import type { Item } from "../core/item.js";

/**
 * Output-token limit every export sets on each reply (default of `maxTokens`). Room for a long
 * chain of thought: promptfoo's own default, 1024, cuts some before their "Answer: X" line.
 */
export const EXPORT_MAX_TOKENS = 4096;

export interface ExportOptions {
  /** Task / suite name, derived from the benchmark file name when not given ("my_bench"). */
  name: string;
  /** Model refs to list as providers where the format has them (promptfoo). */
  models?: readonly string[] | undefined;
  /** Output-token limit per reply (default EXPORT_MAX_TOKENS). */
  maxTokens?: number | undefined;
}

export interface ExportResult {
  /** Every file written, main file first. */
  files: string[];
}

/** One export format. `output: "directory"` formats write several files into `outPath`. */
export interface ExportFormat {
  id: string;
  description: string;
  /** Extension of the file written (file formats) or of the main file (directory formats). */
  fileExtension: string;
  output: "file" | "directory";
  write(items: readonly Item[], outPath: string, options: ExportOptions): Promise<ExportResult>;
}

/** A name usable as a task id in every tool: lower case, [a-z0-9_], starts with a letter. */
export function taskName(raw: string): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(cleaned) ? cleaned : `bench_${cleaned || "items"}`;
}
