import { describe, expect, it } from "vitest";
import { formatLetters, formatOption, formatOptions } from "./format-options.js";

describe("formatOptions", () => {
  it("renders options as lettered lines 'A. text'", () => {
    expect(formatOptions(["Paris", "Lyon", "Nice"])).toBe("A. Paris\nB. Lyon\nC. Nice");
    expect(formatOption(3, "Lille")).toBe("D. Lille");
    expect(formatOptions([])).toBe("");
  });

  it("keeps option text as written, including markers and newlines", () => {
    expect(formatOptions(["$& {{x}}", "two\nlines"])).toBe("A. $& {{x}}\nB. two\nlines");
  });

  it("throws past the 26th letter instead of inventing one", () => {
    expect(
      formatOptions(Array.from({ length: 26 }, (_, index) => String(index)))
        .split("\n")
        .at(-1),
    ).toBe("Z. 25");
    expect(() => formatOptions(Array.from({ length: 27 }, (_, index) => String(index)))).toThrow(RangeError);
  });
});

describe("formatLetters", () => {
  it.each([
    [0, ""],
    [1, "A"],
    [2, "A or B"],
    [4, "A, B, C or D"],
    [10, "A, B, C, D, E, F, G, H, I or J"],
  ])("%i options -> %j", (count, text) => {
    expect(formatLetters(count)).toBe(text);
  });
});
