import type { CriterionEntry } from "./define-criterion.js";
import { defineCriterion, formatNumber } from "./define-criterion.js";
import { isDebiased, type ScaledAssessment } from "./judge-scale.js";
import type { CriterionValue, JudgeAspect } from "./types.js";

/**
 * Faithfulness and alignment share this shape: ask the judge service, show the score on the
 * judge's scale, "debiased" only when the regression had something to fit, and our score with a
 * human reference benchmark = 1 when one was judged (the headline then, as in BenchMaker's Table 2).
 */
export function judgeCriterion(options: { aspect: JudgeAspect; description: string }): CriterionEntry {
  return defineCriterion({
    id: options.aspect,
    description: options.description,
    higherIsBetter: true,
    needs: ["items", "judge"],
    async compute({ judge }) {
      const assessment: ScaledAssessment = await judge.assess({ aspect: options.aspect });
      if (assessment.unavailable !== undefined) {
        return {
          value: undefined,
          display: `n/a — needs ${assessment.unavailable}`,
          notes: "",
          used: judge.label,
        };
      }
      const target = assessment.benchmarks.find((entry) => entry.name === assessment.target);
      if (target === undefined || target.rated === 0) {
        return { value: undefined, display: "n/a — the judge rated no item", notes: "", used: judge.label };
      }
      return describe(assessment, target);
    },
  });
}

type BenchmarkScore = ScaledAssessment["benchmarks"][number];

function describe(assessment: ScaledAssessment, target: BenchmarkScore): CriterionValue {
  const debiased = isDebiased(assessment.fit);
  const score = debiased ? target.debiased : target.raw;
  const label = debiased
    ? `${formatNumber(target.debiased, 2)} debiased (raw ${formatNumber(target.raw, 2)})`
    : `${formatNumber(target.raw, 2)} raw (not debiased: one generator)`;
  const reference = assessment.reference;
  const normalised = reference?.normalised;
  const notes = [
    `${assessment.scale ?? "judge scale"}; ${assessment.mode}; ${target.rated} rated, ${target.failed} unparseable`,
    fitNote(assessment),
    ...(reference
      ? [`reference ${reference.name} ${formatNumber(reference.value, 2)} = 1 (${reference.rule})`]
      : []),
    comparedNote(assessment, debiased),
  ].filter((note) => note !== "");
  return {
    value: reference ? normalised : score,
    display: reference
      ? `${formatNumber(normalised, 2)} of reference (ours ${formatNumber(score, 2)} ${debiased ? `debiased, raw ${formatNumber(target.raw, 2)}` : "raw"})`
      : label,
    notes: notes.join("; "),
    used: assessment.judge,
  };
}

/** What the debiasing did, naming only coefficients it estimated. */
function fitNote(assessment: ScaledAssessment): string {
  switch (assessment.fit) {
    case "generators+length":
      return `regression on ${assessment.generators} generators + judge length (${formatNumber(assessment.lengthCoefficient, 4)}/word)`;
    case "generators-only":
      return `regression on ${assessment.generators} generators only (judge length confounded with generator)`;
    case "both-orders":
      return "each pair judged in both orders (position bias cancelled)";
    case "none":
      return "pass --compare or --reference-bench to give the regression a second generator";
    default:
      return "";
  }
}

function comparedNote(assessment: ScaledAssessment, debiased: boolean): string {
  const others = assessment.benchmarks
    .filter((entry) => entry.name !== assessment.target && entry.name !== assessment.reference?.name)
    .map((entry) => `${entry.name} ${formatNumber(debiased ? entry.debiased : entry.raw, 2)}`);
  return others.length ? `compared: ${others.join(", ")}` : "";
}
