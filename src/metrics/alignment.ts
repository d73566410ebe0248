import { judgeCriterion } from "./judge-criterion.js";

export const alignment = judgeCriterion({
  aspect: "alignment",
  description:
    "Judge verdict (0 / 0.5 / 1) that the item tests what the demand asks for; debiased against other generators",
});
