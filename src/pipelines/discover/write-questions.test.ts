import { describe, expect, it } from "vitest";
import { MockLanguageModel } from "../../testing/index.js";
import { writeQuestions } from "./write-questions.js";

const passages = [{ id: "etna.md#1", title: "Etna", text: "The height of Etna is 3357 metres." }];
const common = { domain: "volcanology", description: "volcano heights", count: 2, existing: [], seed: 1 };

describe("writeQuestions", () => {
  it("shows the privileged passages with their ids and reads answers given as numbers", async () => {
    const writer = new MockLanguageModel({
      respond: JSON.stringify({
        questions: [
          {
            question: "How tall is Etna in metres?",
            answer: 3357,
            passageId: "etna.md#1",
            support: "The height of Etna is 3357",
          },
          { question: "  Which volcano is the tallest in Europe?  ", answer: " Elbrus ", passageId: null },
        ],
      }),
    });
    const batch = await writeQuestions({ ...common, writer, passages, format: "open", batch: 0 });
    expect(batch).toEqual({
      drafts: [
        {
          question: "How tall is Etna in metres?",
          answer: "3357",
          distractors: [],
          passageId: "etna.md#1",
          support: "The height of Etna is 3357",
          checks: [],
        },
        {
          question: "Which volcano is the tallest in Europe?",
          answer: "Elbrus",
          distractors: [],
          checks: [],
        },
      ],
      rejected: [],
    });
    const prompt = writer.lastUserMessage(0);
    expect(prompt).toMatch(/^### write-grounded\n/);
    expect(prompt).toContain("[etna.md#1] Etna\nThe height of Etna is 3357 metres.");
    expect(prompt).not.toContain("distractors");
    expect(writer.calls[0]?.sampleIndex).toBeUndefined();
  });

  it("without passages writes from knowledge; MCQ asks for distractors; later batches are new samples that avoid old questions", async () => {
    const writer = new MockLanguageModel({ respond: JSON.stringify({ questions: [] }) });
    const batch = await writeQuestions({
      ...common,
      writer,
      passages: undefined,
      format: "mcq",
      existing: ["How tall is Etna?"],
      batch: 2,
    });
    expect(batch.failure).toBe("the writer wrote no question");
    const prompt = writer.lastUserMessage(0);
    expect(prompt).toMatch(/^### write-ungrounded\n/);
    expect(prompt).toContain('"distractors"');
    expect(prompt).toContain("These questions exist already; write different ones:\n- How tall is Etna?");
    expect(writer.calls[0]?.sampleIndex).toBe(2);
  });

  it("invalid JSON after the repair attempt is the batch's failure", async () => {
    const writer = new MockLanguageModel({ respond: "Sure! Question 1: ..." });
    const batch = await writeQuestions({ ...common, writer, passages, format: "open", batch: 0 });
    expect(batch.drafts).toEqual([]);
    expect(batch.failure).toMatch(/^writer: model output did not match the schema/);
  });
});
