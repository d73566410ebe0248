// The web front end's public surface: `benchsmith report` and `benchsmith view` use only these.
export { type AuditInput, AuditInputSchema } from "./audit-input.js";
export { buildReportData, type ReportInputs, summaryOf } from "./build-report-data.js";
export { bundleClient, loadClientBundle } from "./client-bundle.js";
export { type CollectOptions, collectReportInputs, sourcesNeedStore } from "./collect-inputs.js";
export { embedJson } from "./embed-json.js";
export { filterItems, type ItemFilter, type ItemPage } from "./item-filter.js";
export {
  type ItemView,
  type ReportData,
  ReportDataSchema,
  type ReportSummary,
  ReportSummarySchema,
} from "./report-data.js";
export { renderStaticReport, staticReportCsp } from "./report-html.js";
export { GENERIC_RUN_VIEW, RUN_VIEWS, type RunView } from "./run-views.js";
export { type RunningViewer, startViewer, VIEWER_HOSTNAME } from "./start-viewer.js";
export { type TuneInput, TuneInputSchema } from "./tune-input.js";
export { createViewerApp, VIEWER_CSP, type ViewerAppOptions } from "./viewer-app.js";
export { writeReport } from "./write-report.js";
