import { alignment } from "./alignment.js";
import { boundary } from "./boundary.js";
import { controllability } from "./controllability.js";
import type { CriterionEntry } from "./define-criterion.js";
import { effectiveness } from "./effectiveness.js";
import { efficiency } from "./efficiency.js";
import { faithfulness } from "./faithfulness.js";
import { knowledgeDiversity } from "./knowledge-diversity.js";
import { lexicalDiversity } from "./lexical-diversity.js";
import { robustness } from "./robustness.js";
import { semanticDiversity } from "./semantic-diversity.js";

/** The ten audit criteria, in table order. Each declares what it needs; the runner reads only that. */
export const CRITERIA = {
  faithfulness,
  alignment,
  "lexical-diversity": lexicalDiversity,
  "semantic-diversity": semanticDiversity,
  "knowledge-diversity": knowledgeDiversity,
  controllability,
  boundary,
  effectiveness,
  robustness,
  efficiency,
} as const satisfies Record<string, CriterionEntry>;

export type CriterionId = keyof typeof CRITERIA;
export type { CriterionEntry } from "./define-criterion.js";
export * from "./discover/index.js";
export type { RunAccountingDetails } from "./efficiency.js";
export type { DebiasFit, JudgeScaleDetails, ScaledAssessment } from "./judge-scale.js";
export { createModelEmbedder } from "./model-embedder.js";
export * from "./types.js";
