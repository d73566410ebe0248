import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { letterFor } from "../../core/item.js";
import { extractChoice } from "../../evaluate/extract-answer.js";
import { exactMatch, multiChoiceRegexFilter, pythonFindall } from "../__fixtures__/harness-filters.js";
import { RANDOM_REPLY_OPTIONS, randomReplies } from "../__fixtures__/random-replies.js";
import { REPLY_BATTERY } from "../__fixtures__/reply-battery.js";
import { letterPattern, OPTION_TEXT_IGNORES } from "./letter-pattern.js";

const python = spawnSync("python3", ["--version"]).status === 0;

/** The first non-empty group of the last match, as lm-eval's regex filters take it. */
const read = (reply: string, optionCount = 4): string | undefined => {
  const found = pythonFindall(letterPattern(optionCount), reply).at(-1);
  return typeof found === "string" ? found : found?.find((group) => group !== "");
};

/** lm-eval's verdict for every key letter, with the filter settings the lm-eval export writes. */
function lmEvalVerdicts(reply: string, options: readonly string[]): boolean[] {
  const filtered = multiChoiceRegexFilter(reply, options, {
    regex_pattern: letterPattern(options.length),
    group_select: -1,
    fallback: "[invalid]",
    ignore_case: true,
    ignore_punctuation: true,
    regexes_to_ignore: OPTION_TEXT_IGNORES,
  });
  return options.map((_, index) =>
    exactMatch(filtered, letterFor(index), { ignore_case: true, ignore_punctuation: true }),
  );
}

const ourVerdicts = (reply: string, options: readonly string[]): boolean[] => {
  const letter = extractChoice(reply, options);
  return options.map((_, index) => letter === letterFor(index));
};

describe("letterPattern", () => {
  it("is regex source both JavaScript and Python's re read alike", () => {
    for (const count of [2, 4, 10, 26]) {
      const pattern = letterPattern(count);
      expect(() => new RegExp(pattern)).not.toThrow();
      // No named groups, inline flags, Unicode property classes or multi-character lookbehind.
      expect(pattern).not.toMatch(/\(\?P?<[A-Za-z]|\(\?[aiLmsux-]+[:)]|\\[pP]\{|\(\?<[!=](?!\[[^\]]*\]\))/);
    }
  });

  it("picks the same verdict as extractChoice under lm-eval's filter semantics on the whole battery", () => {
    const disagreements = REPLY_BATTERY.filter(
      ({ reply, options }) =>
        JSON.stringify(lmEvalVerdicts(reply, options)) !== JSON.stringify(ourVerdicts(reply, options)),
    ).map(({ description, reply }) => `${description}: ${JSON.stringify(reply)}`);
    expect(disagreements).toEqual([]);
    expect(REPLY_BATTERY.length).toBeGreaterThan(150);
  });

  it("reads the letter extractChoice reads on 1,500 random replies that name no option's text", () => {
    // Without option texts the regex alone must decide exactly as the extractor does.
    const replies = randomReplies(1500, { seed: 9, withOptionText: false });
    const disagreements = replies.filter((reply) => {
      const value = (read(reply) ?? "").trim();
      const letter = value.length === 1 ? value.toUpperCase() : null;
      return letter !== extractChoice(reply, RANDOM_REPLY_OPTIONS);
    });
    expect(disagreements).toEqual([]);
  });

  it("reads the last conclusion, either letter case, and no letter from an article", () => {
    expect(read("Answer: A\nOn reflection, Answer: D")).toBe("D");
    expect(read("Answer: c")).toBe("c");
    expect(read("The answer is A or C.")).toBe("A or C");
    expect(read("The answer is a bit unclear.")).toBeUndefined();
  });

  it.skipIf(!python)(
    "compiles in Python's re and finds what the JavaScript reading finds, match for match",
    () => {
      const counts = [...new Set(REPLY_BATTERY.map(({ options }) => options.length))];
      const patterns = Object.fromEntries(counts.map((count) => [count, letterPattern(count)]));
      const cases = [
        ...REPLY_BATTERY.map(({ reply, options }) => ({ reply, count: options.length })),
        ...randomReplies(300, { seed: 3, withOptionText: true }).map((reply) => ({ reply, count: 4 })),
      ];
      const script = [
        "import json, re, sys",
        "data = json.load(sys.stdin)",
        "compiled = {count: re.compile(pattern) for count, pattern in data['patterns'].items()}",
        "found = [compiled[str(case['count'])].findall(case['reply']) for case in data['cases']]",
        "print(json.dumps([[list(m) if isinstance(m, tuple) else m for m in matches] for matches in found]))",
      ].join("\n");
      const input = JSON.stringify({ patterns, cases });
      const result = spawnSync("python3", ["-c", script], { input, encoding: "utf8" });
      expect(result.stderr).toBe("");
      const fromPython = JSON.parse(result.stdout) as unknown[];
      const fromJavaScript = cases.map(({ reply, count }) => pythonFindall(patterns[count] as string, reply));
      expect(fromPython).toEqual(fromJavaScript);
    },
  );
});
