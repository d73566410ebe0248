import type { ItemView, ModelSummary } from "./report-data.js";
import type { DifficultySummary } from "./report-sections.js";

const CALIBRATION_BINS = 10;
const HISTOGRAM_BINS = 20;

/**
 * The difficulty page's data: accuracy per bucket per llm model (from the eval's buckets), label bins
 * against the observed error (share of llm answers that are wrong), and a histogram of the labels.
 * Undefined when no item carries a label and no model has buckets.
 */
export function buildDifficultySummary(
  items: readonly ItemView[],
  models: readonly ModelSummary[],
): DifficultySummary | undefined {
  const llm = models.flatMap((model, index) => (model.kind === "llm" ? [index] : []));
  const calibration = Array.from({ length: CALIBRATION_BINS }, (_, bin) => ({
    low: bin / CALIBRATION_BINS,
    high: (bin + 1) / CALIBRATION_BINS,
    labelSum: 0,
    wrong: 0,
    answered: 0,
    items: 0,
  }));
  const histogram = Array.from({ length: HISTOGRAM_BINS }, (_, bin) => ({
    low: bin / HISTOGRAM_BINS,
    high: (bin + 1) / HISTOGRAM_BINS,
    count: 0,
  }));
  let unlabelled = 0;
  for (const item of items) {
    if (item.difficulty === undefined) {
      unlabelled++;
      continue;
    }
    // A label of exactly 1 belongs to the last bin.
    const histogramBin =
      histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(item.difficulty * HISTOGRAM_BINS))];
    if (histogramBin) histogramBin.count++;
    const bin = calibration[Math.min(CALIBRATION_BINS - 1, Math.floor(item.difficulty * CALIBRATION_BINS))];
    if (!bin) continue;
    let wrong = 0;
    let answered = 0;
    for (const model of llm) {
      const answer = item.answers[model];
      if (!answer) continue;
      answered++;
      if (!answer[0]) wrong++;
    }
    if (answered === 0) continue;
    bin.labelSum += item.difficulty;
    bin.wrong += wrong;
    bin.answered += answered;
    bin.items++;
  }
  const byModel = llm.flatMap((index) => {
    const model = models[index];
    return model && model.byDifficulty.length > 0 ? [{ model: model.model, points: model.byDifficulty }] : [];
  });
  if (unlabelled === items.length && byModel.length === 0) return undefined;
  return {
    byModel,
    calibration: calibration
      .filter((bin) => bin.items > 0)
      .map((bin) => ({
        low: bin.low,
        high: bin.high,
        meanLabel: bin.labelSum / bin.items,
        observedError: bin.wrong / bin.answered,
        items: bin.items,
      })),
    histogram: histogram.map((bin) => ({ low: bin.low, high: bin.high, count: bin.count })),
    unlabelled,
  };
}
