import type { PipelineContext } from "../../core/context.js";
import type { LanguageModel } from "../../core/language-model.js";
import type { CardRow, DatasetCard } from "../../sources/dataset-cards/index.js";
import type { PlanCandidateRunner } from "./control-candidate.js";
import type { ResolvedPlanOptions } from "./options.js";
import type { PlanBook } from "./plan-book.js";
import type { PlannedSource } from "./plan-document.js";
import type { SourceRows } from "./source-rows.js";
import type { ScratchBatch, ScratchItem } from "./write-from-scratch.js";

/** What executing a subtask needs: the run, its bookkeeping, the rows, the models, and make for scratch items. */
export interface ExecutionEnv {
  context: PipelineContext;
  book: PlanBook;
  rows: SourceRows;
  cards: ReadonlyMap<string, DatasetCard>;
  executor: LanguageModel;
  verifier: LanguageModel;
  options: Pick<
    ResolvedPlanOptions,
    | "executor"
    | "verifier"
    | "concurrency"
    | "maxFixes"
    | "attemptsPerItem"
    | "optionCount"
    | "fromScratch"
    | "seed"
  >;
  scratch: (count: number, taken: ReadonlySet<string>) => Promise<ScratchBatch>;
  /** `plan --queue`: the waves' realization and QC run on queue workers. */
  remote?: PlanCandidateRunner | undefined;
}

/** One candidate of a wave: a source row, or an item make wrote from scratch. */
export type Candidate = { source: PlannedSource; row: CardRow } | { scratch: ScratchItem };
