/** How a text table lays out: right-aligned columns, and the width the wrapped columns must fit. */
export interface TextTableOptions {
  /** Column indexes padded on the left (numbers). */
  alignRight?: readonly number[];
  /** Column indexes whose text may wrap onto more lines when the table is wider than `maxWidth`. */
  wrap?: readonly number[];
  /** Widest line wanted (e.g. the terminal's columns); only the `wrap` columns shrink to meet it. */
  maxWidth?: number;
  /** A dashed rule under the header (default true). */
  rule?: boolean;
}

const GAP = "  ";
/** A wrapped column never gets narrower than this, however wide the others are. */
const MIN_WRAP_WIDTH = 16;

/**
 * Header then rows as aligned text lines, columns padded to their widest cell. When `maxWidth` is set and the
 * table is wider, the `wrap` columns (widest first) shrink and their cells continue on following lines, so a
 * long note never pushes the table off the screen.
 */
export function formatTextTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TextTableOptions = {},
): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  if (options.maxWidth !== undefined) shrinkToFit(widths, options.wrap ?? [], options.maxWidth);
  const right = new Set(options.alignRight ?? []);
  const wrapped = new Set(options.wrap ?? []);
  const render = (row: readonly string[]): string[] => {
    const cellLines = header.map((_, column) => {
      const cell = row[column] ?? "";
      const width = widths[column] ?? 0;
      return wrapped.has(column) && cell.length > width ? wrapText(cell, width) : [cell];
    });
    const height = Math.max(...cellLines.map((lines) => lines.length));
    return Array.from({ length: height }, (_, line) =>
      cellLines
        .map((lines, column) => {
          const text = lines[line] ?? "";
          const width = widths[column] ?? 0;
          return right.has(column) ? text.padStart(width) : text.padEnd(width);
        })
        .join(GAP)
        .trimEnd(),
    );
  };
  const lines = render(header);
  if (options.rule ?? true) lines.push(widths.map((width) => "-".repeat(width)).join(GAP));
  for (const row of rows) lines.push(...render(row));
  return lines;
}

function shrinkToFit(widths: number[], wrap: readonly number[], maxWidth: number): void {
  const total = (): number =>
    widths.reduce((sum, width) => sum + width, 0) + GAP.length * (widths.length - 1);
  let excess = total() - maxWidth;
  while (excess > 0) {
    const widest = wrap
      .filter((column) => (widths[column] ?? 0) > MIN_WRAP_WIDTH)
      .sort((a, b) => (widths[b] ?? 0) - (widths[a] ?? 0))[0];
    if (widest === undefined) return;
    const others = wrap.filter((column) => column !== widest).map((column) => widths[column] ?? 0);
    const target = Math.max(MIN_WRAP_WIDTH, Math.max(0, ...others), (widths[widest] ?? 0) - excess);
    const next = target < (widths[widest] ?? 0) ? target : (widths[widest] ?? 0) - 1;
    excess -= (widths[widest] ?? 0) - next;
    widths[widest] = next;
  }
}

/** Splits text into lines of at most `width` characters, at spaces where it can, mid-word where it must. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter((part) => part.length > 0)) {
    let rest = word;
    while (rest.length > width) {
      if (current) {
        lines.push(current);
        current = "";
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!current) current = rest;
    else if (current.length + 1 + rest.length <= width) current += ` ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}
