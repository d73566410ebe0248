import { z } from "zod";
import { fillTemplate } from "../../core/fill-template.js";
import { generateObject } from "../../llm/generate.js";
import type { CodeSource } from "../../sources/source.js";
import { answerText, type Draft, type DraftBatch } from "./draft.js";
import { DISCOVER_PROMPTS, formatAvoid, formatRules, QUESTION_RULES } from "./prompts.js";
import type { WriteOptions } from "./write-questions.js";

const WrittenSchema = z.object({
  questions: z.array(
    z.object({
      question: z.string(),
      program: z.string(),
      distractors: z.array(z.union([z.string(), z.number()])).nullish(),
    }),
  ),
});
const SolvedSchema = z.object({ programs: z.array(z.object({ index: z.number(), program: z.string() })) });

/**
 * The write step of the `code` source: the writer writes each question with a program computing its
 * answer; a second, separate call writes another program for each question without seeing the first;
 * both run in the sandbox and the item is kept only when they agree (its answer is their output).
 * Disagreement, a timeout or a crash rejects that question with the reason.
 */
export async function writeWithPrograms(
  options: Omit<WriteOptions, "passages"> & { code: CodeSource },
): Promise<DraftBatch> {
  const common = {
    model: options.writer,
    temperature: 0.7,
    seed: options.seed,
    ...(options.batch > 0 ? { sampleIndex: options.batch } : {}),
    ...(options.signal ? { abortSignal: options.signal } : {}),
  };
  const write = DISCOVER_PROMPTS.writePrograms;
  const written = await generateObject({
    ...common,
    schema: WrittenSchema,
    schemaName: "questions",
    system: write.system,
    prompt: fillTemplate(write.template, {
      domain: options.domain,
      description: options.description,
      count: options.count,
      programRules: options.code.programRules,
      rules: QUESTION_RULES,
      avoid: formatAvoid(options.existing),
      ...formatRules(options.format),
    }),
  });
  if (!written.success) return { drafts: [], rejected: [], failure: `writer: ${written.error.message}` };
  const questions = written.value.object.questions.filter((entry) => entry.question.trim() !== "");
  if (questions.length === 0) return { drafts: [], rejected: [], failure: "the writer wrote no question" };
  const solve = DISCOVER_PROMPTS.solvePrograms;
  const solved = await generateObject({
    ...common,
    schema: SolvedSchema,
    schemaName: "programs",
    system: solve.system,
    prompt: fillTemplate(solve.template, {
      programRules: options.code.programRules,
      questions: questions.map((entry, index) => `${index + 1}. ${entry.question.trim()}`).join("\n"),
    }),
  });
  const second = new Map(
    solved.success ? solved.value.object.programs.map((entry) => [entry.index, entry.program]) : [],
  );
  const batch: DraftBatch = { drafts: [], rejected: [] };
  for (const [index, entry] of questions.entries()) {
    const question = entry.question.trim();
    const other = second.get(index + 1);
    if (other === undefined) {
      const why = solved.success ? "no second program was written for it" : `the second program call failed`;
      batch.rejected.push({ question, reason: `agreement: ${why}` });
      continue;
    }
    const agreement = await options.code.agree([entry.program, other]);
    if (!agreement.success) {
      batch.rejected.push({ question, reason: `agreement (${agreement.reason}): ${agreement.message}` });
      continue;
    }
    const draft: Draft = {
      question,
      answer: agreement.value.trim(),
      distractors: (entry.distractors ?? []).map(answerText),
      programs: [entry.program, other],
      checks: ["agreement"],
    };
    batch.drafts.push(draft);
  }
  return batch;
}
