import {
  answerArtifactFlags,
  buildModelResult,
  createRng,
  type EvalResults,
  type Item,
  letterFor,
  type ModelResult,
  rankConfidenceMatrix,
} from "../../index.js";

/** Untrusted strings a report must show as text and never run. */
export const XSS_PAYLOADS = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  "</script><script>window.__xss=1</script>",
] as const;

export interface SyntheticOptions {
  items: number;
  /** Abilities of the llm models, best first. */
  abilities: readonly number[];
  seed?: number;
  /** Plant XSS_PAYLOADS in the question, options and replies of item 7. */
  xss?: boolean;
  /** Shift every model's ability (a second run over the same items). */
  shift?: number;
  /** Raw reply length in characters beyond "Answer: X". */
  replyPadding?: number;
}

const SUBTASKS = ["algebra", "geometry", "history", "biology"];

/** A labelled MCQ benchmark and eval results of models of known ability on it, built from a seed. */
export function syntheticReport(options: SyntheticOptions): { items: Item[]; results: EvalResults } {
  const rng = createRng(options.seed ?? 7);
  const items: Item[] = Array.from({ length: options.items }, (_, index) => {
    const difficulty = Math.round(rng.next() * 100) / 100;
    const answer = rng.int(0, 3);
    const subtask = SUBTASKS[index % SUBTASKS.length] as string;
    const planted = options.xss === true && index === 7;
    // The key is the longest option on 60% of items: an answer artifact the report must flag.
    const longest = rng.next() < 0.6;
    const item: Item = {
      id: `item-${String(index).padStart(4, "0")}`,
      format: "mcq",
      question: planted
        ? `Which is safe? ${XSS_PAYLOADS.join(" ")}`
        : `Question ${index} on ${subtask}: what is ${index} + ${difficulty}?`,
      options: [0, 1, 2, 3].map((option) =>
        planted && option === 1
          ? XSS_PAYLOADS[0]
          : option === answer && longest
            ? `the correct option number ${option} for item ${index}`
            : `option ${option}`,
      ),
      answer: letterFor(answer),
      difficulty,
      category: subtask,
      metadata: {
        slot: index,
        strategy: { name: "stepwise", description: "step by step" },
        testTakerAnswers: ["A", "B", null],
        discrimination: index % 5 === 0 ? "revised" : "kept",
        source: index % 2 === 0 ? "textbook" : "web",
      },
      provenance: {
        pipeline: "make",
        step: "generate",
        model: "openai:gpt-4o-mini",
        references: [`item-${String(Math.max(0, index - 1)).padStart(4, "0")}`],
        attributes: { topic: subtask, level: index % 3 === 0 ? "hard" : "easy" },
        reasoning: planted ? XSS_PAYLOADS[2] : `reasoning path for item ${index}`,
      },
    };
    return item;
  });
  const llm: ModelResult[] = options.abilities.map((ability, modelIndex) => {
    const model = `model-${String.fromCharCode(97 + modelIndex)}`;
    const modelRng = rng.fork(`${model}:${options.shift ?? 0}`);
    const outcomes = items.map((item, index) => {
      const chance = Math.min(
        0.98,
        Math.max(0.02, ability + (options.shift ?? 0) - (item.difficulty ?? 0) * 0.5),
      );
      const correct = modelRng.next() < chance;
      const unparseable = !correct && modelRng.next() < 0.05;
      const key = item.answer;
      const wrong = letterFor((OPTION_INDEX[key] ?? 0) === 0 ? 1 : 0);
      const extracted = unparseable ? null : correct ? key : wrong;
      const planted = options.xss === true && index === 7;
      const padding = "x".repeat(options.replyPadding ?? 0);
      const raw = planted
        ? `I think ${XSS_PAYLOADS[1]} ${XSS_PAYLOADS[2]} Answer: ${extracted ?? "?"}`
        : unparseable
          ? `I cannot tell.${padding}`
          : `Answer: ${extracted}${padding}`;
      return { itemId: item.id, correct, extracted, raw };
    });
    return buildModelResult({ model, kind: "llm", items, outcomes });
  });
  const guessRng = rng.fork("guess");
  const heuristics = [
    buildModelResult({
      model: "random-guess",
      kind: "heuristic",
      items,
      description: "uniform random option",
      expectedAccuracy: 0.25,
      outcomes: items.map((item) => {
        const pick = letterFor(guessRng.int(0, 3));
        return { itemId: item.id, correct: pick === item.answer, extracted: pick, raw: "" };
      }),
    }),
    buildModelResult({
      model: "always-longest",
      kind: "heuristic",
      items,
      description: "the option with the most characters",
      outcomes: items.map((item) => {
        const lengths = (item.options ?? []).map((option) => option.length);
        const pick = letterFor(lengths.indexOf(Math.max(...lengths)));
        return { itemId: item.id, correct: pick === item.answer, extracted: pick, raw: "" };
      }),
    }),
  ];
  const longest = heuristics[1] as ModelResult;
  const results: EvalResults = {
    benchmark: "synthetic.jsonl",
    itemCount: items.length,
    createdAt: "2026-01-01T00:00:00.000Z",
    models: [...llm, ...heuristics],
    rankConfidence: rankConfidenceMatrix(llm),
    rankModels: llm.map((model) => model.model),
    flags: answerArtifactFlags([
      { id: longest.model, correct: longest.correct, total: longest.total, chance: 0.25 },
    ]),
    chanceAccuracy: 0.25,
  };
  return { items, results };
}

const OPTION_INDEX: Record<string, number> = { A: 0, B: 1, C: 2, D: 3 };
