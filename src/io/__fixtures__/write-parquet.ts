import { parquetWriteFile } from "hyparquet-writer";

/** One multiple-choice row as the Hugging Face hub stores MMLU: choices list, integer answer index. */
export interface ParquetMcqRow {
  question: string;
  subject: string;
  choices: string[];
  answer: number;
}

/**
 * Writes rows the way `datasets` saves MMLU to Parquet: `question` and `subject` strings, `choices`
 * a list<string> column, `answer` an INT64 (decoded as BigInt by hyparquet).
 */
export function writeMcqParquet(path: string, rows: readonly ParquetMcqRow[]): void {
  parquetWriteFile({
    filename: path,
    columnData: [
      { name: "question", data: rows.map((row) => row.question), type: "STRING" },
      { name: "subject", data: rows.map((row) => row.subject), type: "STRING" },
      { name: "choices", data: rows.map((row) => row.choices) },
      { name: "answer", data: rows.map((row) => BigInt(row.answer)), type: "INT64" },
    ],
  });
}
