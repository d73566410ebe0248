/// <reference lib="dom" />
import * as Plot from "@observablehq/plot";
import type { DifficultySummary } from "../report-sections.js";
import { figure } from "./plots.js";

/** Accuracy per difficulty bucket, one line per model. */
export function bucketLinesPlot(byModel: DifficultySummary["byModel"]): HTMLElement {
  const points = byModel.flatMap((entry) => entry.points.map((point) => ({ model: entry.model, ...point })));
  const buckets = [...new Set(points.map((point) => point.bucket))];
  const plot = Plot.plot({
    x: { type: "point", domain: buckets, label: "difficulty bucket" },
    y: { domain: [0, 1], label: "accuracy", grid: true },
    color: { legend: true },
    marks: [
      Plot.line(points, { x: "bucket", y: "accuracy", stroke: "model" }),
      Plot.dot(points, { x: "bucket", y: "accuracy", fill: "model", title: "model" }),
    ],
  });
  return figure("difficulty-lines", "accuracy by difficulty bucket per model", plot);
}

/** Mean label against observed error per label bin; the diagonal is perfect calibration. */
export function calibrationPlot(bins: DifficultySummary["calibration"]): HTMLElement {
  const plot = Plot.plot({
    x: { domain: [0, 1], label: "difficulty label (bin mean)" },
    y: { domain: [0, 1], label: "observed error", grid: true },
    r: { range: [2, 10] },
    marks: [
      Plot.line(
        [
          [0, 0],
          [1, 1],
        ],
        { stroke: "#999", strokeDasharray: "4,3" },
      ),
      Plot.line(bins, { x: "meanLabel", y: "observedError" }),
      Plot.dot(bins, { x: "meanLabel", y: "observedError", r: "items", fill: "currentColor" }),
    ],
  });
  return figure(
    "difficulty-calibration",
    "label vs observed error (share of model answers that are wrong)",
    plot,
  );
}

/** How many items carry each difficulty label. */
export function histogramPlot(histogram: DifficultySummary["histogram"]): HTMLElement {
  const plot = Plot.plot({
    x: { domain: [0, 1], label: "difficulty label" },
    y: { label: "items", grid: true },
    marks: [Plot.rectY(histogram, { x1: "low", x2: "high", y: "count", inset: 0.5 }), Plot.ruleY([0])],
  });
  return figure("difficulty-histogram", "histogram of difficulty labels", plot);
}
