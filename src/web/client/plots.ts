/// <reference lib="dom" />
import * as Plot from "@observablehq/plot";
import type { DifficultySummary, TuneSection } from "../report-data.js";
import { el } from "./dom.js";

// Plot writes every label with textContent, so model names and ids stay text here too.

/** A plot inside a figure the tests can find by its test id. */
function figure(testid: string, caption: string, plot: Element): HTMLElement {
  return el("figure", { testid, class: "plot" }, plot, el("figcaption", {}, caption));
}

export interface IntervalRow {
  label: string;
  estimate: number;
  low: number;
  high: number;
  kind: string;
}

/** Accuracy with its 95% interval per row, against the chance line when there is one. */
export function intervalPlot(testid: string, rows: readonly IntervalRow[], chance?: number): HTMLElement {
  const marks: Plot.Markish[] = [
    Plot.ruleY(rows, {
      y: "label",
      x1: "low",
      x2: "high",
      stroke: "kind",
      strokeWidth: 3,
      ariaDescription: "interval",
    }),
    Plot.dot(rows, { y: "label", x: "estimate", fill: "kind", r: 4, title: (row: IntervalRow) => row.label }),
  ];
  if (chance !== undefined)
    marks.push(Plot.ruleX([chance], { stroke: "#b33", strokeDasharray: "4,3", ariaDescription: "chance" }));
  const plot = Plot.plot({
    marginLeft: 170,
    height: 40 + rows.length * 28,
    x: { domain: [0, 1], label: "accuracy (95% interval)", grid: true },
    y: { label: null, domain: rows.map((row) => row.label) },
    color: { legend: true },
    marks,
  });
  return figure(
    testid,
    chance === undefined ? "accuracy" : `accuracy; dashed line: chance ${chance.toFixed(3)}`,
    plot,
  );
}

/** P(row > column) for every ordered pair of models, as a coloured grid with the values written in. */
export function heatmapPlot(models: readonly string[], matrix: readonly (readonly number[])[]): HTMLElement {
  const cells = models.flatMap((row, rowIndex) =>
    models.map((column, columnIndex) => ({ row, column, p: matrix[rowIndex]?.[columnIndex] ?? 0.5 })),
  );
  const plot = Plot.plot({
    marginLeft: 170,
    marginBottom: 80,
    width: 170 + models.length * 70,
    height: 100 + models.length * 40,
    x: { domain: models, label: "column", tickRotate: -30 },
    y: { domain: models, label: "row" },
    color: { type: "linear", domain: [0, 1], scheme: "RdBu", legend: true, label: "P(row > column)" },
    marks: [
      Plot.cell(cells, { x: "column", y: "row", fill: "p", inset: 0.5 }),
      // Dark cells (near 0 or 1) need light text to stay readable.
      ...(["white", "black"] as const).map((fill) =>
        Plot.text(
          cells.filter((cell) => Math.abs(cell.p - 0.5) > 0.3 === (fill === "white")),
          { x: "column", y: "row", text: (cell: { p: number }) => cell.p.toFixed(2), fill },
        ),
      ),
    ],
  });
  return figure(
    "rank-heatmap",
    "rank confidence: P(E[accuracy of row] > E[accuracy of column]) = Phi(z)",
    plot,
  );
}

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

/** IRT item map: difficulty b against discrimination a, coloured by calibration flag. */
export function itemMapPlot(
  points: readonly { itemId: string; difficulty: number; discrimination: number; flag: string }[],
): HTMLElement {
  const plot = Plot.plot({
    x: { label: "IRT difficulty b" },
    y: { label: "discrimination a", grid: true },
    color: { legend: true },
    marks: [
      Plot.ruleY([0]),
      Plot.dot(points, { x: "difficulty", y: "discrimination", fill: "flag", r: 2.5, title: "itemId" }),
    ],
  });
  return figure("irt-item-map", "IRT item map (2PL)", plot);
}

/** Accuracy per tune iteration with its interval, against the target band. */
export function tunePlot(tune: TuneSection): HTMLElement {
  const last = Math.max(1, ...tune.iterations.map((entry) => entry.iteration + 1));
  const rows = tune.iterations.map((entry) => ({ ...entry, step: entry.iteration + 1 }));
  const band = [
    {
      x1: 0.5,
      x2: last + 0.5,
      y1: tune.targetAccuracy - tune.tolerance,
      y2: tune.targetAccuracy + tune.tolerance,
    },
  ];
  const plot = Plot.plot({
    x: { domain: [0.5, last + 0.5], label: "iteration", ticks: last },
    y: { domain: [0, 1], label: "accuracy", grid: true },
    marks: [
      Plot.rect(band, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "#2a7", fillOpacity: 0.15 }),
      Plot.ruleY([tune.targetAccuracy], { stroke: "#2a7", strokeDasharray: "4,3" }),
      Plot.ruleX(rows, { x: "step", y1: "low", y2: "high", strokeWidth: 2 }),
      Plot.line(rows, { x: "step", y: "accuracy" }),
      Plot.dot(rows, {
        x: "step",
        y: "accuracy",
        fill: (row: { confirmed: boolean }) => (row.confirmed ? "confirmed" : "measured"),
        r: 4,
      }),
    ],
  });
  return figure(
    "tune-trajectory",
    `accuracy per iteration; band: target ${tune.targetAccuracy} ± ${tune.tolerance}`,
    plot,
  );
}
