import { reasonCode } from "../make/make-stats.js";

/** Rejections by reason code (the text before the first ":"), most frequent first, ties by code. */
export function tallyReasons(reasons: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const reason of reasons) {
    const code = reasonCode(reason);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return Object.fromEntries(
    [...counts].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0)),
  );
}
