/// <reference lib="dom" />
import * as Plot from "@observablehq/plot";
import type { AuditSection, DiscoverSection, PlanSection, TuneSection } from "../report-sections.js";
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

type DiscoverRow = DiscoverSection["descriptions"][number];

/** Objective of every scored description per iteration, the best so far as a line, the winner ringed. */
export function discoverPlot(discover: DiscoverSection): HTMLElement {
  const scored = discover.descriptions
    .filter((row): row is DiscoverRow & { objective: number } => row.objective !== null)
    .map((row) => ({
      ...row,
      step: row.iteration + 1,
      kind: row.id === discover.winner ? "winner" : row.feasible ? "feasible" : "infeasible",
    }));
  const best: { step: number; objective: number }[] = [];
  for (const row of [...scored].sort((a, b) => a.step - b.step)) {
    const previous = best.at(-1);
    if (previous?.step === row.step) previous.objective = Math.max(previous.objective, row.objective);
    else
      best.push({ step: row.step, objective: Math.max(row.objective, previous?.objective ?? row.objective) });
  }
  const last = Math.max(1, ...discover.descriptions.map((row) => row.iteration + 1));
  const plot = Plot.plot({
    x: { domain: [0.5, last + 0.5], label: "iteration", ticks: last },
    y: { label: "objective", grid: true },
    color: { legend: true, domain: ["winner", "feasible", "infeasible"], range: ["#d62", "#27a", "#aaa"] },
    marks: [
      Plot.line(best, { x: "step", y: "objective", stroke: "#27a", strokeOpacity: 0.5 }),
      Plot.dot(scored, { x: "step", y: "objective", fill: "kind", r: 4, title: "id" }),
      Plot.dot(
        scored.filter((row) => row.kind === "winner"),
        { x: "step", y: "objective", r: 9, stroke: "#d62", strokeWidth: 2 },
      ),
    ],
  });
  return figure(
    "discover-trajectory",
    "objective per explored description; line: best so far; ringed: the winner",
    plot,
  );
}

/** Each description's difficulty, separability, novelty and salience as a grid of values (blank: not computed). */
export function discoverScoresPlot(discover: DiscoverSection): HTMLElement {
  const names = ["difficulty", "separability", "novelty", "salience"] as const;
  const label = (row: DiscoverRow) => (row.id === discover.winner ? `${row.id} (winner)` : row.id);
  const cells = discover.descriptions.flatMap((row) =>
    names.flatMap((name) => {
      const value = row[name];
      return value === null ? [] : [{ id: label(row), name, value }];
    }),
  );
  const ids = discover.descriptions.map(label);
  const plot = Plot.plot({
    marginLeft: 120,
    width: 120 + names.length * 110,
    height: 50 + ids.length * 28,
    x: { domain: [...names], label: null, axis: "top" },
    y: { domain: ids, label: null },
    color: { type: "linear", domain: [0, 1], scheme: "Blues", legend: true, label: "score" },
    marks: [
      Plot.cell(cells, { x: "name", y: "id", fill: "value", inset: 0.5 }),
      Plot.text(cells, {
        x: "name",
        y: "id",
        text: (cell: { value: number }) => cell.value.toFixed(2),
        fill: (cell: { value: number }) => (cell.value > 0.6 ? "white" : "black"),
      }),
    ],
  });
  return figure("discover-scores", "difficulty, separability, novelty and salience per description", plot);
}

/** Quotas planned (from sources and from scratch) against items realized, per subtask. */
export function planQuotaPlot(plan: PlanSection): HTMLElement {
  const bars = plan.subtasks.flatMap((subtask) => [
    { subtask: subtask.name, kind: "planned", count: subtask.quota },
    { subtask: subtask.name, kind: "realized", count: subtask.realized },
  ]);
  const plot = Plot.plot({
    marginBottom: 50,
    x: { axis: null, domain: ["planned", "realized"] },
    fx: { label: null, domain: plan.subtasks.map((subtask) => subtask.name) },
    y: { label: "items", grid: true },
    color: { legend: true, domain: ["planned", "realized"], range: ["#bbb", "#27a"] },
    marks: [
      Plot.barY(bars, { fx: "subtask", x: "kind", y: "count", fill: "kind", title: "count" }),
      Plot.ruleY([0]),
    ],
  });
  return figure(
    "plan-quotas",
    `quota planned vs realized per subtask (${plan.delivered}/${plan.size} items)`,
    plot,
  );
}

/** QC rejections by reason code. */
export function qcReasonsPlot(plan: PlanSection): HTMLElement {
  const rows = plan.qc.rejectedByReason;
  const plot = Plot.plot({
    marginLeft: 170,
    height: 50 + rows.length * 26,
    x: { label: "rejected candidates", grid: true },
    y: { label: null, domain: rows.map((row) => row.reason) },
    marks: [Plot.barX(rows, { y: "reason", x: "count", fill: "#b55" }), Plot.ruleX([0])],
  });
  return figure("plan-qc-reasons", "QC verdicts: rejections by reason", plot);
}

/** The items' embeddings on their first two principal components, coloured by difficulty label. */
export function projectionPlot(projection: NonNullable<AuditSection["projection"]>): HTMLElement {
  const labels = [...new Set(projection.points.map((point) => point.label))].sort();
  const plot = Plot.plot({
    x: { label: `PC1 (${(projection.explained[0] * 100).toFixed(1)}% of variance)` },
    y: { label: `PC2 (${(projection.explained[1] * 100).toFixed(1)}%)`, grid: true },
    color: { legend: true, type: "ordinal", domain: labels, scheme: "viridis", label: "difficulty label" },
    marks: [Plot.dot(projection.points, { x: "x", y: "y", fill: "label", r: 2.5, title: "itemId" })],
  });
  return figure("audit-projection", `item embeddings, ${projection.method}`, plot);
}
