import { createHash } from "node:crypto";
import { embedJson, escapeHtml } from "./embed-json.js";
import type { ReportData } from "./report-data.js";
import { REPORT_CSS } from "./styles.js";

/** CSP hash source of an inline script: sha256 over its exact text. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}

/** The static report's policy: only the inline bundle (by hash) may run; nothing is fetched. */
export function staticReportCsp(script: string): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHash(script)}`,
    // Observable Plot writes a <style> into each figure and style attributes on marks.
    "style-src 'unsafe-inline'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/**
 * One self-contained HTML file: inline styles, the data as inert JSON blocks (`<` escaped) and the
 * bundle as the only script, allowed by its hash. Opens from disk with no network. The summary comes
 * before the bundle and the items after it, so the first page renders while the items still load.
 */
export function renderStaticReport(data: ReportData, script: string): string {
  const { items, ...summary } = data;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(staticReportCsp(script))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="benchsmith report">
<title>${escapeHtml(data.title)} · benchsmith</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="report-summary">${embedJson(summary)}</script>
<script>${script}</script>
<script type="application/json" id="report-items">${embedJson(items)}</script>
</body>
</html>
`;
}

/** The viewer's page shell: the same bundle from /assets/app.js, which fetches its data from the API. */
export function renderViewerShell(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<div id="app"></div>
<script src="/assets/app.js"></script>
</body>
</html>
`;
}
