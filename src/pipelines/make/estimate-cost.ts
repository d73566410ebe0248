import { type MakeOptions, type ResolvedMakeOptions, resolveMakeOptions } from "./options.js";
import { MAKE_PROMPTS, type MakePromptName, type PromptTemplate } from "./prompts.js";

/** Calls and tokens one step is expected to take. */
interface StepEstimate {
  step: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export interface MakeCostEstimate {
  /** "direct", "full", or "full without attr, boost" etc. */
  configuration: string;
  setup: StepEstimate[];
  /**
   * Per accepted item without rejections; `discriminate` only runs when the test-takers' majority
   * disagrees, and the open format's judge only when an answer does not match its reference.
   */
  perItem: StepEstimate[];
  perItemCalls: { withoutDiscrimination: number; withDiscrimination: number };
  total: { minCalls: number; maxCalls: number; inputTokens: number; outputTokens: number };
  /** Ceiling from the attempt caps (every attempt rejected, every reply repaired once). */
  worstCaseCalls: number;
}

// Rough output sizes per step (tokens); the self-correction path is the long one.
const OUTPUT_TOKENS = {
  paraphraseDemand: 60,
  expandDemand: 300,
  generateAttributes: 400,
  generateStrategies: 400,
  generateItem: 700,
  directItem: 250,
  testTaker: 250,
  testTakerOpen: 200,
  discriminate: 300,
  convertOpen: 120,
} as const satisfies Record<MakePromptName, number>;

// Rough characters the slots add to each template (descriptions, the item, rationales).
const SLOT_CHARACTERS = {
  paraphraseDemand: 0,
  expandDemand: 0,
  generateAttributes: 400,
  generateStrategies: 400,
  generateItem: 1400,
  directItem: 900,
  testTaker: 600,
  testTakerOpen: 300,
  discriminate: 2200,
  convertOpen: 600,
} as const satisfies Record<MakePromptName, number>;

const REFERENCE_CHARACTERS = 450;

function estimate(name: MakePromptName, calls: number, demand: string, extraCharacters = 0): StepEstimate {
  const entry: PromptTemplate = MAKE_PROMPTS[name];
  const template = entry.template.length + (entry.tail?.length ?? 0);
  const characters = entry.system.length + template + demand.length + SLOT_CHARACTERS[name] + extraCharacters;
  return {
    step: entry.step,
    calls,
    inputTokens: calls * Math.ceil(characters / 4),
    outputTokens:
      calls * (name === "generateItem" && calls > 0 ? OUTPUT_TOKENS.generateItem : OUTPUT_TOKENS[name]),
  };
}

function describe(options: ResolvedMakeOptions): string {
  if (options.direct) return "direct";
  const off = (
    ["attributes", "strategies", "diffusion", "boost", "selfCorrect", "discriminate", "testTaker"] as const
  ).filter((component) => !options[component]);
  return off.length === 0 ? "full" : `full without ${off.join(", ")}`;
}

/** `--dry-run`: expected calls and tokens for a configuration, without calling anything. */
export function estimateMakeCost(options: MakeOptions): MakeCostEstimate {
  const resolved = resolveMakeOptions(options);
  const spec = resolved.spec ?? {};
  const setup = [
    estimate(
      "paraphraseDemand",
      resolved.paraphraseDemand && !spec.paraphrasedDemand ? 1 : 0,
      resolved.demand,
    ),
    estimate("expandDemand", spec.description ? 0 : 1, resolved.demand),
    estimate("generateAttributes", resolved.attributes && !spec.attributes ? 1 : 0, resolved.demand),
    estimate("generateStrategies", resolved.strategies && !spec.strategies ? 1 : 0, resolved.demand),
  ].filter((step) => step.calls > 0);
  const samples = resolved.boost ? resolved.candidates : 1;
  const generation = resolved.direct
    ? estimate("directItem", 1, resolved.demand)
    : estimate(
        "generateItem",
        samples,
        resolved.demand,
        resolved.diffusion ? resolved.references * REFERENCE_CHARACTERS : 0,
      );
  if (!resolved.direct && !resolved.selfCorrect) generation.outputTokens = samples * OUTPUT_TOKENS.directItem;
  const open = resolved.format === "open";
  // Test-takers run to label the item, or for discrimination's majority; discrimination judges both orders.
  const perItem = [
    generation,
    estimate(
      "testTaker",
      resolved.testTaker || resolved.discriminate ? resolved.testTakers : 0,
      resolved.demand,
    ),
    estimate("discriminate", resolved.discriminate ? 2 : 0, resolved.demand),
    estimate("convertOpen", open ? 1 : 0, resolved.demand),
    estimate("testTakerOpen", open && resolved.testTaker ? resolved.testTakers : 0, resolved.demand),
  ].filter((step) => step.calls > 0);
  const sum = (steps: StepEstimate[], key: "calls" | "inputTokens" | "outputTokens") =>
    steps.reduce((total, step) => total + step[key], 0);
  const discrimination = perItem.find((step) => step.step === MAKE_PROMPTS.discriminate.step)?.calls ?? 0;
  const perItemMax = sum(perItem, "calls");
  const setupCalls = sum(setup, "calls");
  return {
    configuration: describe(resolved),
    setup,
    perItem,
    perItemCalls: { withoutDiscrimination: perItemMax - discrimination, withDiscrimination: perItemMax },
    total: {
      minCalls: setupCalls + resolved.count * (perItemMax - discrimination),
      maxCalls: setupCalls + resolved.count * perItemMax,
      inputTokens: sum(setup, "inputTokens") + resolved.count * sum(perItem, "inputTokens"),
      outputTokens: sum(setup, "outputTokens") + resolved.count * sum(perItem, "outputTokens"),
    },
    worstCaseCalls: 2 * (setupCalls + resolved.maxTotalAttempts * perItemMax),
  };
}
