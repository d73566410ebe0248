import type { MakeOptions } from "../../index.js";
import { asChoice, asInteger, asText, type FlagTable } from "../flag-table.js";

/** Every MakeOptions field and the flag that sets it (null: set another way). */
export const MAKE_FLAGS: FlagTable<MakeOptions> = {
  demand: null, // the [demand] argument, or the spec file's
  spec: null, // read from --spec <file>
  count: { flag: "-n, --count <n>", description: "items to generate", parse: asInteger },
  generator: {
    flag: "--generator <model>",
    description: "generator model (default: the configured default model)",
    parse: asText,
  },
  optionCount: {
    flag: "--options <n>",
    description: "MCQ options per item: 4 or 10",
    parse: (text, flag) => (asChoice(["4", "10"])(text, flag) === "4" ? 4 : 10),
  },
  format: {
    flag: "--format <format>",
    description: "mcq, or open (MCQ generated and checked, then converted)",
    parse: asChoice(["mcq", "open"]),
  },
  seed: {
    flag: "--seed <n>",
    description: "seed for attributes, references and option order",
    parse: asInteger,
  },
  paraphraseDemand: {
    flag: "--paraphrase-demand",
    description: "let the generator rewrite the demand first (robustness audits)",
  },
  attributes: { flag: "--no-attr", description: "no AttrPrompt attributes" },
  strategies: { flag: "--no-strategies", description: "no difficulty strategies" },
  diffusion: { flag: "--no-diffusion", description: "no difficulty-diffusion references" },
  boost: { flag: "--no-boost", description: "one candidate instead of L (no diversity boosting)" },
  selfCorrect: {
    flag: "--no-self-correct",
    description: "no stepwise self-correction in the generation prompt",
  },
  discriminate: {
    flag: "--no-discriminate",
    description: "keep conflicting items as labelled (no contrastive discrimination)",
  },
  testTaker: {
    flag: "--no-test-taker",
    description: "label from the generator's own 1-10 rating, not the test-takers (+DiffControl ablation)",
  },
  direct: {
    flag: "--direct",
    description:
      "the paper's Direct Prompt baseline: demand expansion, then one call per item that rates itself",
  },
  testTakers: {
    flag: "--test-takers <T>",
    description: "test-taker answers per item (difficulty label)",
    parse: asInteger,
  },
  candidates: {
    flag: "--candidates <L>",
    description: "candidates per item for diversity boosting",
    parse: asInteger,
  },
  references: {
    flag: "--references <R>",
    description: "references per item for difficulty diffusion",
    parse: asInteger,
  },
  difficultyLevels: {
    flag: "--difficulty-levels <n>",
    description: "bins of the ranked difficulty combinations (the run moves through them easy to hard)",
    parse: asInteger,
  },
  concurrency: {
    flag: "--concurrency <n>",
    description: "slots worked on at the same time",
    parse: asInteger,
  },
  maxAttemptsPerSlot: null,
  maxTotalAttempts: null,
  duplicateThreshold: null,
  shuffleOptions: null,
  generationTemperature: null,
  batchSamples: {
    flag: "--no-batch-samples",
    description: "one request per sample, on every provider (the paper's design)",
  },
};
