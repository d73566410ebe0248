import { filterFromParams, type ItemFilter } from "../../item-filter.js";
import type { ItemView } from "../../report-data.js";
import { el, formatNumber } from "../dom.js";
import { hrefFor, itemsRoute } from "../hash-route.js";
import { itemDetail } from "../item-detail.js";
import { filterForm } from "../item-filters.js";
import type { PageDefinition } from "../page.js";

/** Items shown per page; larger runs page through the list (and the viewer fetches one page at a time). */
export const ITEMS_PER_PAGE = 50;
/** How often a page the viewer cannot answer yet (still indexing) asks again. */
const INDEXING_RETRY_MS = 2000;

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
  async render({ summary, items, route, refresh }) {
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
    if (result.indexing && result.items.length === 0) {
      if (refresh) setTimeout(refresh, INDEXING_RETRY_MS);
      body.append(
        filterForm(summary, filter),
        el(
          "p",
          { class: "hint", testid: "items-indexing" },
          `Indexing ${summary.itemCount} items in the background: this page, filters and search answer once it is done (asking again every ${INDEXING_RETRY_MS / 1000} s).`,
        ),
        el(
          "nav",
          { class: "pager", testid: "pager" },
          el("a", { href: hrefFor({ page: "items" }) }, "← first page"),
        ),
      );
      return body;
    }
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
      ...(result.indexing
        ? [
            el(
              "p",
              { class: "hint", testid: "items-indexing" },
              "Indexing in the background: the list's first items are shown; other pages, filters and search answer once it is done.",
            ),
          ]
        : []),
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
