import { describe, expect, it } from "vitest";
import { chunkText } from "./chunk-passages.js";

const words = (count: number, word = "w"): string => Array.from({ length: count }, () => word).join(" ");
const counts = (chunks: string[]): number[] => chunks.map((chunk) => chunk.split(/\s+/).length);

describe("chunkText", () => {
  it("packs paragraphs until the minimum and never past the maximum", () => {
    const text = [words(6), words(6), words(6), words(9), words(4)].join("\n\n");
    // 6+6 = 12 >= 10 closes; 6+9 = 15; the tail of 4 is >= 10/3, so it stands alone.
    expect(counts(chunkText(text, { minWords: 10, maxWords: 20 }))).toEqual([12, 15, 4]);
  });

  it("moves a trailing heading to the passage it introduces", () => {
    const text = [words(8, "a"), "# Head", words(15, "b")].join("\n\n");
    const chunks = chunkText(text, { minWords: 10, maxWords: 20 });
    expect(chunks).toEqual([words(8, "a"), `# Head\n\n${words(15, "b")}`]);
  });

  it("cuts an over-long paragraph at sentence ends, then at words", () => {
    const sentence = `${words(7)}.`;
    const long = [sentence, sentence, sentence].join(" ");
    expect(counts(chunkText(long, { minWords: 5, maxWords: 15 }))).toEqual([14, 7]);
    expect(counts(chunkText(words(25), { minWords: 5, maxWords: 10 }))).toEqual([10, 10, 5]);
  });

  it("joins a tiny tail to the previous passage and drops blank paragraphs", () => {
    const text = `${words(12)}\r\n\r\n  \n\n${words(2)}\n`;
    expect(counts(chunkText(text, { minWords: 10, maxWords: 20 }))).toEqual([14]);
    expect(chunkText(" \n\n \n")).toEqual([]);
  });
});
