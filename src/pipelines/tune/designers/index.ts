import { bestOfNDesigner } from "./best-of-n.js";
import type { Designer } from "./designer.js";
import { proposeWithModel } from "./llm.js";
import { oneShotDesigner } from "./one-shot.js";
import { optimizerDesigner } from "./optimizer.js";
import { randomDesigner } from "./random.js";
import { rsPprDesigner } from "./rs-ppr.js";

/** BeTaL's designer: an LLM sees the parameter schema, the target and every measurement so far. */
const llmDesigner: Designer = {
  id: "llm",
  description:
    "BeTaL's designer: an LLM proposes params from the schema, target and full history at the designer temperature (falls back to the optimizer on bad output)",
  usesFeedback: true,
  needsModel: true,
  singleProposal: false,
  stopsWhenConfirmed: true,
  propose: (input) =>
    proposeWithModel(input, {
      withHistory: true,
      id: "llm",
      fallback: (next) => optimizerDesigner.propose(next),
    }),
};

/** Designers by id. `optimizer` is the embedded, model-free default. */
export const DESIGNERS = {
  llm: llmDesigner,
  optimizer: optimizerDesigner,
  "rs-ppr": rsPprDesigner,
  "best-of-n": bestOfNDesigner,
  random: randomDesigner,
  "one-shot": oneShotDesigner,
} as const satisfies Record<string, Designer>;

export type DesignerName = keyof typeof DESIGNERS;
export type { Designer, DesignerInput } from "./designer.js";
