import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { BenchsmithError } from "../../core/errors.js";
import { DATASET_FORMATS, datasetFormatOf, type Row, readDatasetRows } from "../../io/read-dataset-rows.js";
import { buildDatasetCard } from "./build-dataset-card.js";
import type { CardFile, DatasetCard } from "./dataset-card.js";
import { type CardReadme, parseCardReadme } from "./read-card-readme.js";

export interface LoadDatasetCardsOptions {
  /** Category values kept per card (default 100). */
  maxCategoryValues?: number;
}

/** The cards read, and one warning line per file or folder skipped (never thrown). */
export interface LoadDatasetCardsResult {
  cards: DatasetCard[];
  warnings: string[];
}

/** Split and shard names say nothing about the data: "mmlu/test" names it better than "test". */
const GENERIC_STEM = /^(?:train|test|validation|valid|dev|data|items|rows|all|default|eval)(?:[-_.].*)?$/i;
const SPLIT = /(?:^|[-_./])(train|test|validation|valid|dev)(?:[-_.]|$)/i;
const SKIPPED_DIRECTORY = /^(?:\.|node_modules$)/;

function stemOf(path: string): string {
  const format = datasetFormatOf(path);
  const extension =
    format === undefined
      ? ""
      : (DATASET_FORMATS[format].extensions.find((ext) => path.toLowerCase().endsWith(ext)) ?? "");
  return basename(path).slice(0, basename(path).length - extension.length);
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "dataset"
  );
}

function hasContent(row: Row): boolean {
  return Object.values(row).some((value) => value !== null && value !== undefined && value !== "");
}

/** Every dataset file below a folder, sorted, skipping hidden folders and node_modules. */
async function dataFilesUnder(directory: string): Promise<string[]> {
  const found: string[] = [];
  const entries = (await readdir(directory, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  );
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORY.test(entry.name))
      found.push(...(await dataFilesUnder(path)));
    else if (entry.isFile() && datasetFormatOf(entry.name) !== undefined) found.push(path);
  }
  return found;
}

/**
 * Reads or builds a card for each local dataset under `paths`: a file (JSONL / JSON / CSV / TSV /
 * Parquet), or a Hugging Face-style folder (a README.md card plus data files anywhere below it, read
 * as one dataset). Other folders are walked. A path that cannot be read, a file that fails to parse
 * or has no usable rows is skipped with a warning line naming it. Order and ids are deterministic.
 */
export async function loadDatasetCards(
  paths: readonly string[],
  options: LoadDatasetCardsOptions = {},
): Promise<LoadDatasetCardsResult> {
  const cards: DatasetCard[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const usedIds = new Set<string>();

  const addCard = async (path: string, name: string, files: string[], readme?: CardReadme): Promise<void> => {
    const rows: Row[] = [];
    const cardFiles: CardFile[] = [];
    for (const file of files) {
      try {
        const read = await readDatasetRows(file);
        const split = SPLIT.exec(basename(file))?.[1] ?? SPLIT.exec(basename(dirname(file)))?.[1];
        cardFiles.push({
          path: file,
          format: read.format,
          rowCount: read.rowCount,
          ...(split ? { split: split.toLowerCase() } : {}),
        });
        rows.push(...read.rows);
      } catch (error) {
        if (!BenchsmithError.isInstance(error)) throw error;
        warnings.push(`warning: skipped dataset file ${file}: ${error.message}`);
      }
    }
    if (!rows.some(hasContent)) {
      if (cardFiles.length > 0) warnings.push(`warning: skipped dataset ${path}: it has no usable rows`);
      return;
    }
    let id = slug(name);
    for (let suffix = 2; usedIds.has(id); suffix++) id = `${slug(name)}-${suffix}`;
    usedIds.add(id);
    const maxCategoryValues = options.maxCategoryValues;
    cards.push(
      buildDatasetCard({
        id,
        name,
        path,
        files: cardFiles,
        rows,
        readme,
        ...(maxCategoryValues ? { maxCategoryValues } : {}),
      }),
    );
  };

  const visit = async (path: string, explicit: boolean): Promise<void> => {
    if (seen.has(path)) return;
    let kind: "file" | "directory" | "other";
    try {
      const info = await stat(path);
      kind = info.isDirectory() ? "directory" : info.isFile() ? "file" : "other";
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      warnings.push(`warning: skipped ${path}: cannot read it${code ? ` (${code})` : ""}`);
      return;
    }
    if (kind === "file") {
      if (datasetFormatOf(path) !== undefined) {
        seen.add(path);
        const stem = stemOf(path);
        await addCard(path, GENERIC_STEM.test(stem) ? `${basename(dirname(path))}/${stem}` : stem, [path]);
      } else if (explicit) {
        warnings.push(`warning: skipped ${path}: not a dataset file (JSONL, JSON, CSV, TSV or Parquet)`);
      }
      return;
    }
    if (kind !== "directory") return;
    seen.add(path);
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    const readmeEntry = entries.find((entry) => entry.isFile() && entry.name.toLowerCase() === "readme.md");
    const files = readmeEntry === undefined ? [] : await dataFilesUnder(path);
    if (readmeEntry !== undefined && files.length > 0) {
      const readmePath = join(path, readmeEntry.name);
      const text = await readFile(readmePath, "utf8").catch((error: NodeJS.ErrnoException) => {
        warnings.push(
          `warning: ${readmePath}: cannot read it (${error.code ?? error.message}); the card is built from the rows`,
        );
        return "";
      });
      const readme = parseCardReadme(text);
      if (readme.problem !== undefined) warnings.push(`warning: ${readmePath}: ${readme.problem}`);
      for (const file of files) seen.add(file);
      await addCard(path, readme.prettyName ?? basename(path), files, readme);
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && SKIPPED_DIRECTORY.test(entry.name)) continue;
      if (entry.isDirectory() || entry.isFile()) await visit(join(path, entry.name), false);
    }
  };

  for (const path of paths) await visit(resolve(path), true);
  return { cards, warnings };
}
