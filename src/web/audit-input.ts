import { z } from "zod";
import { type AuditSection, REPORT_LIMITS } from "./report-sections.js";

/** The semantic-diversity row's 2-D map of the item embeddings (metrics/projection.ts), present with --embedder. */
const ProjectionInputSchema = z.object({
  method: z.string(),
  total: z.number().int(),
  explained: z.tuple([z.number(), z.number()]),
  points: z.array(
    z.object({ itemId: z.string(), x: z.number(), y: z.number(), difficulty: z.number().optional() }),
  ),
});

/**
 * What the report reads from an audit: the stored audit table of an audit run, or an AuditReport
 * written as JSON (its `leakage` is then the findings list and `calibration` is present). A row
 * computed from embeddings carries their `projection`.
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
      projection: ProjectionInputSchema.optional(),
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

/** The map as the page plots it: at most REPORT_LIMITS.projection points, each labelled by its difficulty. */
function projectionSection(
  projection: z.infer<typeof ProjectionInputSchema>,
): NonNullable<AuditSection["projection"]> {
  const stride = Math.max(1, Math.ceil(projection.points.length / REPORT_LIMITS.projection));
  return {
    method: projection.method,
    total: projection.total,
    explained: projection.explained,
    points: projection.points
      .filter((_, index) => index % stride === 0)
      .map((point) => ({
        itemId: point.itemId,
        // Four significant digits are finer than a pixel and halve the inlined summary.
        x: Number(point.x.toPrecision(4)),
        y: Number(point.y.toPrecision(4)),
        label: point.difficulty === undefined ? "unlabelled" : point.difficulty.toFixed(1),
      })),
  };
}

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
  const projection = input.rows.find((row) => row.projection !== undefined)?.projection;
  return {
    rows: input.rows.map(({ projection: _projection, ...row }) => ({ ...row, value: row.value ?? null })),
    notes: input.notes,
    probes: input.probes,
    leakage: typeof input.leakage === "number" ? input.leakage : input.leakage.length,
    itemMap,
    itemMapTotal: calibrated.length,
    ...(projection ? { projection: projectionSection(projection) } : {}),
  };
}
