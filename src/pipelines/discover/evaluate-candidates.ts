import { BenchsmithError, BudgetExceededError } from "../../core/errors.js";
import type { Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { buildEvalPrompt } from "../../evaluate/build-prompt.js";
import { mapWithConcurrency } from "../../evaluate/map-with-concurrency.js";
import { generateText } from "../../llm/generate.js";
import { CHECKPOINT_KEYS, type Checkpoints } from "./checkpoint.js";
import { type GradedReply, gradeAnswer } from "./grade-answer.js";
import { type CandidateBatch, CandidateBatchSchema } from "./state.js";

/** One candidate's reply to one item: graded, or the provider error it ended in. */
export type CandidateAnswer =
  | ({ itemId: string } & GradedReply & { response: string })
  | { itemId: string; error: string };

/**
 * Runs discover's (candidate, item) answer tasks somewhere else (`--queue`), with the same prompt, seed
 * and grading as `answerItem`. Answers come back per candidate, in the order of `items`. Discover's
 * item ids ("D3-b0-q1") are unique within a run, so (run, candidate, item) keys each task.
 */
export interface CandidateAnswerEvaluator {
  answerCandidates(request: {
    runId: string;
    candidates: readonly string[];
    items: readonly Item[];
    judge: string;
    seed: number;
    signal: AbortSignal | undefined;
  }): Promise<CandidateAnswer[][]>;
}

/** Where a discover run's answer tasks run when not in this process. */
export interface RemoteCandidates {
  evaluator: CandidateAnswerEvaluator;
  runId: string;
}

/**
 * Whether an error is the candidate's (recorded, the loop goes on) rather than the run's: provider
 * failures are; a spent budget, Ctrl-C or a bug stop the run.
 */
export function isCandidateFailure(error: unknown, signal: AbortSignal | undefined): boolean {
  return BenchsmithError.isInstance(error) && !BudgetExceededError.isInstance(error) && !signal?.aborted;
}

/** One candidate answers one item without the privileged information (eval's prompt), graded. */
export async function answerItem(options: {
  item: Item;
  model: LanguageModel;
  judge: { model: LanguageModel; ref: string };
  seed: number;
  signal?: AbortSignal | undefined;
}): Promise<GradedReply & { itemId: string; response: string }> {
  const { item, signal } = options;
  const prompt = buildEvalPrompt(item, { chainOfThought: false });
  const response = await generateText({
    model: options.model,
    system: prompt.system,
    prompt: prompt.prompt,
    temperature: 0,
    seed: options.seed,
    ...(signal ? { abortSignal: signal } : {}),
  });
  const grade = await gradeAnswer({ item, reply: response.text, judge: options.judge, signal });
  return { itemId: item.id, ...grade, response: response.text };
}

/**
 * The evaluate step: every candidate answers every item of one batch WITHOUT the privileged
 * information (the prompt `eval` uses), and each reply is graded. Here, candidates go one after
 * another, their items `concurrency` at a time; through `remote`, every candidate still unanswered is
 * handed to the workers at once. Each candidate's outcomes are stored as its checkpoint.
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
  remote?: RemoteCandidates | undefined;
}): Promise<CandidateBatch[]> {
  const keyOf = (ref: string) => CHECKPOINT_KEYS.candidate(options.descriptionId, options.batch, ref);
  const answeredRemotely = options.remote ? await answerRemotely(options, options.remote, keyOf) : undefined;
  const results: CandidateBatch[] = [];
  for (const candidate of options.candidates) {
    results.push(
      await options.checkpoints.once(keyOf(candidate.ref), CandidateBatchSchema, async () => {
        const answers = answeredRemotely?.get(candidate.ref) ?? (await answerHere(options, candidate));
        return toCandidateBatch(candidate.ref, answers);
      }),
    );
  }
  return results;
}

/** The candidates without a checkpoint, answered on the workers in one go. */
async function answerRemotely(
  options: Parameters<typeof evaluateCandidates>[0],
  remote: RemoteCandidates,
  keyOf: (ref: string) => string,
): Promise<Map<string, CandidateAnswer[]>> {
  const missing: string[] = [];
  for (const { ref } of options.candidates)
    if ((await options.checkpoints.read(keyOf(ref), CandidateBatchSchema)) === undefined) missing.push(ref);
  if (missing.length === 0) return new Map();
  const answers = await remote.evaluator.answerCandidates({
    runId: remote.runId,
    candidates: missing,
    items: options.items,
    judge: options.judge.ref,
    seed: options.seed,
    signal: options.signal,
  });
  return new Map(missing.map((ref, index) => [ref, answers[index] ?? []]));
}

async function answerHere(
  options: Parameters<typeof evaluateCandidates>[0],
  candidate: { ref: string; model: LanguageModel },
): Promise<CandidateAnswer[]> {
  return mapWithConcurrency({
    inputs: options.items,
    concurrency: options.concurrency,
    signal: options.signal,
    task: async (item): Promise<CandidateAnswer> => {
      try {
        return await answerItem({
          item,
          model: candidate.model,
          judge: options.judge,
          seed: options.seed,
          signal: options.signal,
        });
      } catch (error) {
        if (!isCandidateFailure(error, options.signal)) throw error;
        return { itemId: item.id, error: error instanceof Error ? error.message : String(error) };
      }
    },
  });
}

/** A candidate's answers as its checkpoint: graded outcomes, and the first error with a count. */
function toCandidateBatch(model: string, answers: readonly CandidateAnswer[]): CandidateBatch {
  const outcomes: CandidateBatch["outcomes"] = [];
  let firstError: string | undefined;
  for (const answer of answers) {
    if ("error" in answer) firstError ??= answer.error;
    else
      outcomes.push({
        itemId: answer.itemId,
        correct: answer.correct,
        extracted: answer.extracted,
        method: answer.method,
      });
  }
  const errors = answers.length - outcomes.length;
  return {
    model,
    outcomes,
    errors,
    ...(firstError === undefined
      ? {}
      : { failure: `${model} failed on ${errors} of ${answers.length} questions: ${firstError}` }),
  };
}
