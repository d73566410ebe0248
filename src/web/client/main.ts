/// <reference lib="dom" />
import type { ReportData, ReportSummary } from "../report-data.js";
import { startReport } from "./app.js";
import { el, replaceChildren } from "./dom.js";
import { fetchJson, remoteItemSource, staticItemSource } from "./item-source.js";
import { startRunsList } from "./runs-list.js";

// Entry of the browser bundle: a static report carries its data inline; the viewer serves it by run.

function boot(): void {
  const root = document.getElementById("app");
  if (!root) return;
  const embedded = document.getElementById("report-data");
  if (embedded) {
    const data = JSON.parse(embedded.textContent ?? "{}") as ReportData;
    const { items, ...summary } = data;
    startReport(
      root,
      summary,
      staticItemSource(
        items,
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
