import { z } from "zod";
import { fillTemplate } from "../../core/fill-template.js";
import type { LanguageModel } from "../../core/language-model.js";
import { generateObject } from "../../llm/generate.js";
import type { Passage } from "../../sources/source.js";
import { answerText, type DraftBatch } from "./draft.js";
import { DISCOVER_PROMPTS, formatAvoid, formatRules, QUESTION_RULES } from "./prompts.js";

const WrittenSchema = z.object({
  questions: z.array(
    z.object({
      question: z.string(),
      answer: z.union([z.string(), z.number()]).nullish(),
      passageId: z.string().nullish(),
      support: z.string().nullish(),
      distractors: z.array(z.union([z.string(), z.number()])).nullish(),
    }),
  ),
});

export interface WriteOptions {
  writer: LanguageModel;
  domain: string;
  description: string;
  /** The privileged passages; undefined writes from the writer's own knowledge (`--no-privileged`). */
  passages: readonly Passage[] | undefined;
  count: number;
  format: "open" | "mcq";
  /** Questions the description already has (scale-up batches). */
  existing: readonly string[];
  seed: number;
  /** Batch number: batch > 0 is a separate sample of the same request. */
  batch: number;
  signal?: AbortSignal | undefined;
}

/**
 * The write step for retrieval sources (and for no source): one writer call returning `count`
 * questions with short reference answers and, with passages, the cited passage id and span.
 * An unusable reply (invalid JSON after the repair attempt) is the batch's `failure`, never a throw.
 */
export async function writeQuestions(options: WriteOptions): Promise<DraftBatch> {
  const grounded = options.passages !== undefined;
  const template = grounded ? DISCOVER_PROMPTS.writeGrounded : DISCOVER_PROMPTS.writeUngrounded;
  const slots = {
    domain: options.domain,
    description: options.description,
    count: options.count,
    rules: QUESTION_RULES,
    avoid: formatAvoid(options.existing),
    ...formatRules(options.format),
    ...(grounded ? { passages: formatPassages(options.passages ?? []) } : {}),
  };
  const reply = await generateObject({
    model: options.writer,
    schema: WrittenSchema,
    schemaName: "questions",
    system: template.system,
    prompt: fillTemplate(template.template, slots),
    temperature: 0.7,
    seed: options.seed,
    ...(options.batch > 0 ? { sampleIndex: options.batch } : {}),
    ...(options.signal ? { abortSignal: options.signal } : {}),
  });
  if (!reply.success) return { drafts: [], rejected: [], failure: `writer: ${reply.error.message}` };
  const drafts = reply.value.object.questions.map((written) => ({
    question: written.question.trim(),
    answer: answerText(written.answer),
    distractors: (written.distractors ?? []).map(answerText),
    ...(written.passageId ? { passageId: written.passageId.trim() } : {}),
    ...(written.support ? { support: written.support.trim() } : {}),
    checks: [],
  }));
  return {
    drafts,
    rejected: [],
    ...(drafts.length === 0 ? { failure: "the writer wrote no question" } : {}),
  };
}

/** Passages as the writer sees them: "[id] title" and the text. */
function formatPassages(passages: readonly Passage[]): string {
  return passages.map((passage) => `[${passage.id}] ${passage.title}\n${passage.text}`).join("\n\n");
}
