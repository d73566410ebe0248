import { el, formatNumber, section, table } from "../dom.js";
import type { PageDefinition } from "../page.js";
import { itemMapPlot, projectionPlot } from "../pipeline-plots.js";
import { intervalPlot } from "../plots.js";

/**
 * Audit: the criteria with what each was computed from, artifact probes, leakage, the IRT item map
 * and the 2-D map of the item embeddings (coloured by difficulty label).
 */
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
    const projection = audit.projection;
    body.append(
      section(
        "Semantic diversity map",
        { testid: "audit-projection-section" },
        projection
          ? projectionPlot(projection)
          : el("p", { class: "hint" }, "n/a — needs --embedder (the audit computed no item embeddings)"),
        projection && projection.total > projection.points.length
          ? el(
              "p",
              { class: "hint" },
              `${projection.points.length} of ${projection.total} items shown (seeded sample).`,
            )
          : null,
      ),
    );
    return body;
  },
};
