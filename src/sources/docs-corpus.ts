import { readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { UserInputError } from "../core/errors.js";
import { type ChunkOptions, chunkText } from "./chunk-passages.js";
import { DOCUMENT_KINDS, documentKindOf, extractDocument } from "./extract-text.js";
import { listDocuments } from "./list-documents.js";
import { buildPassageIndex } from "./passage-index.js";
import type { Passage, PrivilegedSource, RetrievalSourceEntry } from "./source.js";

/** A folder of documents chunked into passages and indexed for BM25 retrieval. */
export interface DocsCorpus extends PrivilegedSource {
  readonly directory: string;
  /** Relative paths of the documents that made it into the index, sorted. */
  readonly files: readonly string[];
  readonly passages: readonly Passage[];
  /** One line per document that was skipped (corrupt, unreadable, no text). */
  readonly warnings: readonly string[];
}

const KINDS_TEXT = Object.keys(DOCUMENT_KINDS).join(", ");

/**
 * Reads every supported document under `directory` (see `listDocuments`), extracts its text,
 * chunks it (`chunkText`) into passages with ids `<relative path>#<n>` (n from 1) and indexes
 * them. A folder that is missing, empty or holds no readable document is a UserInputError; a
 * single bad file is skipped and named in `warnings`.
 */
export async function openDocsCorpus(options: {
  directory: string;
  chunk?: ChunkOptions;
}): Promise<DocsCorpus> {
  const directory = resolve(options.directory);
  const spelling = `docs:${options.directory}`;
  const isDirectory = await stat(directory).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isDirectory) {
    throw new UserInputError(`${spelling}: no such folder`, "give the path of a folder of documents");
  }
  const paths = await listDocuments(directory);
  if (paths.length === 0) {
    throw new UserInputError(`${spelling}: the folder holds no document (${KINDS_TEXT})`);
  }

  const passages: Passage[] = [];
  const files: string[] = [];
  const warnings: string[] = [];
  for (const path of paths) {
    const kind = documentKindOf(path);
    if (kind === undefined) continue;
    try {
      const document = await extractDocument(kind, await readFile(resolve(directory, path)));
      const chunks = chunkText(document.text, options.chunk);
      if (chunks.length === 0) {
        warnings.push(`skipped ${path}: no text found in it`);
        continue;
      }
      const title = document.title ?? basename(path).replace(/\.[^.]+$/, "");
      for (const [index, text] of chunks.entries())
        passages.push({ id: `${path}#${index + 1}`, title, text });
      files.push(path);
    } catch (error) {
      warnings.push(`skipped ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (files.length === 0) {
    throw new UserInputError(
      `${spelling}: none of its ${paths.length} documents could be read (${warnings[0] ?? "no text"})`,
    );
  }

  const index = buildPassageIndex(passages);
  return {
    id: "docs",
    description: `${passages.length} passages from ${files.length} documents in ${options.directory}`,
    directory,
    files,
    passages,
    warnings,
    async retrieve(query, retrieveOptions) {
      retrieveOptions.signal?.throwIfAborted();
      return index.search(query, retrieveOptions.limit);
    },
  };
}

/** `docs:<dir>`: local documents the writer model may quote. */
export const docsSource = {
  id: "docs",
  description: "Local documents (Markdown, text, HTML, PDF) under a folder, searched with BM25",
  kind: "retrieval",
  needs: { argument: "<dir>", network: false },
  async create(settings) {
    if (settings.argument === undefined || settings.argument === "") {
      throw new UserInputError("the docs source needs a folder", "spell it docs:<dir>");
    }
    return openDocsCorpus({ directory: settings.argument });
  },
} as const satisfies RetrievalSourceEntry;
