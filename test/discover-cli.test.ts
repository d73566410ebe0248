/**
 * `benchsmith discover` end to end: the real binary (tsx src/cli/main.ts) over the loopback
 * OpenAI-compatible server, with a corpus the test writes (`--source docs:<dir>`). The scripted
 * writer grounds each question in a retrieved passage; the candidates know different facts, so
 * their accuracies depend on the description. Covers the trajectory table, the JSONL with
 * provenance, the report, a re-run served from the cache, a budget stop resumed without repeating
 * a call, and exit 2 with the reasons when nothing usable remains (an empty corpus: see
 * src/pipelines/discover/open-discover-source.test.ts).
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ItemSchema } from "../src/core/item.js";
import {
  type LoopbackLlmServer,
  type LoopbackRequest,
  startLoopbackLlmServer,
} from "./helpers/loopback-llm-server.js";

const run = promisify(execFile);
// Each test starts the binary (tsx) twice: ~5 s on a quiet 2-core box, several times that under load.
const CLI_TIMEOUT_MS = 120_000;
const TSX = resolve("node_modules/.bin/tsx");
const MAIN = resolve("src/cli/main.ts");

const VOLCANOES: Record<string, { height: string; year: string; rock: string }> = {
  Etna: { height: "3357", year: "2023", rock: "basalt" },
  Fuji: { height: "3776", year: "1707", rock: "andesite" },
  Hekla: { height: "1491", year: "2000", rock: "basaltic andesite" },
  Kilimanjaro: { height: "5895", year: "1700", rock: "trachyte" },
  Pinatubo: { height: "1486", year: "1991", rock: "dacite" },
  Stromboli: { height: "924", year: "2024", rock: "shoshonite" },
  Vesuvius: { height: "1281", year: "1944", rock: "phonolite" },
};
const FACTS = { height: "height", year: "last eruption year", rock: "rock type" } as const;

// What each candidate knows: a heights all and years of A-K, b heights of A-K, c only rock types.
function knows(model: string, fact: keyof typeof FACTS, volcano: string): boolean {
  if (model === "cand-a") return fact === "height" || (fact === "year" && volcano < "L");
  if (model === "cand-b") return fact === "height" && volcano < "L";
  return fact === "rock";
}

function lastUser(request: LoopbackRequest): string {
  const messages = (request.body as { messages: { role: string; content: string }[] }).messages;
  return messages.filter((message) => message.role === "user").at(-1)?.content ?? "";
}

function respond(request: LoopbackRequest): { text: string } {
  const model = (request.body as { model: string }).model;
  const text = lastUser(request);
  if (model === "broken-writer" && text.startsWith("### write-")) return { text: "no JSON here, sorry" };
  if (model === "proposer") {
    const explored = (text.match(/^D\d+ /gm) ?? []).length;
    const proposals =
      explored === 0
        ? ["volcano heights", "volcano last eruption years"]
        : ["Volcano   HEIGHTS", "volcano rock types", "volcano heights of the tallest peaks"];
    return { text: JSON.stringify({ proposals: proposals.map((description) => ({ description })) }) };
  }
  if (text.startsWith("### salience")) return { text: JSON.stringify({ salience: 0.8, reason: "core" }) };
  if (text.startsWith("### write-grounded")) return { text: JSON.stringify({ questions: writeFrom(text) }) };
  if (text.startsWith("Question:") && text.includes("Reference answer:")) {
    const reference = /Reference answer:\n(.*)\n/.exec(text)?.[1];
    const candidate = /Candidate answer:\n(.*)\n/.exec(text)?.[1];
    return { text: JSON.stringify({ verdict: reference === candidate ? "correct" : "incorrect" }) };
  }
  const asked = /What is the (height|last eruption year|rock type) of (\w+)\?/.exec(text);
  if (asked === null) return { text: "ok" };
  const fact =
    (Object.keys(FACTS) as (keyof typeof FACTS)[]).find((key) => FACTS[key] === asked[1]) ?? "rock";
  const volcano = asked[2] as string;
  return { text: knows(model, fact, volcano) ? (VOLCANOES[volcano]?.[fact] ?? "?") : "not sure" };
}

/** One question per retrieved passage, on the fact the description names, quoting its sentence. */
function writeFrom(prompt: string) {
  const description = /^Dataset description: (.*)$/m.exec(prompt)?.[1] ?? "";
  const fact: keyof typeof FACTS = description.includes("rock")
    ? "rock"
    : description.includes("eruption")
      ? "year"
      : "height";
  const count = Number(/Write (\d+)/.exec(prompt)?.[1] ?? 1);
  const passages = [...prompt.matchAll(/^\[(\S+)\] (\w+)\n/gm)].map((match) => ({
    id: match[1],
    volcano: match[2],
  }));
  return passages.slice(0, count).map(({ id, volcano }) => {
    const value = VOLCANOES[volcano as string]?.[fact] ?? "";
    return {
      question: `What is the ${FACTS[fact]} of ${volcano}?`,
      answer: value,
      passageId: id,
      support: `The ${FACTS[fact]} of ${volcano} is ${value}.`,
    };
  });
}

let server: LoopbackLlmServer;
let directory: string;
let corpus: string;
// Provider calls of the first, uninterrupted run (the budget test compares against it).
let cleanCalls = 0;

beforeAll(async () => {
  server = await startLoopbackLlmServer({ respond });
  directory = await mkdtemp(join(tmpdir(), "discover-cli-"));
  corpus = join(directory, "corpus");
  await mkdir(corpus);
  for (const [name, facts] of Object.entries(VOLCANOES)) {
    const sentences = (Object.keys(FACTS) as (keyof typeof FACTS)[]).map(
      (fact) => `The ${FACTS[fact]} of ${name} is ${facts[fact]}.`,
    );
    sentences.unshift(`${name} is a volcano.`);
    if (name === "Fuji") {
      await writeFile(
        join(corpus, "fuji.html"),
        `<html><head><title>Fuji</title></head><body><p>${sentences.join(" ")}</p></body></html>`,
      );
    } else await writeFile(join(corpus, `${name.toLowerCase()}.md`), `# ${name}\n\n${sentences.join(" ")}\n`);
  }
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

const model = (id: string) => `openai-compatible:${server.url}/v1#${id}`;

async function discover(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [MAIN, "discover", ...args], {
      cwd: directory,
      encoding: "utf8",
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function common(store: string, writer = "writer"): string[] {
  return [
    "volcanology",
    "--candidates",
    ["cand-a", "cand-b", "cand-c"].map(model).join(","),
    "--writer",
    model(writer),
    "--proposer",
    model("proposer"),
    "--source",
    `docs:${corpus}`,
    "--iterations",
    "2",
    "--proposals",
    "2",
    "--questions",
    "3",
    "--passages",
    "3",
    "--final-size",
    "5",
    "--target-accuracy",
    "0.2-0.8",
    "--store",
    join(directory, store),
  ];
}

describe("benchsmith discover (real CLI, loopback provider, docs corpus)", () => {
  it(
    "prints the trajectory, writes the benchmark with provenance and the report; a re-run makes no call",
    async () => {
      const out = join(directory, "bench.jsonl");
      server.reset();
      const first = await discover([...common("store.sqlite"), "--out", out]);
      expect(first.stderr).not.toMatch(/warning|error/);
      expect(first.code).toBe(0);
      const calls = server.requests.length;
      cleanCalls = calls;
      expect(first.stdout).toMatch(
        /^id\s+description\s+.*cand-a.*difficulty\s+separability\s+novelty\s+salience\s+n\s+objective$/m,
      );
      expect(first.stdout).toMatch(/^D1\s+volcano heights\s+1\.00 \[0\.44, 1\.00\]/m);
      // novelty over 3 candidates allows one prior: D1 has none, later rows predict from D1
      expect(first.stdout).toMatch(/^D1 .*n\/a — needs at least one prior benchmark's accuracies/m);
      const items = (await readFile(out, "utf8"))
        .trim()
        .split("\n")
        .map((line) => ItemSchema.parse(JSON.parse(line)));
      expect(items).toHaveLength(5);
      for (const item of items) {
        expect(item.metadata).toMatchObject({
          source: `docs:${corpus}`,
          checks: ["schema", "leakage", "duplicate", "support:string"],
        });
        expect(item.metadata?.passageIds).toEqual([expect.stringMatching(/^(\w+\.md|fuji\.html)#1$/)]);
      }
      const report = JSON.parse(await readFile(join(directory, "bench.report.json"), "utf8"));
      expect(report.trajectory.map((row: { description: string }) => row.description)).toEqual([
        "volcano heights",
        "volcano last eruption years",
        "volcano rock types",
        "volcano heights of the tallest peaks",
      ]);
      expect(report.proposals[1].rejected).toEqual([
        { description: "Volcano   HEIGHTS", reason: "duplicate of D1" },
      ]);
      expect(report.winner.id).toBe(report.kept[0].id);
      expect(report.kept[0].items).toBe(5);
      expect(report.calls.calls).toBe(calls);

      server.reset();
      const again = await discover([...common("store.sqlite"), "--out", join(directory, "again.jsonl")]);
      expect(again.code).toBe(0);
      expect(server.requests).toHaveLength(0);
      expect(await readFile(join(directory, "again.jsonl"), "utf8")).toBe(await readFile(out, "utf8"));
    },
    CLI_TIMEOUT_MS,
  );

  it(
    "a budget stop exits 3 and keeps the trajectory; --resume with a larger budget finishes it without repeating a call",
    async () => {
      // The same command as the first test's, on a fresh store: it makes the same calls.
      server.reset();
      const args = [...common("budget.sqlite"), "--out", join(directory, "budget.jsonl")];
      const stopped = await discover([...args, "--max-calls", String(Math.floor(cleanCalls / 2))]);
      expect(stopped.code).toBe(3);
      expect(stopped.stdout).toMatch(/^run (\S+): stopped \(budget: /m);
      const report = JSON.parse(await readFile(join(directory, "budget.report.json"), "utf8"));
      expect(report.status).toBe("stopped");
      expect(report.trajectory.length).toBeGreaterThan(0);
      const runId = /^run (\S+):/m.exec(stopped.stdout)?.[1] as string;
      const resume = ["--resume", runId, "--store", join(directory, "budget.sqlite")];
      // A plain --resume keeps the stored --max-calls, which is spent: it stops again and sends nothing.
      const sent = server.requests.length;
      expect((await discover(resume)).code).toBe(3);
      expect(server.requests).toHaveLength(sent);
      const resumed = await discover([...resume, "--max-calls", "1000"]);
      expect(resumed.code).toBe(0);
      expect(server.requests).toHaveLength(cleanCalls);
      expect(await readFile(join(directory, "budget.jsonl"), "utf8")).toBe(
        await readFile(join(directory, "bench.jsonl"), "utf8"),
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    "exits 2 with the reasons when nothing usable remains",
    async () => {
      const broken = await discover([
        ...common("broken.sqlite", "broken-writer"),
        "--out",
        join(directory, "x.jsonl"),
      ]);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(
        /^error: discover found nothing usable: writer: model output did not match the schema/m,
      );
      expect(broken.stderr).toMatch(/^ {2}- writer: .* \(x4\)$/m);
      const report = JSON.parse(await readFile(join(directory, "x.report.json"), "utf8"));
      expect(report.status).toBe("failed");
    },
    CLI_TIMEOUT_MS,
  );
});
