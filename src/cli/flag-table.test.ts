import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UserInputError } from "../index.js";
import { addFlags, asChoice, asInteger, type FlagTable, readFlags } from "./flag-table.js";
import { warnAboutIgnoredFlags } from "./run-flags.js";

interface Options {
  format?: "open" | "mcq";
  count?: number;
}

const TABLE: FlagTable<Options> = {
  format: { flag: "--format <format>", description: "open or mcq", parse: asChoice(["open", "mcq"]) },
  count: { flag: "-n, --count <n>", description: "items", parse: asInteger },
};

function parsed(...argv: string[]): Command {
  const command = addFlags(new Command("demo").exitOverride(), TABLE);
  return command.parse(argv, { from: "user" });
}

describe("asChoice", () => {
  it("returns the choice typed, and names the flag and every choice otherwise", () => {
    expect(readFlags(parsed("--format", "mcq"), TABLE)).toEqual({ format: "mcq" });
    expect(() => readFlags(parsed("--format", "MCQ"), TABLE)).toThrow(
      new UserInputError('--format must be open or mcq, got "MCQ"'),
    );
    expect(() => asChoice(["a", "b", "c"])("d", "--mode")).toThrow('--mode must be a, b or c, got "d"');
  });
});

describe("warnAboutIgnoredFlags", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const warnings = (run: () => void): string[] => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    run();
    vi.restoreAllMocks();
    return lines;
  };

  it("names the argument first, then each typed flag whose value differs; nothing when all agree", () => {
    const stored: Options = { format: "open", count: 5 };
    const command = parsed("--format", "mcq", "-n", "5");
    expect(
      warnings(() =>
        warnAboutIgnoredFlags({
          command,
          table: TABLE,
          stored,
          argument: { name: "demand", given: "chemistry", stored: "physics" },
        }),
      ),
    ).toEqual([
      'warning: --resume continues with the stored settings; ignoring what differs: demand "chemistry" (stored "physics"), --format "mcq" (stored "open")\n',
    ]);
    expect(
      warnings(() =>
        warnAboutIgnoredFlags({
          command: parsed("-n", "5"),
          table: TABLE,
          stored,
          argument: { name: "demand", given: undefined, stored: "physics" },
        }),
      ),
    ).toEqual([]);
  });
});
