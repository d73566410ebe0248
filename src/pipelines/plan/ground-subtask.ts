import { z } from "zod";
import type { LanguageModel } from "../../core/language-model.js";
import { generateObject } from "../../llm/generate.js";
import { type CardIndex, searchCards } from "../../sources/dataset-cards/index.js";
import { describeCandidate } from "./describe-card.js";
import {
  DroppedSourceSchema,
  type PlannedSource,
  PlannedSourceSchema,
  type Scoring,
  type Subtask,
} from "./plan-document.js";
import { renderPlanPrompt } from "./prompts.js";
import { JudgementSchema, scoreCandidate } from "./score-candidate.js";

const GroundReplySchema = z.object({ candidates: z.array(JudgementSchema) });

/** The grounding of one subtask, as stored: kept sources (best first) and dropped candidates. */
export const GroundingSchema = z.object({
  kept: z.array(PlannedSourceSchema),
  dropped: z.array(DroppedSourceSchema),
  /** Why nothing could be judged (no card matched, unusable reply), when that happened. */
  problem: z.string().optional(),
  responses: z.number().int(),
});
export type Grounding = z.infer<typeof GroundingSchema>;

/** A designed subtask with its grounding (kept sources best first). */
export interface GroundedSubtask {
  subtask: Subtask;
  grounding: Grounding;
}

/**
 * The grounding agent for one subtask: retrieves candidate cards (BM25 over the card index), has
 * the planner judge each, scores them with the weighted formula and keeps those at or above the
 * threshold, best first (ties by card id). Each kept source carries its transformation plan.
 */
export async function groundSubtask(options: {
  model: LanguageModel;
  subtask: Subtask;
  index: CardIndex;
  candidates: number;
  scoring: Scoring;
  signal?: AbortSignal | undefined;
}): Promise<Grounding> {
  const { subtask } = options;
  const matches = searchCards(options.index, `${subtask.name} ${subtask.description}`, options.candidates);
  if (matches.length === 0)
    return { kept: [], dropped: [], problem: "no dataset card matches it", responses: 0 };
  const { system, prompt } = renderPlanPrompt("ground", {
    name: subtask.name,
    description: subtask.description,
    answerType: subtask.answerType,
    schema: JSON.stringify(subtask.schema),
    candidates: matches.map((match, position) => describeCandidate(match.card, position + 1)).join("\n"),
  });
  const reply = await generateObject({
    model: options.model,
    schema: GroundReplySchema,
    schemaName: "grounding",
    system,
    prompt,
    temperature: 0,
    ...(options.signal ? { abortSignal: options.signal } : {}),
  });
  if (!reply.success)
    return {
      kept: [],
      dropped: [],
      problem: `unusable grounding reply: ${reply.error.message}`,
      responses: 2,
    };
  const judged = new Map(reply.value.object.candidates.map((judgement) => [judgement.card, judgement]));
  const kept: PlannedSource[] = [];
  const dropped: Grounding["dropped"] = [];
  for (const { card } of matches) {
    const judgement = judged.get(card.id);
    if (judgement === undefined) {
      dropped.push({ card: card.id, score: 0, reason: "not judged by the grounding agent" });
      continue;
    }
    const scored = scoreCandidate({ card, subtask, judgement, scoring: options.scoring });
    if ("kept" in scored) kept.push(scored.kept);
    else dropped.push(scored.dropped);
  }
  kept.sort((a, b) => b.score - a.score || (a.card < b.card ? -1 : a.card > b.card ? 1 : 0));
  return { kept, dropped, responses: reply.value.responses.length };
}
