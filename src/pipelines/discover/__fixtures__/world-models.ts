import type { GenerateOptions, LanguageModel } from "../../../core/language-model.js";
import { MockLanguageModel } from "../../../testing/mock-language-model.js";
import { type ProposerKind, propose } from "./scripted-proposer.js";
import { answerFor, answersCorrectly, type SimulatedWorld } from "./simulated-world.js";

export type { ProposerKind };

export interface WorldModels {
  resolveModel(ref: string): LanguageModel;
  /** Calls by role: proposer, writer, salience, judge, candidates. */
  calls: Record<string, number>;
}

const userText = (options: GenerateOptions) =>
  options.messages.filter((message) => message.role === "user").at(-1)?.content ?? "";

/**
 * Scripted models of the simulated world: "mock:proposer", "mock:writer" (also salience and grading
 * judge) and the candidates, who answer exactly round(accuracy·n) of n questions of a description
 * correctly, the accuracy read from the world's hidden table (the proposer never sees it).
 */
export function worldModels(
  world: SimulatedWorld,
  options: { proposer: ProposerKind; questions: number },
): WorldModels {
  const calls: Record<string, number> = { proposer: 0, writer: 0, salience: 0, judge: 0, candidates: 0 };
  const count = (role: string) => {
    calls[role] = (calls[role] ?? 0) + 1;
  };
  const proposer = new MockLanguageModel({
    modelId: "proposer",
    respond: (request) => {
      count("proposer");
      return JSON.stringify({
        proposals: propose(world, userText(request), options.proposer, request.seed ?? 0),
      });
    },
  });
  const writer = new MockLanguageModel({
    modelId: "writer",
    respond: (request) => {
      const text = userText(request);
      if (text.startsWith("### salience")) {
        count("salience");
        return JSON.stringify({ salience: world.salience(field(text, "Dataset description")) });
      }
      if (text.startsWith("### write-")) {
        count("writer");
        return JSON.stringify({ questions: writeQuestions(text, request.sampleIndex ?? 0) });
      }
      count("judge");
      const reference = /Reference answer:\n(.*)\n/.exec(text)?.[1]?.trim();
      const candidate = /Candidate answer:\n(.*)\n/.exec(text)?.[1]?.trim();
      return JSON.stringify({ verdict: reference === candidate ? "correct" : "incorrect" });
    },
  });
  const candidates = new Map(
    world.candidates.map((ref, index) => [
      ref,
      new MockLanguageModel({
        modelId: ref,
        respond: (request) => {
          count("candidates");
          return answer(world, ref, index, userText(request), options.questions);
        },
      }),
    ]),
  );
  return {
    calls,
    resolveModel(ref) {
      if (ref === "mock:proposer") return proposer;
      if (ref === "mock:writer") return writer;
      const candidate = candidates.get(ref);
      if (candidate === undefined) throw new Error(`the simulated world has no model ${ref}`);
      return candidate;
    },
  };
}

function field(text: string, name: string): string {
  return new RegExp(`^${name}: (.*)$`, "m").exec(text)?.[1]?.trim() ?? "";
}

function writeQuestions(text: string, batch: number) {
  const description = field(text, "Dataset description");
  const count = Number(/Write (\d+)/.exec(text)?.[1] ?? 1);
  const mcq = text.includes('"distractors"');
  return Array.from({ length: count }, (_, index) => {
    const k = batch * count + index;
    return {
      question: `Q${k}: In "${description}", which catalogue code is entry ${k}?`,
      answer: answerFor(description, k),
      ...(mcq ? { distractors: [1, 2, 3].map((offset) => answerFor(description, k + 1000 * offset)) } : {}),
    };
  });
}

function answer(world: SimulatedWorld, ref: string, index: number, text: string, questions: number): string {
  const match = /Q(\d+): In "(.*)", which catalogue code/.exec(text);
  if (match === null) return "I do not know";
  const k = Number(match[1]);
  const description = match[2] as string;
  const correct = answersCorrectly(world.accuracy(ref, description) ?? 0, k, questions, index);
  const reference = answerFor(description, k);
  const options = [...text.matchAll(/^([A-Z])\. (.*)$/gm)].map((option) => ({
    letter: option[1],
    text: option[2],
  }));
  if (options.length === 0) return correct ? reference : "code 0000";
  const pick = options.find((option) => (option.text === reference) === correct) ?? options[0];
  return pick?.letter ?? "A";
}
