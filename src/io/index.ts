export type { ExportFormat, ExportOptions, ExportResult } from "./export-format.js";
export { taskName } from "./export-format.js";
export { EXPORT_FORMATS, type ExportFormatId, isExportFormatId } from "./export-formats.js";
export { type ImportedRows, importRows, type Row, readRowsFile } from "./import-rows.js";
export { type JsonlEntry, readJsonl, readJsonlEntries, writeJsonl } from "./jsonl.js";
export { type ReadBenchmarkResult, readBenchmark } from "./read-benchmark.js";
export { writeOutput } from "./write-output.js";
export { writeTextFile } from "./write-text-file.js";
