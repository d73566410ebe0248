import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { type Item, ItemSchema } from "../core/item.js";
import { parseJson } from "../core/json.js";
import { buildEvalPrompt } from "../evaluate/build-prompt.js";
import { RELATIVE_TOLERANCE } from "../evaluate/grade-open-answer.js";
import { EVAL_PROMPTS } from "../evaluate/prompts.js";
import { parseCsvRecords } from "./csv.js";
import { EXPORT_MAX_TOKENS, taskName } from "./export-format.js";
import { EXPORT_FORMATS } from "./export-formats.js";
import { promptfooProvider } from "./export-promptfoo.js";
import { importRows } from "./import-rows.js";
import { readJsonl } from "./jsonl.js";

const ITEMS: Item[] = [
  {
    id: "capital-1",
    format: "mcq",
    question: 'Which city is the capital of Germany? Say "why", briefly,\nif you like.',
    options: ["Paris", "London", "Berlin", "Madrid"],
    answer: "C",
    difficulty: 0.4,
    category: "geography",
    explanation: "Berlin since 1990.",
  },
  {
    id: "count-10",
    format: "mcq",
    question: "Which number comes after 9?",
    options: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
    answer: "J",
  },
  { id: "open-1", format: "open", question: "How many metres are in a kilometre?", answer: "1,000" },
];

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-export-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const jsonLines = async (path: string): Promise<Array<Record<string, unknown>>> =>
  (await readFile(path, "utf8"))
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const parsed = parseJson(line);
      if (!parsed.success) throw parsed.error;
      return parsed.value as Record<string, unknown>;
    });

describe("EXPORT_FORMATS", () => {
  it("every entry is complete and keyed by its id", () => {
    for (const [key, format] of Object.entries(EXPORT_FORMATS)) {
      expect(format.id).toBe(key);
      expect(format.description.length).toBeGreaterThan(10);
      expect(format.fileExtension).toMatch(/^\.[a-z]+$/);
      expect(["file", "directory"]).toContain(format.output);
      expect(typeof format.write).toBe("function");
    }
  });

  it("jsonl round-trips the items exactly", async () => {
    const path = join(directory, "bench.jsonl");
    await EXPORT_FORMATS.jsonl.write(ITEMS, path, { name: "bench" });
    expect(await readJsonl(path, ItemSchema)).toEqual(ITEMS);
  });

  it("csv parses and reads back through importRows to the same items", async () => {
    const path = join(directory, "bench.csv");
    await EXPORT_FORMATS.csv.write(ITEMS, path, { name: "bench" });
    const records = parseCsvRecords(await readFile(path, "utf8"));
    expect(records).toHaveLength(ITEMS.length);
    const { items, rejected } = importRows(records);
    expect(rejected).toEqual([]);
    expect(items).toEqual(ITEMS);
  });

  it("inspect writes Samples with our chat messages and a task file with the token limit", async () => {
    const path = join(directory, "inspect.jsonl");
    const { files } = await EXPORT_FORMATS.inspect.write(ITEMS, path, { name: "bench", maxTokens: 2048 });
    expect(files).toEqual([path, join(directory, "bench_task.py")]);
    const samples = await jsonLines(path);
    expect(samples).toHaveLength(ITEMS.length);
    for (const [index, item] of ITEMS.entries()) {
      const sample = samples[index] ?? {};
      const prompt = buildEvalPrompt(item, { chainOfThought: true });
      expect(sample.id).toBe(item.id);
      expect(sample.input).toEqual([
        { role: "system", content: prompt.system },
        { role: "user", content: prompt.prompt },
      ]);
      expect(sample.choices).toEqual(item.format === "mcq" ? item.options : undefined);
      expect(sample.target).toBe(item.answer);
      expect(sample.metadata).toMatchObject({ format: item.format, question: item.question });
    }
    const task = await readFile(join(directory, "bench_task.py"), "utf8");
    expect(task).toContain('DATASET = Path(__file__).parent / "inspect.jsonl"');
    expect(task).toContain("GenerateConfig(temperature=0, max_tokens=2048)");
    expect(task).toMatch(/def bench_mcq\(\):[\s\S]*def bench_open\(\):/);
    expect([...task.matchAll(/^ {4}(\d+): re\.compile\(/gm)].map((match) => match[1])).toEqual(["4", "10"]);
  });

  describe("lm-eval", () => {
    let files: string[] = [];
    beforeAll(async () => {
      files = (await EXPORT_FORMATS["lm-eval"].write(ITEMS, join(directory, "lm-eval"), { name: "my_bench" }))
        .files;
    });
    const task = async (suffix: string): Promise<Record<string, unknown>> => {
      const path = files.find((file) => file.endsWith(suffix));
      if (!path) throw new Error(`no ${suffix}`);
      // The open task names its Python grader with lm-eval's `!function` tag.
      const functionTag = { tag: "!function", resolve: (value: string) => `!function ${value}` };
      return parseYaml(await readFile(path, "utf8"), { customTags: [functionTag] }) as Record<
        string,
        unknown
      >;
    };

    it("writes a generate_until task that needs no loglikelihood", async () => {
      const generate = await task("_gen.yaml");
      expect(generate.output_type).toBe("generate_until");
      expect(generate).not.toHaveProperty("doc_to_choice");
      const metrics = (generate.metric_list as Array<{ metric: string }>).map((entry) => entry.metric);
      expect(metrics).toEqual(["exact_match"]);
      expect(JSON.stringify(generate)).not.toMatch(/loglikelihood|multiple_choice|"acc(_norm)?"/);
      expect(generate.doc_to_target).toBe("answer_letter");
    });

    it("the generate_until task keeps the system prompt, a token limit and benchsmith's filter", async () => {
      const generate = await task("_gen.yaml");
      expect(generate.description).toBe(`${EVAL_PROMPTS.mcqChainOfThought.system}\n\n`);
      expect(generate.generation_kwargs).toMatchObject({ max_gen_toks: EXPORT_MAX_TOKENS, temperature: 0 });
      const [pipeline] = generate.filter_list as Array<{
        name: string;
        filter: Array<Record<string, unknown>>;
      }>;
      expect(pipeline?.filter.map((step) => step.function)).toEqual(["multi_choice_regex", "take_first"]);
      expect(pipeline?.filter[0]).toMatchObject({
        group_select: -1,
        ignore_case: true,
        ignore_punctuation: true,
      });
      const open = await task("_open.yaml");
      expect(open.description).toBe(`${EVAL_PROMPTS.openChainOfThought.system}\n\n`);
    });

    it("writes a multiple_choice task and data rows that round-trip the items", async () => {
      const choice = await task("_mc.yaml");
      expect(choice.output_type).toBe("multiple_choice");
      expect(choice.doc_to_choice).toBe("letters");
      const dataFile = (choice.dataset_kwargs as { data_files: { test: string } }).data_files.test;
      const rows = await jsonLines(dataFile);
      const mcq = ITEMS.filter((item) => item.format === "mcq");
      expect(rows.map((row) => row.id)).toEqual(mcq.map((item) => item.id));
      for (const [index, item] of mcq.entries()) {
        const row = rows[index] ?? {};
        expect(row.question).toBe(item.question);
        expect(row.choices).toEqual(item.options);
        expect((row.letters as string[])[row.answer_index as number]).toBe(item.answer);
        expect(row.answer_letter).toBe(item.answer);
        for (const field of [choice.doc_to_text, choice.doc_to_target])
          expect(row).toHaveProperty(String(field));
      }
    });

    it("open items get their own generate_until task", async () => {
      const open = await task("_open.yaml");
      expect(open.output_type).toBe("generate_until");
      const dataFile = (open.dataset_kwargs as { data_files: { test: string } }).data_files.test;
      expect((await jsonLines(dataFile))[0]).toMatchObject({ id: "open-1", answer: "1,000" });
    });

    it("the open task grades in benchsmith_grading.py beside it, numbers included", async () => {
      const open = await task("_open.yaml");
      expect(open.process_results).toBe("!function benchsmith_grading.process_results");
      expect(open.metadata).toEqual({ version: 3, generator: "benchsmith" });
      const modulePath = files.find((file) => file.endsWith("benchsmith_grading.py")) ?? "";
      const module = await readFile(modulePath, "utf8");
      expect(module).toContain("def process_results(doc, results):");
      expect(module).toContain(`RELATIVE_TOLERANCE = ${RELATIVE_TOLERANCE}`);
    });
  });

  it("promptfoo config runs the chat prompt file and the grader beside it for every test", async () => {
    const path = join(directory, "promptfooconfig.yaml");
    const { files } = await EXPORT_FORMATS.promptfoo.write(ITEMS, path, {
      name: "bench",
      models: ["anthropic:claude-3-5-haiku-latest", "ollama:qwen2.5", "local:tiny"],
    });
    expect(files).toEqual([
      path,
      join(directory, "benchsmith-grade.cjs"),
      join(directory, "benchsmith-prompt.json"),
    ]);
    const config = parseYaml(await readFile(path, "utf8")) as Record<string, unknown>;
    expect(config.prompts).toEqual(["file://benchsmith-prompt.json"]);
    expect(parseYaml(await readFile(files[2] as string, "utf8"))).toEqual([
      { role: "system", content: "{{system}}" },
      { role: "user", content: "{{prompt}}" },
    ]);
    expect(config.providers).toEqual([
      {
        id: "anthropic:messages:claude-3-5-haiku-latest",
        label: "anthropic:claude-3-5-haiku-latest",
        config: { temperature: 0, max_tokens: EXPORT_MAX_TOKENS, showThinking: false },
      },
      {
        id: "ollama:chat:qwen2.5",
        label: "ollama:qwen2.5",
        config: { temperature: 0, num_predict: EXPORT_MAX_TOKENS, showThinking: false },
      },
    ]);
    expect(String(config.description)).toContain("local:tiny");
    const tests = config.tests as Array<{
      vars: Record<string, string>;
      assert: Array<Record<string, unknown>>;
    }>;
    expect(tests).toHaveLength(ITEMS.length);
    const first = tests[0];
    expect(first?.vars.system).toBe(EVAL_PROMPTS.mcqChainOfThought.system);
    expect(first?.vars.prompt).toContain("C. Berlin");
    expect(first?.assert).toEqual([
      {
        type: "javascript",
        value: "file://benchsmith-grade.cjs",
        config: { format: "mcq", options: ITEMS[0]?.options, answer: "C" },
      },
    ]);
    expect(tests[2]?.assert[0]?.config).toEqual({ format: "open", answer: "1,000" });
    expect(promptfooProvider("openai-compatible:http://127.0.0.1:8080/v1#tiny", 512)).toEqual({
      id: "openai:chat:tiny",
      label: "openai-compatible:http://127.0.0.1:8080/v1#tiny",
      config: {
        temperature: 0,
        max_tokens: 512,
        showThinking: false,
        apiBaseUrl: "http://127.0.0.1:8080/v1",
      },
    });
  });

  it("task names are safe identifiers", () => {
    expect(taskName("My Bench (v2).jsonl")).toBe("my_bench_v2_jsonl");
    expect(taskName("2024-set")).toBe("bench_2024_set");
  });
});
