import { BenchsmithError } from "../../core/errors.js";

/**
 * A discover run ended with nothing usable: no description got a single graded answer. `reasons`
 * lists what went wrong, most frequent first (the CLI prints them; exit code 2).
 */
export class NothingDiscoveredError extends BenchsmithError {
  readonly reasons: string[];
  constructor(reasons: readonly string[]) {
    const shown = reasons.length === 0 ? ["no description was proposed"] : reasons;
    super({
      code: "nothing_discovered",
      message: `discover found nothing usable: ${shown.slice(0, 3).join("; ")}`,
      hint: "check the writer and the source (see the reasons above), or try a stronger writer model",
    });
    this.name = "NothingDiscoveredError";
    this.reasons = [...shown];
  }
  static override isInstance(error: unknown): error is NothingDiscoveredError {
    return BenchsmithError.isInstance(error) && error.code === "nothing_discovered";
  }
}

/** Reasons counted and ordered, "writer: ... (x3)", so a repeated failure reads once. */
export function countReasons(reasons: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => (count > 1 ? `${reason} (x${count})` : reason));
}
