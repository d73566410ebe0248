import { describe, expect, it } from "vitest";
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
});
