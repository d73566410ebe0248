import { formatOptions } from "../core/format-options.js";
import type { Item } from "../core/item.js";
import type { LanguageModel } from "../core/language-model.js";
import type { Rng } from "../core/rng.js";
import {
  answerArtifactVerdict,
  chanceAccuracy,
  extractChoice,
  runHeuristicBaselines,
} from "../evaluate/index.js";
import { generateText } from "../llm/generate.js";
import { fillAuditPrompt } from "./prompts.js";

export interface ProbeResult {
  probe: string;
  accuracy: number;
  low: number;
  high: number;
  total: number;
  chance: number;
  /** Eval's answer-artifact rule (answerArtifactVerdict): the key is guessable without knowledge. */
  isArtifact: boolean;
}

function toProbe(
  probe: string,
  correct: number,
  total: number,
  chance: number,
  probesArtifacts = true,
): ProbeResult {
  const { interval, isArtifact } = answerArtifactVerdict({ id: probe, correct, total, chance });
  return {
    probe,
    accuracy: interval.estimate,
    low: interval.low,
    high: interval.high,
    total,
    chance,
    isArtifact: probesArtifacts && isArtifact,
  };
}

/** The eval engineer's no-LLM heuristic baselines (longest option, overlap with question, ...). */
export function heuristicProbes(items: readonly Item[], rng: Rng): ProbeResult[] {
  const mcq = items.filter((item) => item.format === "mcq" && item.options);
  const chance = chanceAccuracy(
    mcq.map((item) => ({
      id: item.id,
      question: item.question,
      options: item.options ?? [],
      answerIndex: 0,
    })),
  );
  return runHeuristicBaselines(items, rng).map((result) =>
    toProbe(`heuristic: ${result.id}`, result.correct, result.total, chance, result.probesArtifacts),
  );
}

/**
 * Question-hidden probe: the model sees only the options. Accuracy well above chance means the
 * key can be spotted from the options alone (a generation artifact, e.g. the key is the longest).
 */
export async function questionHiddenProbe(options: {
  model: LanguageModel;
  label: string;
  items: readonly Item[];
  maxItems?: number;
  rng: Rng;
  /** The run's signal: after Ctrl-C no further item is asked and the call in flight is aborted. */
  signal?: AbortSignal | undefined;
}): Promise<ProbeResult> {
  const mcq = options.items.filter((item) => item.format === "mcq" && (item.options?.length ?? 0) >= 2);
  const limit = options.maxItems ?? 200;
  const chosen = mcq.length <= limit ? mcq : options.rng.sample(mcq, limit);
  let correct = 0;
  let chance = 0;
  const { signal } = options;
  for (const item of chosen) {
    signal?.throwIfAborted();
    const choices = item.options ?? [];
    chance += 1 / choices.length;
    const response = await generateText({
      model: options.model,
      prompt: fillAuditPrompt("questionHiddenProbe", { options: formatOptions(choices) }),
      temperature: 0,
      maxTokens: 8,
      ...(signal ? { abortSignal: signal } : {}),
    });
    // eval's extractor, so "the letter" is read here exactly as it is when scoring.
    if (extractChoice(response.text, choices) === item.answer) correct++;
  }
  return toProbe(
    `question hidden: ${options.label}`,
    correct,
    chosen.length,
    chosen.length ? chance / chosen.length : 0,
  );
}
