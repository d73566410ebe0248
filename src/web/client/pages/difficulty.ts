import { bucketLinesPlot, calibrationPlot, histogramPlot } from "../difficulty-plots.js";
import { el, formatNumber, section, table } from "../dom.js";
import type { PageDefinition } from "../page.js";

/** Difficulty: accuracy by bucket per model, label vs observed error, and the label histogram. */
export const difficultyPage: PageDefinition = {
  id: "difficulty",
  title: "Difficulty",
  needs: ["difficulty"],
  render({ summary }) {
    const difficulty = summary.difficulty;
    const body = el("div", {});
    if (!difficulty) return body;
    if (difficulty.byModel.length > 0)
      body.append(
        section(
          "Accuracy by difficulty",
          { testid: "difficulty-by-model" },
          bucketLinesPlot(difficulty.byModel),
        ),
      );
    if (difficulty.calibration.length > 0)
      body.append(
        section(
          "Label vs observed error",
          { testid: "difficulty-calibration-section" },
          calibrationPlot(difficulty.calibration),
          table(
            ["label bin", "mean label", "observed error", "items"],
            difficulty.calibration.map((bin) => [
              `${formatNumber(bin.low, 1)}-${formatNumber(bin.high, 1)}`,
              formatNumber(bin.meanLabel),
              formatNumber(bin.observedError),
              String(bin.items),
            ]),
            { class: "data" },
          ),
        ),
      );
    body.append(
      section(
        "Difficulty labels",
        { testid: "difficulty-labels" },
        histogramPlot(difficulty.histogram),
        difficulty.unlabelled > 0
          ? el("p", { class: "hint" }, `${difficulty.unlabelled} items carry no label.`)
          : null,
      ),
    );
    return body;
  },
};
