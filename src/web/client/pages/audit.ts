import { el, formatNumber, section, table } from "../dom.js";
import type { PageDefinition } from "../page.js";
import { itemMapPlot } from "../pipeline-plots.js";
import { intervalPlot } from "../plots.js";

/** Audit: the criteria with what each was computed from, artifact probes, leakage and the IRT item map. */
export const auditPage: PageDefinition = {
  id: "audit",
  title: "Audit",
  needs: ["audit"],
  render({ summary }) {
    const audit = summary.audit;
    const body = el("div", {});
    if (!audit) return body;
    body.append(
      section(
        "Criteria",
        { testid: "audit-criteria" },
        table(
          ["criterion", "value", "better", "notes", "computed from", "what it measures"],
          audit.rows.map((row) => [
            row.criterion,
            row.display,
            row.higherIsBetter ? "higher" : "lower",
            row.notes,
            row.used,
            row.description,
          ]),
          { class: "data", testid: "audit-table" },
        ),
        el("p", {}, `Leakage: ${audit.leakage} items overlap a public item.`),
        ...audit.notes.map((note) => el("p", { class: "hint" }, `note: ${note}`)),
      ),
    );
    if (audit.probes.length > 0) {
      const chance = audit.probes[0]?.chance;
      body.append(
        section(
          "Artifact probes",
          { testid: "audit-probes" },
          intervalPlot(
            "audit-probe-intervals",
            audit.probes.map((probe) => ({
              label: probe.probe,
              estimate: probe.accuracy,
              low: probe.low,
              high: probe.high,
              kind: probe.isArtifact ? "artifact" : "ok",
            })),
            chance,
          ),
          table(
            ["probe", "accuracy", "95% interval", "chance", "artifact"],
            audit.probes.map((probe) => [
              probe.probe,
              formatNumber(probe.accuracy),
              `[${formatNumber(probe.low)}, ${formatNumber(probe.high)}]`,
              formatNumber(probe.chance),
              probe.isArtifact ? "yes" : "no",
            ]),
            { class: "data" },
          ),
        ),
      );
    }
    if (audit.itemMap.length > 0)
      body.append(
        section(
          "IRT item map",
          { testid: "audit-item-map" },
          itemMapPlot(audit.itemMap),
          audit.itemMapTotal > audit.itemMap.length
            ? el(
                "p",
                { class: "hint" },
                `${audit.itemMap.length} of ${audit.itemMapTotal} items shown (even sample).`,
              )
            : null,
        ),
      );
    return body;
  },
};
