import type { Command } from "commander";
import type { AuditOptions } from "../../index.js";
import { addFlags, asChoice, asInteger, asList, asText, type FlagTable, readFlags } from "../flag-table.js";
import { RUN_FLAGS, type RunFlagOptions } from "../run-flags.js";

/** What `benchsmith audit` takes besides the benchmark: mostly files, read into AuditOptions. */
export interface AuditCommandOptions
  extends Pick<AuditOptions, "judge" | "judgeMode" | "demand" | "generatingRun"> {
  results?: string;
  models?: string[];
  referenceResults?: string;
  paraphraseResults?: string;
  embedder?: string;
  compare?: string[];
  referenceBench?: string;
  leakageRefs?: string[];
  leakageData?: string;
  builtinLeakage?: boolean;
  prune?: boolean;
  out?: string;
  seed?: number;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Every audit option and its flag (null: repeatable, declared in addAuditFlags with commander's collector). */
export const AUDIT_FLAGS: FlagTable<AuditCommandOptions> = {
  results: {
    flag: "--results <file>",
    description: "results.json from `benchsmith eval` on this benchmark",
    parse: asText,
  },
  models: {
    flag: "--models <refs>",
    description: "comma-separated model refs to evaluate now (when no --results)",
    parse: asList,
  },
  referenceResults: {
    flag: "--reference-results <file>",
    description: "results.json of the same models on a reference benchmark (effectiveness)",
    parse: asText,
  },
  paraphraseResults: {
    flag: "--paraphrase-results <file>",
    description: "results.json on a benchmark made from a paraphrased demand (robustness)",
    parse: asText,
  },
  judge: {
    flag: "--judge <model>",
    description: "judge model for faithfulness and alignment",
    parse: asText,
  },
  judgeMode: {
    flag: "--judge-mode <mode>",
    description: "itemwise | comparison",
    parse: asChoice(["itemwise", "comparison"]),
  },
  demand: {
    flag: "--demand <text>",
    description: "the demand the benchmark was made for (alignment; default: the --run's)",
    parse: asText,
  },
  compare: null,
  referenceBench: {
    flag: "--reference-bench <file>",
    description:
      "human-written benchmark for the same demand, rated by the same judge: faithfulness and alignment relative to it (= 1)",
    parse: asText,
  },
  embedder: {
    flag: "--embedder <model>",
    description: "embedding model for semantic diversity",
    parse: asText,
  },
  generatingRun: {
    flag: "--run <id>",
    description: "id of the run that generated the benchmark (efficiency, demand)",
    parse: asText,
  },
  leakageRefs: null,
  leakageData: {
    flag: "--leakage-data <dir>",
    description:
      "folder with the built-in reference sets mmlu/test.jsonl, mmlu-pro/items.jsonl (default: $BENCHSMITH_REFERENCE_DATA, else none)",
    parse: asText,
  },
  builtinLeakage: {
    flag: "--no-builtin-leakage",
    description: "skip the built-in MMLU / MMLU-Pro reference sets",
  },
  prune: { flag: "--prune", description: "write the items IRT calibration keeps (needs --out)" },
  out: { flag: "--out <file>", description: "where --prune writes the kept items", parse: asText },
  seed: { flag: "--seed <n>", description: "seed for sampling and bootstraps", parse: asInteger },
};

/** audit has no --resume (calls already made are served from the response cache on a re-run). */
const BUDGET_FLAGS: FlagTable<Omit<RunFlagOptions, "resume">> = {
  maxCostUsd: RUN_FLAGS.maxCostUsd,
  maxCalls: RUN_FLAGS.maxCalls,
};

/** Declares every audit flag on `command`; defaults shown in help are the library's. */
export function addAuditFlags(
  command: Command,
  defaults: Partial<Record<keyof AuditCommandOptions, unknown>>,
): void {
  addFlags(command, AUDIT_FLAGS, defaults);
  addFlags(command, BUDGET_FLAGS);
  command
    .option(
      "--compare <file>",
      "another benchmark JSONL judged alongside for the debiasing regression (repeatable)",
      collect,
      [],
    )
    .option(
      "--leakage-ref <file>",
      "JSONL of public items to check overlap against (repeatable)",
      collect,
      [],
    );
}

/** The options typed on the command line, the repeatable ones as lists (empty when not given). */
export function readAuditFlags(
  command: Command,
): AuditCommandOptions & Required<Pick<AuditCommandOptions, "compare" | "leakageRefs">> {
  const { compare, leakageRef } = command.opts<{ compare: string[]; leakageRef: string[] }>();
  return { ...readFlags(command, AUDIT_FLAGS), compare, leakageRefs: leakageRef };
}
