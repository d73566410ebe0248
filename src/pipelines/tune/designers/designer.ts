import type { PipelineContext } from "../../../core/context.js";
import type { Rng } from "../../../core/rng.js";
import type { HistoryEntry, PendingProposal } from "../history.js";
import type { ParamSpec } from "../param-space.js";
import type { TuneTemplate } from "../template.js";

export interface DesignerInput {
  template: TuneTemplate;
  specs: readonly ParamSpec[];
  target: number;
  tolerance: number;
  history: readonly HistoryEntry[];
  /** 0-based iteration about to run. */
  iteration: number;
  maxIters: number;
  /** Independent stream for this iteration (a resumed run draws the same values). */
  rng: Rng;
  context: PipelineContext;
  /** Model ref for designers that need one. */
  model?: string | undefined;
  /** Sampling temperature for a model designer (BeTaL: 0.5). */
  temperature: number;
}

/** A designer proposes the next params. Each entry declares what the loop needs to know about it. */
export interface Designer {
  id: string;
  description: string;
  /** Whether it reads the history (false: the paper's no-feedback baseline). */
  usesFeedback: boolean;
  /** Whether a model ref must be given (LLM designers). */
  needsModel: boolean;
  /** Whether it proposes once and the loop stops after that single measurement. */
  singleProposal: boolean;
  /** Whether the loop stops at the first confirmed hit (false: best-of-N measures all N proposals). */
  stopsWhenConfirmed: boolean;
  propose(input: DesignerInput): Promise<PendingProposal>;
}
