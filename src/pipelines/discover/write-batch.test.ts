import { afterEach, describe, expect, it } from "vitest";
import type { RunStore } from "../../core/store-spec.js";
import { createCodeSource } from "../../sources/index.js";
import type { Passage, PrivilegedSource } from "../../sources/source.js";
import { MockLanguageModel } from "../../testing/index.js";
import { memoryStore } from "./__fixtures__/test-context.js";
import { createCheckpoints } from "./checkpoint.js";
import type { DiscoverSource } from "./open-discover-source.js";
import { writeBatch } from "./write-batch.js";

const PASSAGES: Passage[] = [
  { id: "etna.md#1", title: "Etna", text: "Etna is a volcano. The height of Etna is 3357 metres." },
  { id: "fuji.md#1", title: "Fuji", text: "Fuji is a volcano. The height of Fuji is 3776 metres." },
  { id: "hekla.md#1", title: "Hekla", text: "Hekla is a volcano. The height of Hekla is 1491 metres." },
];

function memorySource(passages: Passage[]): PrivilegedSource & { queries: string[] } {
  const queries: string[] = [];
  return {
    id: "memory",
    description: "passages in memory",
    queries,
    async retrieve(query, options) {
      queries.push(query);
      return passages.slice(0, options.limit);
    },
  };
}

const writer = new MockLanguageModel({
  respond: JSON.stringify({
    questions: [
      {
        question: "How tall is Etna in metres?",
        answer: "3357",
        passageId: "etna.md#1",
        support: "The height of Etna is 3357 metres.",
      },
      {
        question: "How tall is Fuji in metres?",
        answer: "3776",
        passageId: "fuji.md#1",
        support: "The height of Fuji is 9999 metres.",
      },
      {
        question: "Is Hekla 1491 metres tall?",
        answer: "1491",
        passageId: "hekla.md#1",
        support: "The height of Hekla is 1491 metres.",
      },
      {
        question: "How tall is Vesuvius?",
        answer: "1281",
        passageId: "vesuvius.md#1",
        support: "The height of Vesuvius is 1281",
      },
      {
        question: "How tall is Etna in metres?",
        answer: "3357",
        passageId: "etna.md#1",
        support: "The height of Etna is 3357 metres.",
      },
    ],
  }),
});
const judge = new MockLanguageModel({ respond: '{"supported": false}' });
const description = { id: "D4", iteration: 1, description: "volcano heights" };
const settings = {
  domain: "volcanology",
  questions: 5,
  passages: 2,
  format: "open" as const,
  seed: 9,
  privileged: true,
};

let store: RunStore;
afterEach(async () => store?.close());

describe("writeBatch", () => {
  it("grounds, writes and checks: accepted items carry their provenance, rejections their reasons", async () => {
    store = await memoryStore();
    const source = memorySource(PASSAGES);
    const discoverSource: DiscoverSource = {
      kind: "retrieval",
      spelling: "docs:./volcanoes",
      source,
      warnings: [],
    };
    const run = () =>
      writeBatch({
        checkpoints: createCheckpoints(store, "discover-test"),
        description,
        batch: 0,
        existing: [],
        source: discoverSource,
        writer,
        writerRef: "mock:writer",
        judge,
        settings,
      });
    const record = await run();
    expect(record.passageIds).toEqual(["etna.md#1", "fuji.md#1"]);
    expect(record.items).toEqual([
      {
        id: "D4-b0-q1",
        format: "open",
        question: "How tall is Etna in metres?",
        answer: "3357",
        category: "volcano heights",
        metadata: {
          description: "volcano heights",
          descriptionId: "D4",
          source: "docs:./volcanoes",
          passageIds: ["etna.md#1"],
          support: "The height of Etna is 3357 metres.",
          checks: ["schema", "leakage", "duplicate", "support:string"],
        },
        provenance: { pipeline: "discover", step: "write", model: "mock:writer", seed: 9 },
      },
    ]);
    expect(record.rejected).toEqual([
      {
        question: "How tall is Fuji in metres?",
        reason: "support: the quoted span is not in passage fuji.md#1",
      },
      { question: "Is Hekla 1491 metres tall?", reason: "leakage: the question contains its answer" },
      { question: "How tall is Vesuvius?", reason: "support: cites vesuvius.md#1, which it was not given" },
      {
        question: "How tall is Etna in metres?",
        reason: "duplicate: the description has this question already",
      },
    ]);
    expect(writer.lastUserMessage(0)).toContain("[fuji.md#1] Fuji");
    expect(writer.lastUserMessage(0)).not.toContain("hekla.md#1");
    // stored: neither the source nor the writer is asked again
    expect(await run()).toEqual(record);
    expect(source.queries).toEqual(["volcano heights"]);
    expect(writer.calls).toHaveLength(1);
  });

  it("later batches use the next window of passages; a description that retrieves nothing is a failure", async () => {
    store = await memoryStore();
    const source = memorySource(PASSAGES);
    const common = {
      checkpoints: createCheckpoints(store, "discover-test"),
      existing: [],
      writer: new MockLanguageModel({ respond: '{"questions": []}' }),
      writerRef: "mock:writer",
      judge,
      settings,
    };
    const second = await writeBatch({
      ...common,
      description,
      batch: 1,
      source: { kind: "retrieval", spelling: "docs:x", source, warnings: [] },
    });
    expect(second.passageIds).toEqual(["hekla.md#1"]);
    const nothing = await writeBatch({
      ...common,
      description: { ...description, id: "D5" },
      batch: 0,
      source: { kind: "retrieval", spelling: "docs:x", source: memorySource([]), warnings: [] },
    });
    expect(nothing).toEqual({
      batch: 0,
      passageIds: [],
      items: [],
      rejected: [],
      failure: 'retrieval: memory found nothing for "volcano heights"',
    });
  });

  it("the code source keeps the agreeing programs as the item's provenance; --no-privileged writes without them", async () => {
    store = await memoryStore();
    const programWriter = new MockLanguageModel({
      respond: (request) =>
        (request.messages.at(-1)?.content ?? "").startsWith("### write-programs")
          ? JSON.stringify({
              questions: [{ question: "What is 17 * 23?", program: "function main() { return 17 * 23; }" }],
            })
          : JSON.stringify({ programs: [{ index: 1, program: "function main() { return 391; }" }] }),
    });
    const code: DiscoverSource = { kind: "execution", spelling: "code", source: createCodeSource() };
    const common = {
      checkpoints: createCheckpoints(store, "discover-test"),
      batch: 0,
      existing: [],
      source: code,
      writer: programWriter,
      writerRef: "mock:writer",
      judge,
    };
    const record = await writeBatch({ ...common, description, settings });
    expect(record.items).toHaveLength(1);
    expect(record.items[0]).toMatchObject({
      answer: "391",
      metadata: {
        source: "code",
        programs: ["function main() { return 17 * 23; }", "function main() { return 391; }"],
        checks: ["agreement", "schema", "leakage", "duplicate"],
      },
    });
    const plain = new MockLanguageModel({
      respond: '{"questions": [{"question": "What is 2 + 2?", "answer": "4"}]}',
    });
    const unprivileged = await writeBatch({
      ...common,
      writer: plain,
      description: { ...description, id: "D9" },
      settings: { ...settings, privileged: false },
    });
    expect(unprivileged.items[0]?.metadata).toMatchObject({
      source: "none (--no-privileged)",
      checks: ["schema", "leakage", "duplicate"],
    });
    expect(plain.lastUserMessage(0)).toMatch(/^### write-ungrounded\n/);
  });
});
