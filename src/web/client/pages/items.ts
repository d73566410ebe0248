import { FILTER_KEYS, filterFromParams, type ItemFilter, paramsFromFilter } from "../../item-filter.js";
import type { ItemView, ReportSummary } from "../../report-data.js";
import { el, formatNumber } from "../dom.js";
import { hrefFor, navigate } from "../hash-route.js";
import { itemDetail } from "../item-detail.js";
import type { PageDefinition } from "../page.js";

/** Items shown per page; larger runs page through the list (and the viewer fetches one page at a time). */
export const ITEMS_PER_PAGE = 50;

/** The route for the items page with a filter, page number and opened item. */
export function itemsRoute(
  filter: ItemFilter,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return { page: "items", ...Object.fromEntries(paramsFromFilter(filter).entries()), ...extra };
}

function select(
  name: string,
  label: string,
  options: readonly (readonly [string, string])[],
  current: string | undefined,
): HTMLElement {
  const control = el("select", { name, "aria-label": label, testid: `filter-${name}` });
  for (const [value, text] of options) {
    const option = el("option", { value }, text);
    if (value === (current ?? "")) option.selected = true;
    control.append(option);
  }
  return el("label", {}, `${label} `, control);
}

function input(
  name: string,
  label: string,
  current: string | undefined,
  attributes: Record<string, string> = {},
): HTMLElement {
  const control = el("input", {
    name,
    "aria-label": label,
    testid: `filter-${name}`,
    value: current ?? "",
    ...attributes,
  });
  return el("label", {}, `${label} `, control);
}

/** The filter controls; any change moves to page 1 of the new filter. */
function filterForm(summary: ReportSummary, filter: ItemFilter): HTMLFormElement {
  const models = summary.models.map((model) => [model.model, model.model] as const);
  const values = summary.facets.metadata.find((facet) => facet.key === filter.metaKey)?.values ?? [];
  const form = el(
    "form",
    { class: "filters", testid: "item-filters" },
    select("model", "model", [["", "any model"], ...models], filter.model),
    select(
      "outcome",
      "answer",
      [
        ["", "any"],
        ["correct", "correct"],
        ["wrong", "wrong"],
        ["unparseable", "unparseable"],
      ],
      filter.outcome,
    ),
    input("difficultyMin", "difficulty ≥", filter.difficultyMin?.toString(), {
      type: "number",
      step: "0.05",
      min: "0",
      max: "1",
    }),
    input("difficultyMax", "≤", filter.difficultyMax?.toString(), {
      type: "number",
      step: "0.05",
      min: "0",
      max: "1",
    }),
    summary.facets.subtasks.length > 0
      ? select(
          "subtask",
          "subtask",
          [["", "any"], ...summary.facets.subtasks.map((name) => [name, name] as const)],
          filter.subtask,
        )
      : null,
    summary.facets.metadata.length > 0
      ? select(
          "metaKey",
          "metadata",
          [["", "any key"], ...summary.facets.metadata.map((facet) => [facet.key, facet.key] as const)],
          filter.metaKey,
        )
      : null,
    summary.facets.metadata.length > 0
      ? input("metaValue", "=", filter.metaValue, { list: "meta-values" })
      : null,
    el("datalist", { id: "meta-values" }, ...values.map((value) => el("option", { value }))),
    input("search", "search", filter.search, {
      type: "search",
      placeholder: "text in question, options, replies",
    }),
    el("button", { type: "submit" }, "apply"),
    el("a", { href: hrefFor({ page: "items" }), class: "reset" }, "reset"),
  );
  const apply = (): void => {
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = data.get(key);
      if (typeof value === "string" && value !== "") params.set(key, value);
    }
    // Keep filters that have no control here (model-vs-model lists, flipped ids).
    for (const key of ["right", "wrong", "ids"] as const) {
      const value = filter[key];
      if (value !== undefined) params.set(key, Array.isArray(value) ? value.join(",") : String(value));
    }
    navigate(itemsRoute(filterFromParams(params)));
  };
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  return form;
}

/** A compact row: id (opens the item), question start, label, subtask and one mark per llm model. */
function itemRow(
  item: ItemView,
  llm: readonly number[],
  filter: ItemFilter,
  page: number,
): HTMLTableRowElement {
  const question = item.question.length > 140 ? `${item.question.slice(0, 140)}…` : item.question;
  return el(
    "tr",
    { class: "item-row", testid: "item-row" },
    el(
      "td",
      {},
      el(
        "a",
        { href: hrefFor(itemsRoute(filter, { p: page > 0 ? String(page) : undefined, item: item.id })) },
        item.id,
      ),
    ),
    el("td", { class: "question-cell" }, question),
    el("td", {}, formatNumber(item.difficulty, 2)),
    el("td", {}, item.subtask ?? "-"),
    ...llm.map((index) => {
      const answer = item.answers[index];
      return el(
        "td",
        { class: answer ? (answer[0] ? "right" : "wrong") : "" },
        answer ? (answer[0] ? "✓" : "✗") : "·",
      );
    }),
  );
}

/** Items: a paged, filterable, searchable list; `#item=<id>` opens one item. */
export const itemsPage: PageDefinition = {
  id: "items",
  title: "Items",
  needs: ["itemCount"],
  async render({ summary, items, route }) {
    const filter = filterFromParams(route);
    const page = Math.max(0, Number.parseInt(route.get("p") ?? "0", 10) || 0);
    const llm = summary.models.flatMap((model, index) => (model.kind === "llm" ? [index] : []));
    const body = el("div", { class: "items-page" });
    const openId = route.get("item");
    if (openId !== null) {
      const item = await items.get(openId);
      const closeHref = hrefFor(itemsRoute(filter, { p: page > 0 ? String(page) : undefined }));
      body.append(
        item
          ? itemDetail(item, summary.models, closeHref)
          : el("p", { testid: "item-missing" }, `No item "${openId}" in this report.`),
      );
    }
    const result = await items.query(filter, page * ITEMS_PER_PAGE, ITEMS_PER_PAGE);
    const pages = Math.max(1, Math.ceil(result.total / ITEMS_PER_PAGE));
    const link = (target: number, text: string): HTMLElement =>
      target < 0 || target >= pages
        ? el("span", { class: "disabled" }, text)
        : el(
            "a",
            { href: hrefFor(itemsRoute(filter, { p: target > 0 ? String(target) : undefined })) },
            text,
          );
    const pager = el(
      "nav",
      { class: "pager", testid: "pager" },
      link(page - 1, "← previous"),
      ` page ${Math.min(page + 1, pages)} of ${pages} `,
      link(page + 1, "next →"),
    );
    body.append(
      filterForm(summary, filter),
      el("p", { testid: "item-count" }, `${result.total} of ${summary.itemCount} items`),
      el(
        "table",
        { class: "data items", testid: "item-list" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", {}, "id"),
            el("th", {}, "question"),
            el("th", {}, "label"),
            el("th", {}, "subtask"),
            ...llm.map((index) => el("th", {}, summary.models[index]?.model ?? "")),
          ),
        ),
        el("tbody", {}, ...result.items.map((item) => itemRow(item, llm, filter, page))),
      ),
      pager,
    );
    return body;
  },
};
