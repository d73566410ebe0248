import { judgeCriterion } from "./judge-criterion.js";

export const faithfulness = judgeCriterion({
  aspect: "faithfulness",
  description:
    "Judge verdict (0 / 0.5 / 1) that the item is answerable and its key right; debiased against other generators",
});
