import { letterFor } from "./item.js";

/**
 * One option as a lettered line, "B. text": the form every prompt and export shows, and the one
 * the answer extractor (evaluate/extract-answer.ts) and the exported regexes expect.
 */
export function formatOption(index: number, text: string): string {
  return `${letterFor(index)}. ${text}`;
}

/**
 * The option block of an MCQ item, "A. first\nB. second". The one renderer for make (test-taker,
 * references, discrimination, open conversion), eval, audit, tune and the exports, so an item's
 * difficulty label is measured on the rendering models are evaluated on.
 */
export function formatOptions(options: readonly string[]): string {
  return options.map((option, index) => formatOption(index, option)).join("\n");
}

/** The letters of `count` options in prose, "A, B, C or D" ("A" for one, "" for none). */
export function formatLetters(count: number): string {
  const letters = Array.from({ length: count }, (_, index) => letterFor(index));
  const last = letters.pop();
  if (last === undefined) return "";
  return letters.length === 0 ? last : `${letters.join(", ")} or ${last}`;
}
