import { z } from "zod";
import type { LanguageModel } from "../../core/language-model.js";
import { generateObject } from "../../llm/generate.js";
import type { DatasetCard } from "../../sources/dataset-cards/index.js";
import { listCardsBriefly } from "./describe-card.js";
import { type Subtask, SubtaskSchema } from "./plan-document.js";
import { renderPlanPrompt } from "./prompts.js";

/** The checklist the design agent reports on; the design stops when every entry holds. */
export const CHECKLIST = [
  "coreCapabilities",
  "noMicroSkills",
  "distinct",
  "coversQuery",
  "minimalSchema",
] as const;

const DesignReplySchema = z.object({
  subtasks: z.array(SubtaskSchema),
  checklist: z.partialRecord(z.enum(CHECKLIST), z.boolean()).optional(),
  cannotDecompose: z.string().optional(),
});

/** One round of the design agent, as stored. */
export const DesignRoundSchema = z.object({
  subtasks: z.array(SubtaskSchema),
  /** Checklist entries that do not hold, in words (the model's own and the code's checks). */
  failures: z.array(z.string()),
  cannotDecompose: z.string().optional(),
  /** Why the reply could not be used (invalid JSON after the repair attempt). */
  problem: z.string().optional(),
  responses: z.number().int(),
});
export type DesignRound = z.infer<typeof DesignRoundSchema>;

/** The code's half of the checklist: counts, names and schemas the reply must satisfy. */
export function checkDesign(subtasks: readonly Subtask[], maxSubtasks: number): string[] {
  const failures: string[] = [];
  if (subtasks.length > maxSubtasks)
    failures.push(`at most ${maxSubtasks} subtasks are allowed, the design has ${subtasks.length}`);
  const names = subtasks.map((subtask) => subtask.name.trim().toLowerCase());
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) failures.push(`two subtasks are named "${repeated}"`);
  for (const subtask of subtasks) {
    if (subtask.schema.question.trim() === "" || subtask.schema.answer.trim() === "")
      failures.push(`subtask "${subtask.name}": its schema must say what the question and the answer hold`);
  }
  return failures;
}

/**
 * The design agent: proposes 1..maxSubtasks subtasks for the query (revising `previous` with
 * `feedback` after the first round) and reports its checklist. Invalid JSON is repaired once, then
 * the round carries the problem instead of subtasks.
 */
export async function designSubtasks(options: {
  model: LanguageModel;
  query: string;
  maxSubtasks: number;
  cards: readonly DatasetCard[];
  previous: readonly Subtask[] | undefined;
  feedback: readonly string[];
  signal?: AbortSignal | undefined;
}): Promise<DesignRound> {
  const { system, prompt } = renderPlanPrompt("design", {
    query: options.query,
    maxSubtasks: options.maxSubtasks,
    datasets: listCardsBriefly(options.cards),
    previous: options.previous === undefined ? "none (first round)" : JSON.stringify(options.previous),
    feedback: options.feedback.length === 0 ? "none" : options.feedback.map((line) => `- ${line}`).join("\n"),
  });
  const reply = await generateObject({
    model: options.model,
    schema: DesignReplySchema,
    schemaName: "design",
    system,
    prompt,
    temperature: 0,
    ...(options.signal ? { abortSignal: options.signal } : {}),
  });
  if (!reply.success) return { subtasks: [], failures: [], problem: reply.error.message, responses: 2 };
  const { subtasks, checklist, cannotDecompose } = reply.value.object;
  const failures = [
    ...CHECKLIST.filter((entry) => checklist?.[entry] === false).map(
      (entry) => `the design agent reports that "${entry}" does not hold`,
    ),
    ...checkDesign(subtasks, options.maxSubtasks),
  ];
  const reason = cannotDecompose?.trim();
  return {
    subtasks,
    failures,
    ...(reason ? { cannotDecompose: reason } : {}),
    responses: reply.value.responses.length,
  };
}
