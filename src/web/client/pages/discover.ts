import { el, formatNumber, section, table } from "../dom.js";
import type { PageDefinition } from "../page.js";
import { discoverPlot, discoverScoresPlot } from "../pipeline-plots.js";

/** Discover: the objective per iteration, every description's scores, and the winning description. */
export const discoverPage: PageDefinition = {
  id: "discover",
  title: "Discover",
  needs: ["discover"],
  render({ summary }) {
    const discover = summary.discover;
    if (!discover) return el("div", {});
    const winner = discover.descriptions.find((row) => row.id === discover.winner);
    const scores = table(
      [
        "id",
        "iteration",
        "description",
        "status",
        "difficulty",
        "separability",
        "novelty",
        "salience",
        "n",
        "objective",
      ],
      discover.descriptions.map((row) => [
        row.id === discover.winner ? el("span", { class: "badge" }, `${row.id} ★ winner`) : row.id,
        String(row.iteration + 1),
        row.parent === undefined ? row.description : `${row.description} (refines ${row.parent})`,
        row.failures.length > 0 ? `${row.status}: ${row.failures.join("; ")}` : row.status,
        formatNumber(row.difficulty),
        formatNumber(row.separability),
        formatNumber(row.novelty),
        formatNumber(row.salience),
        String(row.items),
        row.objective === null ? "-" : `${formatNumber(row.objective)}${row.feasible ? "" : " (infeasible)"}`,
      ]),
      { class: "data", testid: "discover-table" },
    );
    discover.descriptions.forEach((row, index) => {
      if (row.id === discover.winner) scores.tBodies[0]?.rows[index]?.classList.add("winner");
    });
    return section(
      `Discover trajectory${discover.domain ? `: ${discover.domain}` : ""}`,
      { testid: "discover" },
      winner
        ? el(
            "p",
            { testid: "discover-winner" },
            "Winner: ",
            el("strong", {}, winner.description),
            ` (${winner.id}, objective ${formatNumber(winner.objective)}; accuracies ${
              winner.accuracies
                .map((entry) => `${entry.model} ${formatNumber(entry.accuracy, 2)}`)
                .join(", ") || "none"
            })`,
          )
        : el("p", { class: "hint" }, "No description has been scored yet."),
      discover.stopReason ? el("p", { class: "hint" }, `stopped: ${discover.stopReason}`) : null,
      discoverPlot(discover),
      discoverScoresPlot(discover),
      scores,
    );
  },
};
