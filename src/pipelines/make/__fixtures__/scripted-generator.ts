import type { PipelineContext } from "../../../core/context.js";
import { silentLogger, silentProgress } from "../../../core/context.js";
import type { GenerateOptions, LanguageModel } from "../../../core/language-model.js";
import { createRng, hashString } from "../../../core/rng.js";
import type { RunStore } from "../../../core/store-spec.js";
import { MockLanguageModel } from "../../../testing/index.js";

/** The `### step` heading of the first user message (what every make prompt starts with). */
export function stepOf(options: GenerateOptions): string {
  const first = options.messages.find((message) => message.role === "user");
  return /^### ([a-z-]+)/.exec(first?.content ?? "")?.[1] ?? "unknown";
}

export function firstUserMessage(options: GenerateOptions): string {
  return options.messages.find((message) => message.role === "user")?.content ?? "";
}

/** Letter of the option whose text starts with RIGHT in a rendered option list ("B. RIGHT ..."). */
export function rightLetter(prompt: string): string {
  return /^([A-Z])\. RIGHT/m.exec(prompt)?.[1] ?? "?";
}

const WORDS = (
  "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec " +
  "romeo sierra tango uniform victor whiskey xray yankee zulu amber basalt cobalt dune ember fjord glacier " +
  "harbor island jungle karst lagoon mesa nebula oasis prairie quartz reef savanna tundra upland valley " +
  "wetland yardang zenith"
).split(" ");

export interface ScriptContext {
  prompt: string;
  sampleIndex: number;
  options: GenerateOptions;
  callIndex: number;
}

/** Per-step overrides; each returns the reply text (undefined = the default reply). */
export interface Script {
  item?: (context: ScriptContext) => string | undefined;
  testTaker?: (context: ScriptContext & { right: string }) => string | undefined;
  discriminate?: (context: ScriptContext) => string | undefined;
  /** Delay every reply (ms), to observe concurrency. */
  delayMs?: number;
}

/** A question whose words depend only on the request, so the same request always gets the same item. */
export function defaultItem(context: ScriptContext): string {
  const rng = createRng(hashString(`${context.prompt}#${context.sampleIndex}`));
  const optionCount = Number(/exactly (\d+) options/.exec(context.prompt)?.[1] ?? "4");
  const topic = rng.sample(WORDS, 6).join(" ");
  const options = [
    `RIGHT ${rng.pick(WORDS)}`,
    ...Array.from({ length: optionCount - 1 }, (_, index) => `wrong ${index} ${rng.pick(WORDS)}`),
  ];
  const stepwise = context.prompt.includes('"analysis"');
  return JSON.stringify({
    ...(stepwise
      ? {
          analysis: "tests recall",
          draft: "draft",
          solution: "solve it",
          distractors: "plausible",
          recheck: "one correct",
        }
      : {}),
    question: `Which of these concerns ${topic}?`,
    options,
    answer: "A",
    explanation: "the RIGHT one",
  });
}

/** A MockLanguageModel that plays the generator for every make step. */
export function scriptedGenerator(script: Script = {}): MockLanguageModel {
  return new MockLanguageModel({
    modelId: "scripted-generator",
    respond: async (options, callIndex) => {
      if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
      const context: ScriptContext = {
        prompt: firstUserMessage(options),
        sampleIndex: options.sampleIndex ?? 0,
        options,
        callIndex,
      };
      switch (stepOf(options)) {
        case "paraphrase-demand":
          return JSON.stringify({ paraphrase: "PARAPHRASED demand about geography" });
        case "expand-demand":
          return JSON.stringify({ task: "TASK-DESC", query: "QUERY-DESC", options: "OPTIONS-DESC" });
        case "generate-attributes":
          return JSON.stringify({
            attributes: [
              { name: "region", values: ["europe", "asia", "africa"] },
              { name: "kind", values: ["river", "mountain"] },
            ],
          });
        case "generate-strategies":
          return JSON.stringify({
            levels: [
              { level: 1, strategies: ["STRAT-1a", "STRAT-1b"] },
              { level: 2, strategies: ["STRAT-2a"] },
              { level: 3, strategies: ["STRAT-3a"] },
            ],
          });
        case "generate-item":
        case "direct-item":
          return script.item?.(context) ?? defaultItem(context);
        case "test-taker": {
          const right = rightLetter(context.prompt);
          return (
            script.testTaker?.({ ...context, right }) ??
            JSON.stringify({ reasoning: "it is RIGHT", answer: right })
          );
        }
        case "discriminate":
          return (
            script.discriminate?.(context) ??
            JSON.stringify({ comparison: "solution 1 holds", verdict: "flawed" })
          );
        case "convert-open":
          return JSON.stringify({
            question: `OPEN ${/Question: (.*)/.exec(context.prompt)?.[1]}`,
            answer: "OPEN answer",
          });
        default:
          return "unrecognised prompt";
      }
    },
  });
}

/** Calls per step recorded by a mock. */
export function callsByStep(model: MockLanguageModel): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of model.calls) counts[stepOf(call)] = (counts[stepOf(call)] ?? 0) + 1;
  return counts;
}

export function testContext(options: {
  store: RunStore;
  model: LanguageModel;
  runId?: string;
  seed?: number;
}): PipelineContext {
  return {
    runId: options.runId ?? "run-test",
    store: options.store,
    resolveModel: () => options.model,
    rng: createRng(options.seed ?? 7),
    progress: silentProgress,
    log: silentLogger,
  };
}
