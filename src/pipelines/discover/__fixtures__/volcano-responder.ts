import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { LoopbackRequest, ScriptedReply } from "../../../../test/helpers/loopback-llm-server.js";

/**
 * A scripted discover world for loopback tests (as test/discover-cli.test.ts scripts it): a docs
 * corpus of volcano facts, a proposer, a grounded writer, a judge, and candidates that know different
 * facts, so their accuracies depend on the description.
 */
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
type Fact = keyof typeof FACTS;
const FACT_NAMES: Fact[] = ["height", "year", "rock"];

/** Writes one markdown page per volcano into `directory` (the `--source docs:<dir>` corpus). */
export async function writeVolcanoCorpus(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  for (const [name, facts] of Object.entries(VOLCANOES)) {
    const sentences = FACT_NAMES.map((fact) => `The ${FACTS[fact]} of ${name} is ${facts[fact]}.`);
    await writeFile(
      join(directory, `${name.toLowerCase()}.md`),
      `# ${name}\n\n${name} is a volcano. ${sentences.join(" ")}\n`,
    );
  }
}

// Candidate a knows heights and years of A-K, b heights of A-K, c only rock types.
function knows(model: string, fact: Fact, volcano: string): boolean {
  if (model === "cand-a") return fact === "height" || (fact === "year" && volcano < "L");
  if (model === "cand-b") return fact === "height" && volcano < "L";
  return fact === "rock";
}

const ChatSchema = z.object({
  model: z.string(),
  messages: z.array(z.object({ role: z.string(), content: z.unknown() })),
});

/** The request's model id and last user message. */
export function chatOf(request: LoopbackRequest): { model: string; text: string } {
  const parsed = ChatSchema.safeParse(request.body);
  if (!parsed.success) return { model: "", text: "" };
  const last = parsed.data.messages.filter((message) => message.role === "user").at(-1)?.content;
  return { model: parsed.data.model, text: typeof last === "string" ? last : "" };
}

export function respondAsVolcanoWorld(request: LoopbackRequest): ScriptedReply {
  const { model, text } = chatOf(request);
  if (model === "proposer") {
    const explored = (text.match(/^D\d+ /gm) ?? []).length;
    const proposals =
      explored === 0
        ? ["volcano heights", "volcano last eruption years"]
        : ["volcano rock types", "volcano heights of the tallest peaks"];
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
  const fact = FACT_NAMES.find((key) => FACTS[key] === asked[1]) ?? "rock";
  const volcano = asked[2] ?? "";
  return { text: knows(model, fact, volcano) ? (VOLCANOES[volcano]?.[fact] ?? "?") : "not sure" };
}

/** One question per retrieved passage, on the fact the description names, quoting its sentence. */
function writeFrom(prompt: string) {
  const description = /^Dataset description: (.*)$/m.exec(prompt)?.[1] ?? "";
  const fact: Fact = description.includes("rock")
    ? "rock"
    : description.includes("eruption")
      ? "year"
      : "height";
  const count = Number(/Write (\d+)/.exec(prompt)?.[1] ?? 1);
  const passages = [...prompt.matchAll(/^\[(\S+)\] (\w+)\n/gm)].map((match) => ({
    id: match[1] ?? "",
    volcano: match[2] ?? "",
  }));
  return passages.slice(0, count).map(({ id, volcano }) => {
    const value = VOLCANOES[volcano]?.[fact] ?? "";
    return {
      question: `What is the ${FACTS[fact]} of ${volcano}?`,
      answer: value,
      passageId: id,
      support: `The ${FACTS[fact]} of ${volcano} is ${value}.`,
    };
  });
}
