import { el, section } from "../dom.js";
import type { PageDefinition } from "../page.js";

/** Run: the stored run's kind, status, spec and summary, as the store holds them. */
export const runPage: PageDefinition = {
  id: "run",
  title: "Run",
  needs: ["run"],
  render({ summary }) {
    const run = summary.run;
    if (!run) return el("div", {});
    return section(
      `Run ${run.id}`,
      { testid: "run-info" },
      el(
        "dl",
        {},
        ...[
          ["kind", run.kind],
          ["status", run.status],
          ["created", run.createdAt],
          ["updated", run.updatedAt],
        ].flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]),
      ),
      el("h3", {}, "spec"),
      el("pre", {}, JSON.stringify(run.spec, null, 2)),
      el("h3", {}, "summary"),
      el("pre", {}, JSON.stringify(run.summary ?? null, null, 2)),
    );
  },
};
