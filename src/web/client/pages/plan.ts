import { el, section, table } from "../dom.js";
import type { PageDefinition } from "../page.js";
import { planQuotaPlot, qcReasonsPlot } from "../pipeline-plots.js";

/** Plan: quotas planned vs realized per subtask, and the QC verdicts by reason. */
export const planPage: PageDefinition = {
  id: "plan",
  title: "Plan",
  needs: ["plan"],
  render({ summary }) {
    const plan = summary.plan;
    if (!plan) return el("div", {});
    return el(
      "div",
      {},
      section(
        `Plan: ${plan.query}`,
        { testid: "plan" },
        el("p", {}, `${plan.delivered} of ${plan.size} items delivered.`),
        planQuotaPlot(plan),
        table(
          [
            "subtask",
            "answer type",
            "quota",
            "from sources",
            "from scratch",
            "realized",
            "rejected",
            "sources",
          ],
          plan.subtasks.map((subtask) => [
            subtask.name,
            subtask.answerType,
            String(subtask.quota),
            String(subtask.fromSources),
            String(subtask.fromScratch),
            String(subtask.realized),
            String(subtask.rejected),
            subtask.sources.join(", "),
          ]),
          { class: "data", testid: "plan-table" },
        ),
      ),
      section(
        "Quality control",
        { testid: "plan-qc" },
        el("p", {}, `${plan.qc.accepted} accepted of ${plan.qc.candidates} candidates.`),
        plan.qc.rejectedByReason.length > 0
          ? qcReasonsPlot(plan)
          : el("p", { class: "hint" }, "No candidate was rejected."),
        table(
          ["reason", "rejected"],
          plan.qc.rejectedByReason.map((row) => [row.reason, String(row.count)]),
          { class: "data", testid: "plan-qc-table" },
        ),
      ),
      plan.diagnoses.length > 0
        ? section(
            "Allocation diagnoses",
            { testid: "plan-diagnoses" },
            table(
              ["subtask", "kind", "detail", "action"],
              plan.diagnoses.map((row) => [row.subtask, row.kind, row.detail, row.action]),
              { class: "data" },
            ),
          )
        : null,
    );
  },
};
