import { BenchsmithError, BudgetExceededError } from "../../core/errors.js";
import type { Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { buildEvalPrompt } from "../../evaluate/build-prompt.js";
import { mapWithConcurrency } from "../../evaluate/map-with-concurrency.js";
import { generateText } from "../../llm/generate.js";
import { CHECKPOINT_KEYS, type Checkpoints } from "./checkpoint.js";
import { gradeAnswer } from "./grade-answer.js";
import { type CandidateBatch, CandidateBatchSchema } from "./state.js";

/**
 * The evaluate step: every candidate answers every item of one batch WITHOUT the privileged
 * information (the prompt `eval` uses), and each reply is graded. Candidates go one after another,
 * their items `concurrency` at a time; each candidate's outcomes are stored before the next starts.
 * A candidate whose calls fail (provider errors) is recorded with the reason and the loop goes on;
 * a spent budget, Ctrl-C or an unexpected error still stops the run.
 */
export async function evaluateCandidates(options: {
  checkpoints: Checkpoints;
  descriptionId: string;
  batch: number;
  items: readonly Item[];
  candidates: readonly { ref: string; model: LanguageModel }[];
  judge: { model: LanguageModel; ref: string };
  concurrency: number;
  seed: number;
  signal?: AbortSignal | undefined;
}): Promise<CandidateBatch[]> {
  const results: CandidateBatch[] = [];
  for (const candidate of options.candidates) {
    const key = CHECKPOINT_KEYS.candidate(options.descriptionId, options.batch, candidate.ref);
    results.push(
      await options.checkpoints.once(key, CandidateBatchSchema, () => answerAll(options, candidate)),
    );
  }
  return results;
}

async function answerAll(
  options: Parameters<typeof evaluateCandidates>[0],
  candidate: { ref: string; model: LanguageModel },
): Promise<CandidateBatch> {
  let firstError: string | undefined;
  const answered = await mapWithConcurrency({
    inputs: options.items,
    concurrency: options.concurrency,
    signal: options.signal,
    task: async (item) => {
      try {
        const prompt = buildEvalPrompt(item, { chainOfThought: false });
        const response = await generateText({
          model: candidate.model,
          system: prompt.system,
          prompt: prompt.prompt,
          temperature: 0,
          seed: options.seed,
          ...(options.signal ? { abortSignal: options.signal } : {}),
        });
        const grade = await gradeAnswer({
          item,
          reply: response.text,
          judge: options.judge,
          signal: options.signal,
        });
        return { itemId: item.id, ...grade };
      } catch (error) {
        // Provider failures are the candidate's; a spent budget, Ctrl-C or a bug stop the run.
        if (
          !BenchsmithError.isInstance(error) ||
          BudgetExceededError.isInstance(error) ||
          options.signal?.aborted
        )
          throw error;
        firstError ??= error instanceof Error ? error.message : String(error);
        return undefined;
      }
    },
  });
  const outcomes = answered.filter((outcome) => outcome !== undefined);
  const errors = answered.length - outcomes.length;
  return {
    model: candidate.ref,
    outcomes,
    errors,
    ...(firstError === undefined
      ? {}
      : { failure: `${candidate.ref} failed on ${errors} of ${answered.length} questions: ${firstError}` }),
  };
}
