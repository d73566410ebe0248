import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractChoice } from "../../evaluate/extract-answer.js";
import { gradeOpenAnswer } from "../../evaluate/grade-open-answer.js";
import { inspectReadChoice } from "../__fixtures__/harness-filters.js";
import { OPEN_BATTERY, REPLY_BATTERY } from "../__fixtures__/reply-battery.js";
import { inspectTaskFile, inspectTaskSource } from "./inspect-task.js";
import { letterPattern } from "./letter-pattern.js";

const python = spawnSync("python3", ["--version"]).status === 0;
const COUNTS = [...new Set(REPLY_BATTERY.map(({ options }) => options.length))];

// Just enough of inspect_ai for the task file to import and build its tasks (no model calls).
const STUB: Record<string, string> = {
  "__init__.py": [
    "class Task:",
    "    def __init__(self, **kwargs):",
    "        self.kwargs = kwargs",
    "def task(function):",
    "    return function",
  ].join("\n"),
  "dataset/__init__.py": [
    "import json",
    "class Sample:",
    "    def __init__(self, record):",
    "        self.metadata = record.get('metadata')",
    "        self.record = record",
    "class Dataset(list):",
    "    def filter(self, predicate):",
    "        return Dataset(sample for sample in self if predicate(sample))",
    "def json_dataset(path):",
    "    with open(path) as file:",
    "        return Dataset(Sample(json.loads(line)) for line in file if line.strip())",
  ].join("\n"),
  "model/__init__.py":
    "class GenerateConfig:\n    def __init__(self, **kwargs):\n        self.kwargs = kwargs",
  "scorer/__init__.py": [
    "CORRECT, INCORRECT = 'C', 'I'",
    "class Score:",
    "    def __init__(self, value, answer=None, explanation=None):",
    "        self.value, self.answer = value, answer",
    "class Target:",
    "    def __init__(self, text):",
    "        self.text = text",
    "def accuracy():",
    "    return 'accuracy'",
    "def stderr():",
    "    return 'stderr'",
    "def scorer(metrics):",
    "    return lambda factory: factory",
  ].join("\n"),
  "solver/__init__.py": "class TaskState:\n    pass\ndef generate():\n    return 'generate'",
};

const DRIVER = [
  "import asyncio, importlib.util, json, sys",
  "from types import SimpleNamespace",
  "sys.path.insert(0, sys.argv[1])",
  "spec = importlib.util.spec_from_file_location('exported_task', sys.argv[2])",
  "module = importlib.util.module_from_spec(spec)",
  "spec.loader.exec_module(module)",
  "data = json.load(sys.stdin)",
  "choices = [module.read_choice(case['reply'], case['options']) for case in data['mcq']]",
  "opens = [module.grade_open(case['reply'], case['reference'])[1] for case in data['open']]",
  "mcq, open_task = module.my_bench_mcq(), module.my_bench_open()",
  "state = SimpleNamespace(output=SimpleNamespace(completion='Answer: **b**'),",
  "    choices=[SimpleNamespace(value=v) for v in ['x', 'y', 'z']])",
  "scored = asyncio.run(module.benchsmith_choice()(state, module.Target('B')))",
  "print(json.dumps({'choices': choices, 'open': opens, 'scored': [scored.value, scored.answer],",
  "    'tasks': [len(mcq.kwargs['dataset']), len(open_task.kwargs['dataset']),",
  "              mcq.kwargs['config'].kwargs, open_task.kwargs['solver']]}))",
].join("\n");

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-inspect-task-"));
  for (const [path, text] of Object.entries(STUB)) {
    await mkdir(join(directory, "stub", "inspect_ai", path, ".."), { recursive: true });
    await writeFile(join(directory, "stub", "inspect_ai", path), `${text}\n`);
  }
  const samples = [
    { id: "m1", input: "q", choices: ["x", "y"], target: "A", metadata: { format: "mcq" } },
    { id: "m2", input: "q", choices: ["x", "y"], target: "B", metadata: { format: "mcq" } },
    { id: "o1", input: "q", target: "1,000", metadata: { format: "open" } },
  ];
  await writeFile(join(directory, "bench.inspect.jsonl"), samples.map((s) => JSON.stringify(s)).join("\n"));
  const source = inspectTaskSource({
    name: "my_bench",
    datasetFile: "bench.inspect.jsonl",
    optionCounts: [...COUNTS, 3],
    hasOpen: true,
    maxTokens: 4096,
  });
  await writeFile(join(directory, inspectTaskFile("my_bench")), source);
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("inspect task file", () => {
  it("its reading (letter regex, then option text) matches extractChoice on the battery", () => {
    const disagreements = REPLY_BATTERY.filter(
      ({ reply, options }) =>
        inspectReadChoice(reply, options, letterPattern(options.length)) !== extractChoice(reply, options),
    ).map(({ description }) => description);
    expect(disagreements).toEqual([]);
  });

  it.skipIf(!python)("runs in Python: read_choice and grade_open agree with benchsmith", () => {
    const input = JSON.stringify({ mcq: REPLY_BATTERY, open: OPEN_BATTERY });
    const result = spawnSync(
      "python3",
      ["-c", DRIVER, join(directory, "stub"), join(directory, inspectTaskFile("my_bench"))],
      { input, encoding: "utf8" },
    );
    expect(result.stderr).toBe("");
    const output = JSON.parse(result.stdout) as {
      choices: Array<string | null>;
      open: boolean[];
      scored: [string, string | null];
      tasks: [number, number, Record<string, number>, string];
    };
    expect(output.choices).toEqual(REPLY_BATTERY.map(({ reply, options }) => extractChoice(reply, options)));
    expect(output.open).toEqual(
      OPEN_BATTERY.map(({ reply, reference }) => gradeOpenAnswer(reply, reference).correct),
    );
    expect(output.scored).toEqual(["C", "B"]);
    expect(output.tasks).toEqual([2, 1, { temperature: 0, max_tokens: 4096 }, "generate"]);
  });

  it("declares one task per item format present and the token limit", () => {
    const source = inspectTaskSource({
      name: "quiz",
      datasetFile: "quiz.inspect.jsonl",
      optionCounts: [],
      hasOpen: true,
      maxTokens: 2048,
    });
    expect(source).toContain("def quiz_open():");
    expect(source).not.toContain("def quiz_mcq():");
    expect(source).toContain("max_tokens=2048");
    expect(source).toContain('DATASET = Path(__file__).parent / "quiz.inspect.jsonl"');
  });
});
