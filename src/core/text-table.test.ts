import { describe, expect, it } from "vitest";
import { formatTextTable, wrapText } from "./text-table.js";

describe("formatTextTable", () => {
  it("pads columns to their widest cell under a rule", () => {
    expect(formatTextTable(["a", "bb"], [["xxx", "y"]])).toEqual(["a    bb", "---  --", "xxx  y"]);
  });

  it("right-aligns the columns it is told to", () => {
    expect(formatTextTable(["n"], [["7"], ["123"]], { alignRight: [0], rule: false })).toEqual([
      "  n",
      "  7",
      "123",
    ]);
  });

  it("wraps only the wrap columns so every line fits the width", () => {
    const note =
      "the judge scored 40 items on the 0 / 0.5 / 1 scale, rationale first, normalised to the reference";
    const lines = formatTextTable(["criterion", "value", "notes"], [["faithfulness", "0.912", note]], {
      wrap: [2],
      maxWidth: 50,
    });
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(50);
    expect(lines[2]?.startsWith("faithfulness  0.912  the judge")).toBe(true);
    // Continuation lines leave the other columns blank, and no word of the note is lost.
    expect(lines[3]?.startsWith(" ".repeat("faithfulness  0.912  ".length))).toBe(true);
    expect(
      lines
        .slice(2)
        .map((line) => line.slice("faithfulness  0.912  ".length))
        .join(" "),
    ).toBe(note);
  });

  it("leaves a table alone when it already fits", () => {
    const plain = formatTextTable(["a"], [["short"]]);
    expect(formatTextTable(["a"], [["short"]], { wrap: [0], maxWidth: 80 })).toEqual(plain);
  });
});

describe("wrapText", () => {
  it("breaks at spaces and splits a word longer than the width", () => {
    expect(wrapText("aa bb cc", 5)).toEqual(["aa bb", "cc"]);
    expect(wrapText("abcdefgh", 3)).toEqual(["abc", "def", "gh"]);
    expect(wrapText("", 4)).toEqual([""]);
  });
});
