/** Option values a preset fixes (a flag given with a different value is an error, not an override). */
export interface TunePresetOptions {
  maxIters: number;
  designerTemperature: number;
}

/** A published protocol, declared with what it fixes for one run and what the bench runs it at. */
export interface TunePreset {
  id: string;
  description: string;
  options: TunePresetOptions;
  /** Target accuracies the protocol is reported at (the bench runs each). */
  targets: readonly number[];
  /** Mean |deviation| the paper reports for its own designer, per task, as text for tables. */
  reported: string;
}

/** Presets by id. */
export const TUNE_PRESETS = {
  betal: {
    id: "betal",
    description:
      "BeTaL's protocol (Dsouza et al. 2025): 10 designer iterations at designer temperature 0.5; reported at targets 0.25/0.50/0.75/0.90",
    options: { maxIters: 10, designerTemperature: 0.5 },
    targets: [0.25, 0.5, 0.75, 0.9],
    reported:
      "5.3-13.2% mean deviation for its LLM designer (arXiv 2510.25039v1 abstract); per task in our design notes: arithmetic sequences 8.3-11.8%, spatial reasoning 5.0-7.4%, tau-bench 7.7%",
  },
} as const satisfies Record<string, TunePreset>;

export type TunePresetName = keyof typeof TUNE_PRESETS;
