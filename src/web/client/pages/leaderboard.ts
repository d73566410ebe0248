import { el, formatNumber, section, table } from "../dom.js";
import type { PageDefinition } from "../page.js";
import { heatmapPlot, intervalPlot } from "../plots.js";

/** Leaderboard: accuracy with 95% intervals, heuristic baselines against chance, artifact flags, rank heatmap. */
export const leaderboardPage: PageDefinition = {
  id: "leaderboard",
  title: "Leaderboard",
  needs: ["models"],
  render({ summary }) {
    const ranked = [...summary.models].sort((left, right) =>
      left.kind === right.kind ? right.accuracy - left.accuracy : left.kind === "llm" ? -1 : 1,
    );
    const chance = summary.chanceAccuracy;
    const rows = ranked.map((model, index) => [
      String(index + 1),
      model.model,
      model.kind,
      formatNumber(model.accuracy),
      `[${formatNumber(model.interval.low)}, ${formatNumber(model.interval.high)}]`,
      String(model.total),
      String(model.unparseable),
      chance === undefined ? "-" : formatNumber(model.accuracy - chance),
      model.description ?? "",
    ]);
    const body = el(
      "div",
      {},
      section(
        "Leaderboard",
        { testid: "leaderboard" },
        table(
          ["#", "model", "kind", "accuracy", "95% interval", "n", "unparseable", "vs chance", "what it is"],
          rows,
          { testid: "leaderboard-table", class: "data" },
        ),
        intervalPlot(
          "leaderboard-intervals",
          ranked.map((model) => ({
            label: model.model,
            estimate: model.accuracy,
            low: model.interval.low,
            high: model.interval.high,
            kind: model.kind,
          })),
          chance,
        ),
      ),
    );
    body.append(
      section(
        "Answer-artifact flags",
        { testid: "flags" },
        summary.flags.length === 0
          ? el(
              "p",
              {},
              "No heuristic baseline beats chance by the artifact margin, and no model is mostly unreadable.",
            )
          : el("ul", {}, ...summary.flags.map((flag) => el("li", { class: "flag" }, flag))),
      ),
    );
    const rank = summary.rankConfidence;
    if (rank && rank.models.length >= 2)
      body.append(
        section(
          "Rank confidence",
          { testid: "rank-confidence" },
          el(
            "p",
            { class: "hint" },
            "Each cell is the confidence that the row model's expected accuracy exceeds the column model's.",
          ),
          heatmapPlot(rank.models, rank.matrix),
        ),
      );
    return body;
  },
};
