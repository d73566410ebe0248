import type { MakeOptions } from "./options.js";

type Components = Pick<
  MakeOptions,
  "attributes" | "strategies" | "diffusion" | "boost" | "selfCorrect" | "discriminate" | "testTaker"
>;

const NONE: Required<Components> = {
  attributes: false,
  strategies: false,
  diffusion: false,
  boost: false,
  selfCorrect: false,
  discriminate: false,
  testTaker: false,
};

/**
 * The paper's Table 2 rows, each adding one component to the row above: the Direct Prompt baseline,
 * then AttrPrompt, difficulty diffusion, diversity boosting, stepwise self-correction, contrastive
 * discrimination (labels still the generator's own rating), and the full pipeline (+DiffControl:
 * difficulty strategies and the test-takers' label).
 */
export const ABLATION_ROWS = {
  direct: { label: "Direct", options: { direct: true } },
  attr: { label: "+attr", options: { ...NONE, attributes: true } },
  diffusion: { label: "+diffusion", options: { ...NONE, attributes: true, diffusion: true } },
  boost: { label: "+boost", options: { ...NONE, attributes: true, diffusion: true, boost: true } },
  selfCorrect: {
    label: "+self-correct",
    options: { ...NONE, attributes: true, diffusion: true, boost: true, selfCorrect: true },
  },
  discriminate: {
    label: "+discriminate",
    options: {
      ...NONE,
      attributes: true,
      diffusion: true,
      boost: true,
      selfCorrect: true,
      discriminate: true,
    },
  },
  full: { label: "full", options: {} },
} as const satisfies Record<string, { label: string; options: Partial<MakeOptions> }>;

/** One row's outcome: the make run's accounting and the audit's criteria. */
export interface AblationResult {
  label: string;
  requested: number;
  accepted: number;
  /** Responses (cached or not) and tokens of the make run. */
  responses: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | undefined;
  criteria: ReadonlyArray<{ criterion: string; value: number | undefined }>;
}

const perItem = (total: number, items: number) => (items > 0 ? total / items : undefined);
const show = (value: number | undefined, digits: number) =>
  value === undefined || !Number.isFinite(value) ? "n/a" : value.toFixed(digits);

/**
 * The ablation table: one line per row, a column per criterion the audit computed for some row (in
 * audit order), then the cost per accepted item. Plain text, columns padded.
 */
export function formatAblationTable(results: readonly AblationResult[]): string {
  const criteria = [
    ...new Set(
      results.flatMap((result) =>
        result.criteria.filter((entry) => entry.value !== undefined).map((entry) => entry.criterion),
      ),
    ),
  ];
  const header = ["row", "items", ...criteria, "calls/item", "tokens/item", "$/item"];
  const lines = results.map((result) => {
    const values = new Map(result.criteria.map((entry) => [entry.criterion, entry.value]));
    return [
      result.label,
      `${result.accepted}/${result.requested}`,
      ...criteria.map((criterion) => show(values.get(criterion), 3)),
      show(perItem(result.responses, result.accepted), 1),
      show(perItem(result.inputTokens + result.outputTokens, result.accepted), 0),
      result.costUsd === undefined ? "unknown" : show(perItem(result.costUsd, result.accepted), 4),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? "").length)),
  );
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [render(header), render(widths.map((width) => "-".repeat(width))), ...lines.map(render)].join("\n");
}
