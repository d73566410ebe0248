/// <reference lib="dom" />
import type { ReportSummary } from "../report-data.js";
import { el, replaceChildren } from "./dom.js";
import { hrefFor, pageIdOf, readRoute } from "./hash-route.js";
import type { ItemSource } from "./item-source.js";
import { type PageDefinition, pageApplies } from "./page.js";
import { PAGES } from "./pages/index.js";

/** Renders a report (header, one tab per applicable page, the current page) and follows the hash. */
export function startReport(
  root: HTMLElement,
  summary: ReportSummary,
  items: ItemSource,
  options: { backHref?: string } = {},
): void {
  const pages: PageDefinition[] = Object.values(PAGES).filter((page) => pageApplies(page, summary));
  const fallback = pages[0]?.id ?? "items";
  document.title = `${summary.title} · benchsmith`;
  const nav = el("nav", { class: "tabs", testid: "tabs" });
  const main = el("main", { testid: "page" });
  replaceChildren(
    root,
    el(
      "header",
      {},
      options.backHref ? el("a", { href: options.backHref, class: "back" }, "← runs") : null,
      el("h1", { testid: "report-title" }, summary.title),
      el(
        "p",
        { class: "meta" },
        `${summary.itemCount} items · ${summary.models.length} models and baselines · generated ${summary.generatedAt}`,
      ),
      ...summary.notes.map((note) => el("p", { class: "hint" }, `note: ${note}`)),
      nav,
    ),
    main,
  );
  let generation = 0;
  const render = async (): Promise<void> => {
    const route = readRoute();
    const id = pageIdOf(route, fallback);
    const page = pages.find((candidate) => candidate.id === id) ?? pages[0];
    replaceChildren(
      nav,
      ...pages.map((candidate) =>
        el(
          "a",
          { href: hrefFor({ page: candidate.id }), "aria-current": candidate === page ? "page" : undefined },
          candidate.title,
        ),
      ),
    );
    if (!page) {
      replaceChildren(main, el("p", {}, "Nothing to show: the report holds no items and no results."));
      return;
    }
    // A slow page (a fetch) must not overwrite a newer one the user already moved to.
    const mine = ++generation;
    main.setAttribute("aria-busy", "true");
    try {
      const refresh = (): void => {
        if (mine === generation) void render();
      };
      const content = await page.render({ summary, items, route, refresh });
      if (mine === generation) replaceChildren(main, content);
    } catch (error) {
      if (mine === generation)
        replaceChildren(
          main,
          el(
            "p",
            { class: "error", testid: "page-error" },
            `could not render ${page.title}: ${String(error)}`,
          ),
        );
    } finally {
      if (mine === generation) {
        main.removeAttribute("aria-busy");
        main.setAttribute("data-page", page.id);
        if (!document.body.hasAttribute("data-ready")) performance.mark("benchsmith:first-render");
        document.body.setAttribute("data-ready", "true");
      }
    }
  };
  window.addEventListener("hashchange", () => void render());
  void render();
}
