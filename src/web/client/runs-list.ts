/// <reference lib="dom" />
import { el, formatNumber, replaceChildren, table } from "./dom.js";
import { fetchJson } from "./item-source.js";

/** One row of the viewer's run list (GET /api/runs). */
export interface RunListEntry {
  id: string;
  kind: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  calls: number;
  costUsd: number | null;
  progress: string;
}

const POLL_MS = 2000;

function cost(value: number | null): string {
  if (value === null) return "unknown";
  return value === 0 ? "$0" : `$${formatNumber(value, value < 0.01 ? 4 : 2)}`;
}

/** The viewer's home: every run in the store; while any is running the list refreshes by polling. */
export function startRunsList(root: HTMLElement): void {
  document.title = "runs · benchsmith";
  const status = el("p", { class: "meta", testid: "runs-status" });
  const holder = el("div", {});
  replaceChildren(root, el("header", {}, el("h1", {}, "benchsmith runs"), status), el("main", {}, holder));
  const refresh = async (): Promise<void> => {
    let runs: RunListEntry[];
    try {
      runs = (await fetchJson<{ runs: RunListEntry[] }>("/api/runs")).runs;
    } catch (error) {
      status.textContent = `could not load runs: ${String(error)}`;
      setTimeout(() => void refresh(), POLL_MS * 2);
      return;
    }
    const running = runs.filter((run) => run.status === "running").length;
    status.textContent = `${runs.length} runs${running > 0 ? `, ${running} running (refreshing)` : ""} · updated ${new Date().toLocaleTimeString()}`;
    replaceChildren(
      holder,
      runs.length === 0
        ? el("p", {}, "The store has no runs yet.")
        : table(
            ["run", "kind", "status", "created", "progress", "calls", "cost"],
            runs.map((run) => [
              el("a", { href: `/runs/${encodeURIComponent(run.id)}` }, run.id),
              run.kind,
              el("span", { class: `status ${run.status}` }, run.status),
              run.createdAt.replace("T", " ").slice(0, 19),
              run.progress,
              String(run.calls),
              cost(run.costUsd),
            ]),
            { class: "data", testid: "runs-table" },
          ),
    );
    if (!document.body.hasAttribute("data-ready")) performance.mark("benchsmith:first-render");
    document.body.setAttribute("data-ready", "true");
    if (running > 0) setTimeout(() => void refresh(), POLL_MS);
  };
  void refresh();
}
