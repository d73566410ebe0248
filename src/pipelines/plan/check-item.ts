import { answerIndex, type Item, ItemSchema, letterFor } from "../../core/item.js";
import { normalizeAnswer } from "../../evaluate/normalize-answer.js";
import type { AnswerType } from "./plan-document.js";
import { failed, passed, type Verdict } from "./qc-checks.js";

const NUMBER = /^-?\d*\.?\d+(?:\s*(?:%|[a-zA-Zµ/]+(?:\/[a-zA-Z]+)?))?$/;

/** The text of the keyed answer: the keyed option of an MCQ item, else the answer. */
export function answerTextOf(item: Pick<Item, "format" | "options" | "answer">): string {
  if (item.format !== "mcq") return item.answer;
  return item.options?.[answerIndex(item)] ?? "";
}

/** True when `needle`'s words appear, in order and adjacent, among `haystack`'s words. */
function containsWords(haystack: string, needle: string): boolean {
  const words = normalizeAnswer(haystack).split(" ");
  const target = normalizeAnswer(needle).split(" ");
  if (target.length === 0 || target[0] === "") return false;
  for (let start = 0; start + target.length <= words.length; start++) {
    if (target.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}

function checkSchema(item: Item): Verdict {
  const parsed = ItemSchema.safeParse(item);
  if (parsed.success) return passed("schema");
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return failed("schema", `${where}${issue?.message ?? "invalid"}`);
}

function checkAnswerType(item: Item, answerType: AnswerType): Verdict {
  if (answerType === "choice")
    return item.format === "mcq"
      ? passed("answer-type")
      : failed("answer-type", "a choice subtask needs options");
  if (item.format !== "open") return failed("answer-type", `a ${answerType}-answer subtask takes no options`);
  if (answerType === "number" && !NUMBER.test(normalizeAnswer(item.answer).replace(/ /g, "")))
    return failed("answer-type", `the answer "${item.answer.slice(0, 40)}" is not a number`);
  return passed("answer-type");
}

/** Option text up to case, spacing and trailing punctuation ("BMI > 25" and "BMI = 25" stay apart). */
const optionKey = (option: string): string =>
  option
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.;,]+$/, "");

function checkOptions(item: Item): Verdict {
  if (item.format !== "mcq") return passed("option-uniqueness");
  const seen = new Map<string, number>();
  for (const [index, option] of (item.options ?? []).entries()) {
    const key = optionKey(option);
    if (key === "") return failed("option-uniqueness", `option ${letterFor(index)} is empty`);
    const before = seen.get(key);
    if (before !== undefined)
      return failed("option-uniqueness", `options ${letterFor(before)} and ${letterFor(index)} are the same`);
    seen.set(key, index);
  }
  return passed("option-uniqueness");
}

/** The answer is given away: its text stands in the question (and, for MCQ, no other option's does), or the key is named. */
function checkLeakage(item: Item): Verdict {
  const answer = answerTextOf(item);
  if (item.format === "mcq") {
    const named = new RegExp(`\\b(?:answer|correct option)\\s*(?:is|:)\\s*\\(?${item.answer}\\b`, "i");
    if (named.test(item.question)) return failed("leakage", `the question names the key ${item.answer}`);
    const others = (item.options ?? []).filter((_, index) => index !== answerIndex(item));
    const long = normalizeAnswer(answer).length >= 4;
    if (
      long &&
      containsWords(item.question, answer) &&
      !others.some((option) => containsWords(item.question, option))
    )
      return failed("leakage", "the question contains the correct option's text");
    return passed("leakage");
  }
  if (normalizeAnswer(answer).length >= 2 && containsWords(item.question, answer))
    return failed("leakage", "the question contains the answer");
  return passed("leakage");
}

function checkSource(item: Item, sourceAnswer: string | undefined): Verdict {
  if (sourceAnswer === undefined) return passed("answer-source");
  if (normalizeAnswer(answerTextOf(item)) === normalizeAnswer(sourceAnswer)) return passed("answer-source");
  return failed(
    "answer-source",
    `the keyed answer is not the source's answer "${sourceAnswer.slice(0, 60)}"`,
  );
}

/**
 * The inspector's deterministic checks (schema, answer type, option uniqueness, answer leakage,
 * answer against the source row), in that order. Redundancy needs the accepted items: see
 * RedundancyIndex.
 */
export function checkItem(options: {
  item: Item;
  answerType: AnswerType;
  sourceAnswer: string | undefined;
}): Verdict[] {
  const { item } = options;
  const schema = checkSchema(item);
  if (!schema.pass) return [schema];
  return [
    schema,
    checkAnswerType(item, options.answerType),
    checkOptions(item),
    checkLeakage(item),
    checkSource(item, options.sourceAnswer),
  ];
}
