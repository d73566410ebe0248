import { z } from "zod";
import { DESIGNERS, type DesignerName } from "./designers/index.js";
import { TUNE_PRESETS, type TunePresetName } from "./presets.js";

const designerNames = Object.keys(DESIGNERS) as [DesignerName, ...DesignerName[]];
const presetNames = Object.keys(TUNE_PRESETS) as [TunePresetName, ...TunePresetName[]];

/** What a tune run stores; `--resume` continues with exactly these values (concurrency aside). */
export const TuneRunSpecSchema = z.object({
  /** The options it ran with, defaults applied (`resolveTuneOptions`). */
  options: z.object({
    /** Built-in template name or an absolute path to a template module. */
    template: z.string(),
    targetModel: z.string(),
    targetAccuracy: z.number().min(0).max(1),
    designer: z.enum(designerNames),
    preset: z.enum(presetNames).optional(),
    designerModel: z.string().optional(),
    /** Absent in runs stored before it was an option (they ran at 0.5, the default). */
    designerTemperature: z.number().min(0).max(2).optional(),
    tolerance: z.number().min(0).max(1),
    maxIters: z.number().int().positive(),
    itemsPerIter: z.number().int().positive(),
    finalItems: z.number().int().positive(),
    seed: z.number().int().nonnegative(),
    concurrency: z.number().int().positive(),
  }),
  /** Benchmark JSONL (absolute). */
  out: z.string(),
  /** The work queue it ran on (`--queue`), its password masked; absent: in one process. */
  queue: z.string().optional(),
});
export type TuneRunSpec = z.infer<typeof TuneRunSpecSchema>;
