import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { type Item, letterFor } from "../core/item.js";
import { parseJson } from "../core/json.js";
import { extractChoice } from "../evaluate/extract-answer.js";
import { gradeOpenAnswer } from "../evaluate/grade-open-answer.js";
import {
  exactMatch,
  inspectReadChoice,
  type MultiChoiceFilterConfig,
  multiChoiceRegexFilter,
} from "./__fixtures__/harness-filters.js";
import { OPEN_BATTERY, REPLY_BATTERY } from "./__fixtures__/reply-battery.js";
import { EXPORT_FORMATS } from "./export-formats.js";

// One MCQ item per option list of the battery (key A), plus one open item per open reply.
const OPTION_LISTS = [...new Map(REPLY_BATTERY.map(({ options }) => [options.join("\n"), options])).values()];
const ITEMS: Item[] = [
  ...OPTION_LISTS.map((options, index) => ({
    id: `mcq-${index}`,
    format: "mcq" as const,
    question: "Which one?",
    options: [...options],
    answer: "A",
  })),
  ...OPEN_BATTERY.map(({ reference }, index) => ({
    id: `open-${index}`,
    format: "open" as const,
    question: "What is it?",
    answer: reference,
  })),
];
const python = spawnSync("python3", ["--version"]).status === 0;
const itemFor = (options: readonly string[]): Item => ITEMS[OPTION_LISTS.indexOf(options)] as Item;

/** Our verdict for every possible key of the item, as benchsmith eval records it. */
const ourVerdicts = (reply: string, options: readonly string[]): boolean[] => {
  const letter = extractChoice(reply, options);
  return options.map((_, index) => letter === letterFor(index));
};

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-export-grading-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const disagreementsOf = (verdicts: (reply: string, options: readonly string[]) => boolean[]): string[] =>
  REPLY_BATTERY.filter(
    ({ reply, options }) =>
      JSON.stringify(verdicts(reply, options)) !== JSON.stringify(ourVerdicts(reply, options)),
  ).map(({ description, reply }) => `${description}: ${JSON.stringify(reply)}`);

describe("every export grades the reply battery as benchsmith eval does", () => {
  it("promptfoo: the written grade.cjs, called with each test's assertion config", async () => {
    const path = join(directory, "promptfoo", "promptfooconfig.yaml");
    const { files } = await EXPORT_FORMATS.promptfoo.write(ITEMS, path, { name: "battery" });
    const config = parseYaml(await readFile(path, "utf8")) as {
      tests: Array<{ assert: Array<{ value: string; config: Record<string, unknown> }> }>;
    };
    const graderFile = files.find((file) => file.endsWith(".cjs")) as string;
    type Grader = (output: string, context: object) => { pass: boolean };
    const grade = ((await import(pathToFileURL(graderFile).href)) as { default: Grader }).default;
    const assertionOf = (item: Item) => config.tests[ITEMS.indexOf(item)]?.assert[0];
    expect(assertionOf(ITEMS[0] as Item)?.value).toBe("file://benchsmith-grade.cjs");
    const verdicts = (reply: string, options: readonly string[]) =>
      options.map((_, index) => {
        const assertion = assertionOf(itemFor(options));
        return grade(reply, { vars: {}, config: { ...assertion?.config, answer: letterFor(index) } }).pass;
      });
    expect(disagreementsOf(verdicts)).toEqual([]);
    for (const [index, { reply, reference }] of OPEN_BATTERY.entries()) {
      const assertion = config.tests[OPTION_LISTS.length + index]?.assert[0];
      const graded = grade(reply, { vars: {}, config: assertion?.config ?? {} }).pass;
      expect([reply, graded]).toEqual([reply, gradeOpenAnswer(reply, reference).correct]);
    }
  });

  it("lm-eval: the _gen task's filter chain and exact_match, on each item's data row", async () => {
    const folder = join(directory, "lm-eval");
    const { files } = await EXPORT_FORMATS["lm-eval"].write(ITEMS, folder, { name: "battery" });
    const task = async (suffix: string) =>
      parseYaml(await readFile(files.find((file) => file.endsWith(suffix)) as string, "utf8")) as {
        filter_list: Array<{ filter: Array<Record<string, unknown>> }>;
        metric_list: Array<Record<string, unknown>>;
      };
    const generate = await task("_gen.yaml");
    const [regex, takeFirst] = generate.filter_list[0]?.filter ?? [];
    expect([regex?.function, takeFirst?.function]).toEqual(["multi_choice_regex", "take_first"]);
    const metric = generate.metric_list[0] ?? {};
    const rows = (await readFile(join(folder, "battery_mcq.jsonl"), "utf8")).split("\n").filter(Boolean);
    const choicesOf = (options: readonly string[]) => {
      const row = parseJson(rows[OPTION_LISTS.indexOf(options)] ?? "");
      return (row.success ? (row.value as { choices: string[] }).choices : []) as string[];
    };
    const verdicts = (reply: string, options: readonly string[]) => {
      const filtered = multiChoiceRegexFilter(
        reply,
        choicesOf(options),
        regex as unknown as MultiChoiceFilterConfig,
      );
      return options.map((_, index) => exactMatch(filtered, letterFor(index), metric));
    };
    expect(disagreementsOf(verdicts)).toEqual([]);

    if (python) {
      // Every regex the YAML hands to Python's re must compile there.
      const patterns = [regex?.regex_pattern, ...((regex?.regexes_to_ignore as string[]) ?? [])];
      const script = "import json, re, sys\nfor p in json.load(sys.stdin): re.compile(p)\nprint('ok')";
      const result = spawnSync("python3", ["-c", script], {
        input: JSON.stringify(patterns),
        encoding: "utf8",
      });
      expect([result.stderr, result.stdout.trim()]).toEqual(["", "ok"]);
    }
  });

  it.skipIf(!python)(
    "lm-eval: the _open task's process_results, run in Python, on each open reply",
    async () => {
      const folder = join(directory, "lm-eval-open");
      const { files } = await EXPORT_FORMATS["lm-eval"].write(ITEMS, folder, { name: "battery" });
      const openPath = files.find((file) => file.endsWith("_open.yaml")) as string;
      // lm-eval's loader resolves `!function module.name` to `name` in module.py beside the YAML.
      const functionTag = { tag: "!function", resolve: (value: string) => ({ function: value }) };
      const open = parseYaml(await readFile(openPath, "utf8"), { customTags: [functionTag] }) as {
        filter_list: Array<{ filter: Array<Record<string, unknown>> }>;
        process_results: { function: string };
        metric_list: Array<Record<string, unknown>>;
      };
      expect(open.filter_list[0]?.filter.map((step) => step.function)).toEqual(["take_first"]);
      expect(open.metric_list.map((entry) => entry.metric)).toEqual(["exact_match"]);
      const [module, name] = open.process_results.function.split(".");
      const modulePath = join(folder, `${module}.py`);
      expect(files).toContain(modulePath);
      const driver = [
        "import importlib.util, json, sys",
        "spec = importlib.util.spec_from_file_location(sys.argv[1], sys.argv[2])",
        "module = importlib.util.module_from_spec(spec)",
        "spec.loader.exec_module(module)",
        "process = getattr(module, sys.argv[3])",
        "print(json.dumps([process({'answer': case['reference']}, [case['reply']]) for case in json.load(sys.stdin)]))",
      ].join("\n");
      const result = spawnSync("python3", ["-c", driver, String(module), modulePath, String(name)], {
        input: JSON.stringify(OPEN_BATTERY),
        encoding: "utf8",
      });
      expect(result.stderr).toBe("");
      const scores = JSON.parse(result.stdout) as Array<{ exact_match: number }>;
      const verdicts = OPEN_BATTERY.map(({ reply }, index) => [reply, scores[index]?.exact_match === 1]);
      expect(verdicts).toEqual(
        OPEN_BATTERY.map(({ reply, reference }) => [reply, gradeOpenAnswer(reply, reference).correct]),
      );
    },
  );

  it("inspect: the task file's letter regex, then the option's text", async () => {
    const path = join(directory, "inspect", "battery.inspect.jsonl");
    const { files } = await EXPORT_FORMATS.inspect.write(ITEMS, path, { name: "battery" });
    const source = await readFile(files[1] as string, "utf8");
    // The patterns are JSON string literals in the Python source (one per option count).
    const patterns = new Map(
      [...source.matchAll(/^ {4}(\d+): re\.compile\((".*")\),$/gm)].map((match) => {
        const literal = parseJson(match[2] ?? "");
        return [Number(match[1]), literal.success ? String(literal.value) : ""] as const;
      }),
    );
    expect([...patterns.keys()].sort((a, b) => a - b)).toEqual([2, 4, 10]);
    const verdicts = (reply: string, options: readonly string[]) => {
      const letter = inspectReadChoice(reply, options, patterns.get(options.length) ?? "");
      return options.map((_, index) => letter === letterFor(index));
    };
    expect(disagreementsOf(verdicts)).toEqual([]);
  });
});
