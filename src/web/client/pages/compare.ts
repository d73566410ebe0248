import type { ItemPage } from "../../item-filter.js";
import type { ReportSummary } from "../../report-data.js";
import type { PairSummary } from "../../report-sections.js";
import { el, formatNumber, formatP, section, table } from "../dom.js";
import { hrefFor, itemsRoute, navigate } from "../hash-route.js";
import type { ItemSource } from "../item-source.js";
import type { PageDefinition } from "../page.js";

const LIST_LENGTH = 20;

/** The pair's counts seen from A's side (the summary stores each pair once). */
function pairFor(pairs: readonly PairSummary[], a: string, b: string): PairSummary | undefined {
  const direct = pairs.find((pair) => pair.modelA === a && pair.modelB === b);
  if (direct) return direct;
  const reverse = pairs.find((pair) => pair.modelA === b && pair.modelB === a);
  return reverse && { ...reverse, modelA: a, modelB: b, onlyA: reverse.onlyB, onlyB: reverse.onlyA };
}

async function diffList(
  items: ItemSource,
  right: string,
  wrong: string,
  testid: string,
): Promise<HTMLElement> {
  const page: ItemPage = await items.query({ right, wrong }, 0, LIST_LENGTH);
  return el(
    "div",
    { class: "diff-list", testid },
    el("h3", {}, `${right} right, ${wrong} wrong: ${page.total}`),
    el(
      "ul",
      {},
      ...page.items.map((item) =>
        el(
          "li",
          {},
          el("a", { href: hrefFor(itemsRoute({ right, wrong }, { item: item.id })) }, item.id),
          ` ${item.question.slice(0, 100)}`,
        ),
      ),
    ),
    page.total > page.items.length
      ? el("a", { href: hrefFor(itemsRoute({ right, wrong })) }, `all ${page.total} →`)
      : null,
  );
}

function modelSelect(
  name: string,
  models: readonly string[],
  current: string,
  other: string,
): HTMLSelectElement {
  const control = el("select", { name, "aria-label": name, testid: `compare-${name}` });
  for (const model of models) {
    const option = el("option", { value: model }, model);
    option.selected = model === current;
    control.append(option);
  }
  control.addEventListener("change", () =>
    navigate({
      page: "compare",
      a: name === "a" ? control.value : other,
      b: name === "b" ? control.value : other,
    }),
  );
  return control;
}

async function modelVsModel(
  summary: ReportSummary,
  items: ItemSource,
  route: URLSearchParams,
): Promise<HTMLElement> {
  const models = summary.models.filter((model) => model.kind === "llm").map((model) => model.model);
  const a = route.get("a") ?? models[0] ?? "";
  const b = route.get("b") ?? models[1] ?? "";
  const pair = pairFor(summary.pairs ?? [], a, b);
  return section(
    "Model vs model",
    { testid: "model-vs-model" },
    el("p", {}, modelSelect("a", models, a, b), " vs ", modelSelect("b", models, b, a)),
    pair
      ? el(
          "p",
          { testid: "mcnemar" },
          `Only ${a} right: ${pair.onlyA} · only ${b} right: ${pair.onlyB} · both: ${pair.both} · neither: ${pair.neither} · ` +
            `McNemar exact p = ${formatP(pair.exactP)} (mid-p ${formatP(pair.midP)}, unadjusted)`,
        )
      : el("p", {}, "Pick two different models."),
    pair ? await diffList(items, a, b, "diff-a-right") : null,
    pair ? await diffList(items, b, a, "diff-b-right") : null,
  );
}

function runVsRun(summary: ReportSummary): HTMLElement | null {
  const comparisons = summary.runComparisons ?? [];
  if (comparisons.length === 0) return null;
  return section(
    "Run vs run",
    { testid: "run-vs-run" },
    ...comparisons.map((comparison) =>
      el(
        "div",
        {},
        el("h3", {}, `this run vs ${comparison.label} (${comparison.sharedItems} shared items)`),
        table(
          ["model", "accuracy here", "accuracy there", "gained", "lost", "McNemar exact p", "flipped items"],
          comparison.models.map((model) => [
            model.model,
            formatNumber(model.accuracyBase),
            formatNumber(model.accuracyOther),
            String(model.gained),
            String(model.lost),
            formatP(model.exactP),
            model.flipped.length === 0
              ? "-"
              : el(
                  "a",
                  { href: hrefFor(itemsRoute({ ids: model.flipped })) },
                  `${model.flipped.length} items →`,
                ),
          ]),
          { class: "data" },
        ),
      ),
    ),
  );
}

/** Compare: model vs model (who is right where the other is wrong, McNemar) and run vs run. */
export const comparePage: PageDefinition = {
  id: "compare",
  title: "Compare",
  needs: ["pairs"],
  async render({ summary, items, route }) {
    return el("div", {}, await modelVsModel(summary, items, route), runVsRun(summary));
  },
};
