import { type PlanOptions, UserInputError } from "../../index.js";
import { asChoice, asInteger, asNumber, asText, type FlagTable } from "../flag-table.js";

const WEIGHT_NAMES = ["overall", "alignment", "coverage", "simplicity", "risk"] as const;

/** `alignment=0.5,risk=0.2` -> { alignment: 0.5, risk: 0.2 } (names checked here; ranges by the library). */
export function parseScoreWeights(text: string, flag: string): NonNullable<PlanOptions["scoreWeights"]> {
  const weights: Record<string, number> = {};
  for (const part of text
    .split(",")
    .map((piece) => piece.trim())
    .filter((piece) => piece !== "")) {
    const [name, value, extra] = part.split("=").map((piece) => piece.trim());
    const weight = Number(value);
    if (
      !name ||
      !(WEIGHT_NAMES as readonly string[]).includes(name) ||
      extra !== undefined ||
      value === "" ||
      !Number.isFinite(weight)
    )
      throw new UserInputError(
        `${flag}: cannot read "${part}"`,
        `write name=weight pairs; names: ${WEIGHT_NAMES.join(", ")}`,
      );
    weights[name] = weight;
  }
  return weights;
}

/** Every PlanOptions field and the flag that sets it (null: set another way). */
export const PLAN_FLAGS: FlagTable<PlanOptions> = {
  query: null, // the <query> argument, or the --plan file's
  size: { flag: "--size <n>", description: "items in the benchmark (quotas sum to it)", parse: asInteger },
  model: {
    flag: "--model <planner>",
    description: "planner model: design and grounding (default: the configured default model)",
    parse: asText,
  },
  executor: {
    flag: "--executor <model>",
    description: "realizes and repairs items (default: the planner)",
    parse: asText,
  },
  verifier: {
    flag: "--verifier <model>",
    description: "inspects every item (default: the executor)",
    parse: asText,
  },
  datasets: {
    flag: "--datasets <paths...>",
    description:
      "dataset files (JSONL, JSON, CSV, Parquet) or folders (Hugging Face-style with a README card)",
  },
  docs: {
    flag: "--docs <dir>",
    description: "documents that items written from scratch are grounded on",
    parse: asText,
  },
  maxSubtasks: {
    flag: "--max-subtasks <n>",
    description: "subtasks the design agent may propose",
    parse: asInteger,
  },
  fromScratch: {
    flag: "--from-scratch <mode>",
    description: "auto (subtasks or shortfalls without a source), never (back to design instead), only",
    parse: asChoice(["auto", "never", "only"]),
  },
  seed: { flag: "--seed <n>", description: "seed for row order and option positions", parse: asInteger },
  concurrency: {
    flag: "--concurrency <n>",
    description: "items realized and inspected at the same time",
    parse: asInteger,
  },
  scoreWeights: {
    flag: "--score-weights <list>",
    description:
      "source score weights, e.g. overall=0.3,alignment=0.45,coverage=0.35,simplicity=0.1,risk=0.1",
    parse: parseScoreWeights,
  },
  keepThreshold: {
    flag: "--keep-threshold <score>",
    description: "sources scoring below it are not used",
    parse: asNumber,
  },
  candidates: {
    flag: "--candidates <n>",
    description: "dataset cards retrieved per subtask",
    parse: asInteger,
  },
  designRounds: {
    flag: "--design-rounds <n>",
    description: "design <-> grounding rounds (at most 4)",
    parse: asInteger,
  },
  allocationRounds: {
    flag: "--allocation-rounds <n>",
    description: "diagnosis and re-allocation rounds (at most 3)",
    parse: asInteger,
  },
  sourceCap: {
    flag: "--source-cap <share>",
    description: "share of a quota one source gets before others are asked",
    parse: asNumber,
  },
  maxFixes: {
    flag: "--max-fixes <n>",
    description: "wording/format repairs per item before it is rejected",
    parse: asInteger,
  },
  attemptsPerItem: {
    flag: "--attempts-per-item <n>",
    description: "candidates tried per item of a quota before it counts as short",
    parse: asInteger,
  },
  optionCount: {
    flag: "--options <n>",
    description: "options of choice items built from open rows or from scratch: 4 or 10",
    parse: (text, flag) => asInteger(text, flag) as 4 | 10,
  },
  duplicateThreshold: null,
  planOnly: {
    flag: "--plan-only",
    description: "stop after planning (with --save-plan: edit the plan, then run it with --plan)",
  },
  plan: null, // read from --plan <file>
  scratch: null,
  cards: null,
};
