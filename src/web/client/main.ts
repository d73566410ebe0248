/// <reference lib="dom" />
import type { ItemView, ReportSummary } from "../report-data.js";
import { startReport } from "./app.js";
import { el, replaceChildren } from "./dom.js";
import { fetchJson, remoteItemSource, staticItemSource } from "./item-source.js";
import { startRunsList } from "./runs-list.js";

// Entry of the browser bundle: a static report carries its data inline; the viewer serves it by run.

/** The report's items block, read once the parser has reached it (it follows this script). */
async function embeddedItems(): Promise<ItemView[]> {
  if (document.readyState === "loading")
    await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  return JSON.parse(document.getElementById("report-items")?.textContent ?? "[]") as ItemView[];
}

function boot(): void {
  const root = document.getElementById("app");
  if (!root) return;
  const embedded = document.getElementById("report-summary");
  if (embedded) {
    const summary = JSON.parse(embedded.textContent ?? "{}") as ReportSummary;
    startReport(
      root,
      summary,
      staticItemSource(
        embeddedItems,
        summary.models.map((model) => model.model),
      ),
    );
    return;
  }
  const match = /^\/runs\/([^/]+)\/?$/.exec(window.location.pathname);
  if (!match?.[1]) {
    startRunsList(root);
    return;
  }
  const runId = decodeURIComponent(match[1]);
  replaceChildren(root, el("p", { class: "meta" }, `loading run ${runId}…`));
  fetchJson<ReportSummary>(`/api/runs/${encodeURIComponent(runId)}/report`)
    .then((summary) => startReport(root, summary, remoteItemSource(runId), { backHref: "/" }))
    .catch((error: unknown) =>
      replaceChildren(root, el("p", { class: "error", testid: "page-error" }, String(error))),
    );
}

boot();
