export type { ExportFormat, ExportOptions, ExportResult } from "./export-format.js";
export { taskName } from "./export-format.js";
export { EXPORT_FORMATS, type ExportFormatId, isExportFormatId } from "./export-formats.js";
export {
  type ImportedRows,
  importRows,
  ROW_FIELDS,
  type Row,
  type RowFieldNames,
  readRowsFile,
  rowFieldNames,
} from "./import-rows.js";
export { type JsonlEntry, readJsonl, readJsonlEntries, writeJsonl } from "./jsonl.js";
export { type ReadBenchmarkResult, type RejectedRow, readBenchmark } from "./read-benchmark.js";
export {
  DATASET_FORMATS,
  type DatasetFormat,
  type DatasetRows,
  datasetFormatOf,
  readDatasetRows,
} from "./read-dataset-rows.js";
export { type ParquetRows, type RowWindow, readParquetRows } from "./read-parquet.js";
export { assertWritable, writeOutput } from "./write-output.js";
export { writeTextFile } from "./write-text-file.js";
