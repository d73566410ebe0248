import type { ScoreComponents, Scoring } from "./plan-document.js";

/**
 * Benchmark Agent's weights: final = 0.3 * overall + 0.7 * (0.45 alignment + 0.35 coverage +
 * 0.10 simplicity + 0.10 (1 - risk)); a candidate is kept at >= 0.53.
 */
export const PLAN_SCORING: Scoring = {
  overall: 0.3,
  alignment: 0.45,
  coverage: 0.35,
  simplicity: 0.1,
  risk: 0.1,
  threshold: 0.53,
};

/** The final score of a candidate source under `scoring` (risk counts as 1 - risk). */
export function sourceScore(components: ScoreComponents, scoring: Scoring): number {
  const criteria =
    scoring.alignment * components.alignment +
    scoring.coverage * components.coverage +
    scoring.simplicity * components.simplicity +
    scoring.risk * (1 - components.risk);
  return scoring.overall * components.overall + (1 - scoring.overall) * criteria;
}

const show = (value: number): string => String(Number(value.toFixed(4)));

/** The formula with its weights filled in, as the plan and the report show it. */
export function scoreFormula(scoring: Scoring): string {
  return (
    `final = ${show(scoring.overall)} * overall + ${show(1 - scoring.overall)} * (` +
    `${show(scoring.alignment)} * alignment + ${show(scoring.coverage)} * coverage + ` +
    `${show(scoring.simplicity)} * simplicity + ${show(scoring.risk)} * (1 - risk)); ` +
    `kept at >= ${show(scoring.threshold)}`
  );
}
