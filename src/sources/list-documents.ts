import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { documentKindOf } from "./extract-text.js";

/**
 * Relative paths (with "/" separators) of every readable document kind under `directory`,
 * recursively, sorted by code unit so every machine lists them in the same order. Hidden entries
 * (".git", ".DS_Store") and symbolic links are skipped, the latter so a link cycle cannot loop.
 */
export async function listDocuments(directory: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (relative: string): Promise<void> => {
    const entries = await readdir(join(directory, relative), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile() && documentKindOf(entry.name) !== undefined) found.push(path);
    }
  };
  await visit("");
  return found.sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
}
