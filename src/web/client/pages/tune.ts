import { el, formatNumber, section, table } from "../dom.js";
import type { PageDefinition } from "../page.js";
import { tunePlot } from "../pipeline-plots.js";

/** Tune: accuracy per iteration against the target band, and what the designer proposed each time. */
export const tunePage: PageDefinition = {
  id: "tune",
  title: "Tune",
  needs: ["tune"],
  render({ summary }) {
    const tune = summary.tune;
    if (!tune) return el("div", {});
    return section(
      `Tune trajectory: ${tune.template}`,
      { testid: "tune" },
      el(
        "p",
        {},
        `Target ${tune.targetAccuracy} ± ${tune.tolerance}` +
          (tune.stopReason ? `; stopped: ${tune.stopReason}` : "") +
          (tune.bestIteration === undefined ? "" : `; best iteration ${tune.bestIteration + 1}`),
      ),
      tunePlot(tune),
      table(
        ["iteration", "designer", "params", "accuracy", "95% interval", "n", "confirmed", "rationale"],
        tune.iterations.map((entry) => [
          String(entry.iteration + 1),
          entry.fallback ? `${entry.designer} (fallback: ${entry.fallback})` : entry.designer,
          JSON.stringify(entry.params),
          formatNumber(entry.accuracy),
          `[${formatNumber(entry.low)}, ${formatNumber(entry.high)}]`,
          String(entry.total),
          entry.confirmed ? "yes" : "no",
          entry.rationale,
        ]),
        { class: "data", testid: "tune-table" },
      ),
    );
  },
};
