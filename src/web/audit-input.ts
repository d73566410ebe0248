import { z } from "zod";
import { type AuditSection, REPORT_LIMITS } from "./report-sections.js";

/**
 * What the report reads from an audit: the stored "audit-table" state of an audit run, or an
 * AuditReport written as JSON (its `leakage` is then the findings list and `calibration` is present).
 */
export const AuditInputSchema = z.object({
  rows: z.array(
    z.object({
      criterion: z.string(),
      description: z.string().default(""),
      higherIsBetter: z.boolean().default(true),
      value: z.number().nullable().optional(),
      display: z.string(),
      notes: z.string().default(""),
      used: z.string().default(""),
    }),
  ),
  notes: z.array(z.string()).default([]),
  probes: z
    .array(
      z.object({
        probe: z.string(),
        accuracy: z.number(),
        low: z.number(),
        high: z.number(),
        total: z.number().int(),
        chance: z.number(),
        isArtifact: z.boolean(),
      }),
    )
    .default([]),
  leakage: z.union([z.number().int(), z.array(z.unknown())]).default(0),
  calibration: z
    .object({
      items: z.array(
        z.object({
          itemId: z.string(),
          difficulty: z.number(),
          discrimination: z.number(),
          flags: z.array(z.string()),
        }),
      ),
    })
    .nullish(),
});
export type AuditInput = z.infer<typeof AuditInputSchema>;

/** The audit page's section: criteria with what each used, probes, leakage count and a sampled IRT item map. */
export function auditSection(input: AuditInput): AuditSection {
  const calibrated = input.calibration?.items ?? [];
  // An even stride keeps the map's shape while capping the points a browser has to draw.
  const stride = Math.max(1, Math.ceil(calibrated.length / REPORT_LIMITS.itemMap));
  const itemMap = calibrated
    .filter((_, index) => index % stride === 0)
    .map((item) => ({
      itemId: item.itemId,
      difficulty: item.difficulty,
      discrimination: item.discrimination,
      flag: item.flags[0] ?? "ok",
    }));
  return {
    rows: input.rows.map((row) => ({ ...row, value: row.value ?? null })),
    notes: input.notes,
    probes: input.probes,
    leakage: typeof input.leakage === "number" ? input.leakage : input.leakage.length,
    itemMap,
    itemMapTotal: calibrated.length,
  };
}
