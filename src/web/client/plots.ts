/// <reference lib="dom" />
import * as Plot from "@observablehq/plot";
import { el } from "./dom.js";

// Plot writes every label with textContent, so model names and ids stay text here too.

/** A plot inside a figure the tests can find by its test id. */
export function figure(testid: string, caption: string, plot: Element): HTMLElement {
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
