import { describe, expect, it, vi } from "vitest";
import { UserInputError } from "../core/errors.js";
import { formatTable, noFileError, sanitizeForTerminal } from "./output.js";
import { reportError } from "./report-error.js";

describe("formatTable", () => {
  it("aligns columns, right-aligns numbers and shows missing values as '-'", () => {
    const rows = [
      { id: "make-1", calls: 12, cost: "$0.5" },
      { id: "eval-20", calls: 3, cost: undefined },
    ];
    expect(formatTable(rows, ["id", { key: "calls" }, { key: "cost", header: "cost usd" }])).toEqual([
      "id       calls  cost usd",
      "make-1      12  $0.5",
      "eval-20      3  -",
    ]);
  });

  it("prints only the header for no rows", () => {
    expect(formatTable([] as { a: string }[], ["a"])).toEqual(["a"]);
  });

  it("keeps untrusted text on one line and drops escape sequences", () => {
    expect(sanitizeForTerminal("a\nb\tc\u001b[31mred\u0007")).toBe("a b c[31mred");
    expect(formatTable([{ t: "x\r\ny" }], ["t"])).toEqual(["t", "x y"]);
  });
});

describe("noFileError", () => {
  it("names a missing file one way, as a user error (exit 2) with its hint", () => {
    const error = noFileError("data/bench.jsonl", "pass the benchmark JSONL");
    expect(UserInputError.isInstance(error)).toBe(true);
    expect(error.message).toBe("no file data/bench.jsonl");
    expect(error.hint).toBe("pass the benchmark JSONL");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(reportError(error)).toBe(2);
      expect(stderr.mock.calls.map(([chunk]) => String(chunk))).toEqual([
        "error: no file data/bench.jsonl\n",
        "hint: pass the benchmark JSONL\n",
      ]);
    } finally {
      stderr.mockRestore();
    }
  });
});
