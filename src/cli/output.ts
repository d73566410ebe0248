import { UserInputError } from "../index.js";

/** The one module in src/ that writes to the terminal. Data goes to stdout, messages to stderr. */
export function print(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** A message for the user (errors, hints, notices) on stderr, so stdout stays pipeable. */
export function printError(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Pretty JSON on stdout (for `--json` flags and piping into jq). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export type CellValue = string | number | boolean | undefined | null;

/** A table column: the row key to show, its header (default: the key) and alignment (numbers: right). */
export type TableColumn<Row> =
  | (keyof Row & string)
  | { key: keyof Row & string; header?: string; align?: "left" | "right" };

/** Prints rows as an aligned plain-text table with a header line; cells are made single-line and safe. */
export function printTable<Row extends Record<string, CellValue>>(
  rows: readonly Row[],
  columns: readonly TableColumn<Row>[],
): void {
  for (const line of formatTable(rows, columns)) print(line);
}

/** The lines printTable writes (no trailing spaces). */
export function formatTable<Row extends Record<string, CellValue>>(
  rows: readonly Row[],
  columns: readonly TableColumn<Row>[],
): string[] {
  const specs = columns.map((column) => (typeof column === "string" ? { key: column } : column));
  const cells = rows.map((row) => specs.map((spec) => formatCell(row[spec.key])));
  const headers = specs.map((spec) => spec.header ?? spec.key);
  const widths = specs.map((_, index) =>
    Math.max(headers[index]?.length ?? 0, ...cells.map((line) => line[index]?.length ?? 0)),
  );
  const alignments = specs.map(
    (spec) =>
      spec.align ??
      (rows.length > 0 && rows.every((row) => typeof row[spec.key] === "number") ? "right" : "left"),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        return alignments[index] === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return [render(headers), ...cells.map(render)];
}

/**
 * The one wording of "the file the user named is not there": `no file <path>` (as they typed it) and a
 * hint saying which file was expected.
 */
export function noFileError(path: string, hint: string): UserInputError {
  return new UserInputError(`no file ${path}`, hint);
}

/** Untrusted text (model output, imported data) must not move the cursor or break the table. */
export function sanitizeForTerminal(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return text.replace(/\r\n|[\r\n\t]/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
}

function formatCell(value: CellValue): string {
  if (value === undefined || value === null) return "-";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return sanitizeForTerminal(String(value));
}
