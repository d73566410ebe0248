/// <reference lib="dom" />
import * as Plot from "@observablehq/plot";
import type { TuneSection } from "../report-sections.js";
import { figure } from "./plots.js";

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
