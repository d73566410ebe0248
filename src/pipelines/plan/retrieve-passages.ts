import { z } from "zod";
import { type DocsCorpus, openDocsCorpus } from "../../sources/docs-corpus.js";
import type { Passage } from "../../sources/source.js";
import { PLAN_KEYS, type PlanCheckpoints } from "./checkpoint.js";
import type { Subtask } from "./plan-document.js";

const PassagesSchema = z.array(
  z.object({ id: z.string(), title: z.string(), text: z.string(), url: z.string().optional() }),
);

/** Passages a from-scratch subtask is grounded on. */
export const PASSAGES_PER_SUBTASK = 5;

/** Opens the `--docs` corpus once, on first use (most plans never write from scratch). */
export function lazyCorpus(directory: string | undefined): () => Promise<DocsCorpus> | undefined {
  let corpus: Promise<DocsCorpus> | undefined;
  return () => {
    if (directory === undefined) return undefined;
    corpus ??= openDocsCorpus({ directory });
    return corpus;
  };
}

/** The `--docs` passages that best match a subtask (BM25), stored so a resumed run writes from the same ones. */
export async function retrievePassages(options: {
  checkpoints: PlanCheckpoints;
  corpus: () => Promise<DocsCorpus> | undefined;
  subtask: Subtask;
  index: number;
  signal?: AbortSignal | undefined;
}): Promise<Passage[]> {
  const pending = options.corpus();
  if (pending === undefined) return [];
  const stored = await options.checkpoints.once(
    PLAN_KEYS.passages(options.index),
    PassagesSchema,
    async () => {
      const corpus = await pending;
      const query = `${options.subtask.name} ${options.subtask.description}`;
      return corpus.retrieve(query, {
        limit: PASSAGES_PER_SUBTASK,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    },
  );
  return stored.map(({ url, ...passage }) => (url === undefined ? passage : { ...passage, url }));
}
