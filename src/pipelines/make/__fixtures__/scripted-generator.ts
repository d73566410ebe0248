import type { PipelineContext } from "../../../core/context.js";
import { silentLogger, silentProgress } from "../../../core/context.js";
import type { GenerateOptions, LanguageModel } from "../../../core/language-model.js";
import { createRng, hashString } from "../../../core/rng.js";
import type { RunStore } from "../../../core/store-spec.js";
import { MockLanguageModel } from "../../../testing/index.js";

/** The `### step` heading of the first user message (what every make prompt starts with); "judge" for eval's judge. */
export function stepOf(options: GenerateOptions): string {
  const first = options.messages.find((message) => message.role === "user")?.content ?? "";
  if (first.includes("\nReference answer:\n") && first.includes("\nCandidate answer:\n")) return "judge";
  return /^### ([a-z-]+)/.exec(first)?.[1] ?? "unknown";
}

export function firstUserMessage(options: GenerateOptions): string {
  return options.messages.find((message) => message.role === "user")?.content ?? "";
}

/**
 * The request's prompt as one text: its user messages up to the first reply, joined (a generation
 * prompt is a shared prefix and a per-attempt tail; a repair's correction comes after the reply).
 */
export function promptText(options: GenerateOptions): string {
  const firstReply = options.messages.findIndex((message) => message.role === "assistant");
  return options.messages
    .slice(0, firstReply === -1 ? undefined : firstReply)
    .flatMap((message) => (message.role === "user" ? [message.content] : []))
    .join("\n\n");
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
  /** The open form's test-taker; `key` is the reference the scripted conversion hid in the question. */
  openTestTaker?: (context: ScriptContext & { key: string }) => string | undefined;
  discriminate?: (context: ScriptContext) => string | undefined;
  convertOpen?: (context: ScriptContext) => string | undefined;
  /** Eval's open-answer judge (default: "correct" when the normalised answers are equal). */
  judge?: (context: ScriptContext) => string | undefined;
  /** Setup replies by step ("generate-attributes", ...), replacing the defaults. */
  setup?: Record<string, (context: ScriptContext) => string>;
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
  const rated = context.prompt.includes('"difficulty"');
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
    ...(rated ? { difficulty: rng.int(1, 10) } : {}),
  });
}

/** The keyed option's text in a convert-open prompt ("Correct answer: B. text"). */
function keyedText(prompt: string): string {
  return /Correct answer: [A-Z]\. (.*)/.exec(prompt)?.[1] ?? "?";
}

/** Default reply of a setup step. */
const SETUP: Record<string, string> = {
  "paraphrase-demand": JSON.stringify({ paraphrase: "PARAPHRASED demand about geography" }),
  "expand-demand": JSON.stringify({ task: "TASK-DESC", query: "QUERY-DESC", options: "OPTIONS-DESC" }),
  "generate-attributes": JSON.stringify({
    attributes: [
      { name: "region", values: ["europe", "asia", "africa"] },
      { name: "kind", values: ["river", "mountain"] },
    ],
  }),
  "generate-strategies": JSON.stringify({
    dimensions: [
      {
        name: "steps",
        values: [
          { value: "STEPS-1", difficulty: 1 },
          { value: "STEPS-5", difficulty: 6 },
        ],
      },
      {
        name: "trap",
        values: [
          { value: "TRAP-none", difficulty: 1 },
          { value: "TRAP-subtle", difficulty: 4 },
        ],
      },
    ],
  }),
};

/** A MockLanguageModel that plays the generator for every make step. */
export function scriptedGenerator(script: Script = {}): MockLanguageModel {
  return new MockLanguageModel({
    modelId: "scripted-generator",
    respond: async (options, callIndex) => {
      if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
      const context: ScriptContext = {
        prompt: promptText(options),
        sampleIndex: options.sampleIndex ?? 0,
        options,
        callIndex,
      };
      const step = stepOf(options);
      const setup = script.setup?.[step] ?? (SETUP[step] === undefined ? undefined : () => SETUP[step] ?? "");
      if (setup) return setup(context);
      switch (step) {
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
        case "test-taker-open": {
          const key = /\[key: ([^\]]*)\]/.exec(context.prompt)?.[1] ?? "?";
          return (
            script.openTestTaker?.({ ...context, key }) ??
            JSON.stringify({ reasoning: "recall", answer: key })
          );
        }
        case "discriminate":
          return (
            script.discriminate?.(context) ??
            JSON.stringify({ comparison: "solution 1 holds", verdict: "flawed" })
          );
        case "convert-open": {
          // The open question hides its key, so the scripted open test-taker can answer it.
          const key = keyedText(context.prompt);
          return (
            script.convertOpen?.(context) ??
            JSON.stringify({
              question: `OPEN ${/Question: (.*)/.exec(context.prompt)?.[1]} [key: ${key}]`,
              answer: key,
            })
          );
        }
        case "judge": {
          const reference = /Reference answer:\n(.*)/.exec(context.prompt)?.[1] ?? "";
          const candidate = /Candidate answer:\n(.*)/.exec(context.prompt)?.[1] ?? "";
          const same = reference.toLowerCase().trim() === candidate.toLowerCase().trim();
          return script.judge?.(context) ?? JSON.stringify({ verdict: same ? "correct" : "incorrect" });
        }
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
