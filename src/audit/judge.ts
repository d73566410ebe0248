import type { ScaledAssessment } from "../metrics/judge-scale.js";
import type { JudgeAspect, JudgeService } from "../metrics/types.js";
import { judgeByComparison } from "./judge-comparison.js";
import { judgeItemwise } from "./judge-itemwise.js";
import type { JudgeServiceOptions } from "./judge-options.js";

export type { JudgedBenchmark, JudgeServiceOptions } from "./judge-options.js";

/** Builds the judge the faithfulness/alignment criteria call; each aspect is judged once and cached. */
export function createJudgeService(options: JudgeServiceOptions): JudgeService {
  const cache = new Map<JudgeAspect, Promise<ScaledAssessment>>();
  return {
    label: options.label,
    assess({ aspect }) {
      let pending = cache.get(aspect);
      if (pending === undefined) {
        pending =
          options.mode === "itemwise" ? judgeItemwise(options, aspect) : judgeByComparison(options, aspect);
        cache.set(aspect, pending);
      }
      return pending;
    },
  };
}
