import { FILTER_KEYS, filterFromParams, type ItemFilter } from "../item-filter.js";
import type { ReportSummary } from "../report-data.js";
import { type Attributes, el } from "./dom.js";
import { hrefFor, itemsRoute, navigate } from "./hash-route.js";

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
  attributes: Attributes = {},
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
export function filterForm(summary: ReportSummary, filter: ItemFilter): HTMLFormElement {
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
