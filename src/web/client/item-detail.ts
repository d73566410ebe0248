import type { ItemView, ModelSummary } from "../report-data.js";
import { type Child, el, formatNumber, section, table } from "./dom.js";
import { hrefFor } from "./hash-route.js";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Plain values as text; lists and objects as indented JSON (still text). */
function valueText(value: unknown): string {
  if (value === undefined || value === null) return "-";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value, null, 2);
}

function field(term: string, value: Child): Child[] {
  return [el("dt", {}, term), el("dd", {}, value)];
}

/** The provenance the make pipeline records: attributes, strategy, references, reasoning, test-takers, verdicts. */
function provenanceFields(item: ItemView): Child[] {
  const provenance = item.provenance ?? {};
  const metadata = item.metadata ?? {};
  const references = Array.isArray(provenance.references) ? provenance.references.map(String) : [];
  const shown = new Set([
    "strategy",
    "testTakerAnswers",
    "discrimination",
    "originalAnswer",
    "source",
    "subtask",
  ]);
  const rest = Object.entries(metadata).filter(([key]) => !shown.has(key));
  const known = new Set([
    "pipeline",
    "step",
    "model",
    "attributes",
    "references",
    "reasoning",
    "judgeVerdicts",
  ]);
  const otherProvenance = Object.entries(provenance).filter(([key]) => !known.has(key));
  return [
    ...field("pipeline / step", `${valueText(provenance.pipeline)} / ${valueText(provenance.step)}`),
    ...field("generator", valueText(provenance.model)),
    ...field("attributes", el("pre", {}, valueText(provenance.attributes))),
    ...field("strategy", el("pre", {}, valueText(metadata.strategy))),
    ...field(
      "references",
      references.length === 0
        ? "-"
        : el("span", {}, ...references.flatMap((id) => [el("a", { href: hrefFor({ item: id }) }, id), " "])),
    ),
    ...field("reasoning path", el("pre", { testid: "item-reasoning" }, valueText(provenance.reasoning))),
    ...field("test-taker answers", valueText(metadata.testTakerAnswers)),
    ...field(
      "discrimination",
      metadata.originalAnswer === undefined
        ? valueText(metadata.discrimination)
        : `${valueText(metadata.discrimination)} (original answer ${valueText(metadata.originalAnswer)})`,
    ),
    ...field("judge verdicts", el("pre", {}, valueText(provenance.judgeVerdicts))),
    ...field("source", el("pre", {}, valueText(metadata.source))),
    ...rest.flatMap(([key, value]) => field(key, el("pre", {}, valueText(value)))),
    ...otherProvenance.flatMap(([key, value]) => field(key, valueText(value))),
  ];
}

/** One item opened: question, options with the key, provenance and every model's raw reply with its extraction. */
export function itemDetail(item: ItemView, models: readonly ModelSummary[], closeHref: string): HTMLElement {
  const options = item.options ?? [];
  return el(
    "article",
    { class: "item-detail", testid: "item-detail" },
    el(
      "div",
      { class: "detail-head" },
      el("h2", {}, `Item ${item.id}`),
      el("a", { href: closeHref, class: "close" }, "close"),
    ),
    el(
      "p",
      { class: "meta" },
      `difficulty ${formatNumber(item.difficulty, 2)} · subtask ${item.subtask ?? "-"} · ${item.format}`,
    ),
    el("h3", {}, "Question"),
    el("pre", { class: "question", testid: "item-question" }, item.question),
    options.length > 0
      ? el(
          "ol",
          { class: "options", testid: "item-options" },
          ...options.map((option, index) =>
            el(
              "li",
              { class: LETTERS[index] === item.answer ? "key" : "" },
              el("b", {}, `${LETTERS[index] ?? "?"}. `),
              option,
              LETTERS[index] === item.answer ? el("span", { class: "badge" }, " key") : null,
            ),
          ),
        )
      : null,
    el("p", { testid: "item-key" }, el("b", {}, "Key: "), item.answer),
    item.explanation ? el("p", {}, el("b", {}, "Explanation: "), item.explanation) : null,
    section(
      "Model answers",
      { testid: "item-answers" },
      table(
        ["model", "correct", "extracted", "raw reply"],
        models.map((model, index) => {
          const answer = item.answers[index];
          return [
            model.model,
            answer ? (answer[0] ? "✓ right" : "✗ wrong") : "not answered",
            answer ? (answer[1] ?? "(unparseable)") : "-",
            el("pre", { class: "reply" }, answer ? answer[2] : ""),
          ];
        }),
        { class: "data" },
      ),
    ),
    section("Provenance", { testid: "item-provenance" }, el("dl", {}, ...provenanceFields(item))),
  );
}
