// The web front end as the CLI uses it (`benchsmith report`, `benchsmith view`), re-exported by src/internal.ts.
export { buildReportData } from "./build-report-data.js";
export { collectReportInputs, sourcesNeedStore } from "./collect-inputs.js";
export { startViewer } from "./start-viewer.js";
export { writeReport } from "./write-report.js";
