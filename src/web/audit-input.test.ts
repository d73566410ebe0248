import { describe, expect, it } from "vitest";
import { CRITERIA, createRng, type Item } from "../index.js";
import { AuditInputSchema, auditSection } from "./audit-input.js";
import { REPORT_LIMITS } from "./report-sections.js";

describe("auditSection", () => {
  it("reads an AuditReport written as JSON: leakage findings counted, undefined values as null", () => {
    const input = AuditInputSchema.parse({
      rows: [{ criterion: "boundary", display: "n/a" }],
      leakage: [{ itemId: "a" }, { itemId: "b" }, { itemId: "c" }],
      calibration: { items: [{ itemId: "a", difficulty: 0, discrimination: 1, flags: ["no-signal"] }] },
    });
    const section = auditSection(input);
    expect(section.leakage).toBe(3);
    expect(section.rows[0]).toMatchObject({
      criterion: "boundary",
      value: null,
      higherIsBetter: true,
      used: "",
    });
    expect(section.itemMap).toEqual([{ itemId: "a", difficulty: 0, discrimination: 1, flag: "no-signal" }]);
  });

  it("samples a large item map evenly down to the limit", () => {
    const items = Array.from({ length: 12_001 }, (_, index) => ({
      itemId: `i${index}`,
      difficulty: index,
      discrimination: 1,
      flags: [],
    }));
    const section = auditSection(AuditInputSchema.parse({ rows: [], calibration: { items } }));
    // stride ceil(12001 / 5000) = 3: items 0, 3, 6, ... 12000.
    expect(section.itemMap).toHaveLength(4001);
    expect(section.itemMap.length).toBeLessThanOrEqual(REPORT_LIMITS.itemMap);
    expect(section.itemMap[1]?.itemId).toBe("i3");
    expect(section.itemMapTotal).toBe(12_001);
  });

  it("keeps the embedding map a semantic-diversity row carries, labelled by difficulty, out of the rows", async () => {
    const items: Item[] = Array.from({ length: 6 }, (_, index) => ({
      id: `q${index}`,
      format: "open",
      question: `question ${index}`,
      answer: "x",
      ...(index < 4 ? { difficulty: index / 4 } : {}),
    }));
    const embedder = {
      label: "test:embedder",
      semantic: true,
      embed: async (texts: readonly string[]) => ({
        vectors: texts.map((_, index) => [index, (index * index) % 3, 1]),
      }),
    };
    const row = await CRITERIA["semantic-diversity"].compute({ items, embedder, rng: createRng(5) });
    // The audit stores its rows as JSON; read them back the way the report does.
    const stored = JSON.parse(JSON.stringify({ rows: [{ criterion: "semantic-diversity", ...row }] }));
    const section = auditSection(AuditInputSchema.parse(stored));
    expect(section.projection?.total).toBe(6);
    expect(section.projection?.points.map((point) => [point.itemId, point.label])).toEqual([
      ["q0", "0.0"],
      ["q1", "0.3"],
      ["q2", "0.5"],
      ["q3", "0.8"],
      ["q4", "unlabelled"],
      ["q5", "unlabelled"],
    ]);
    expect(section.rows[0]).not.toHaveProperty("projection");
    // Without an embedder (the TF-IDF fallback) there is no map.
    const fallback = await CRITERIA["semantic-diversity"].compute({ items, rng: createRng(5) });
    const plain = auditSection(
      AuditInputSchema.parse(JSON.parse(JSON.stringify({ rows: [{ criterion: "s", ...fallback }] }))),
    );
    expect(plain.projection).toBeUndefined();
  });
});
