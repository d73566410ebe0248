import { letterFor, OPTION_LETTERS } from "../core/item.js";
import { parseJson } from "../core/json.js";
import type { Row } from "./read-dataset-rows.js";

/** A cell that holds something: not missing, null or the empty string. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** An open item's reference answer: a scalar, the first of a list (aliases), or SQuAD's {text: [...]}. */
export function answerText(raw: unknown): string {
  if (Array.isArray(raw)) return raw.length > 0 ? answerText(raw[0]) : "";
  if (raw !== null && typeof raw === "object" && "text" in raw) return answerText((raw as Row).text);
  if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean")
    return String(raw).trim();
  return "";
}

/** Option columns of the letter-column layout (A, option_a, choiceB ...), kept out of metadata. */
export function isOptionColumn(key: string): boolean {
  return /^(?:[A-Z]|(?:option|choice)_?[a-zA-Z])$/.test(key);
}

/** Letter columns A, B, C... (or option_a ...), in order, stopping at the first empty one. */
export function letterColumns(row: Row): string[] {
  const keys: string[] = [];
  for (const letter of OPTION_LETTERS) {
    const lower = letter.toLowerCase();
    const key = [letter, `option_${lower}`, `option_${letter}`, `choice_${lower}`, `option${letter}`].find(
      (candidate) => isPresent(row[candidate]),
    );
    if (key === undefined) break;
    keys.push(key);
  }
  return keys;
}

/**
 * A row's options from `field`: a list, a JSON list in a CSV cell, or an ARC-style {label, text}
 * object (labels returned too); without one, the letter columns.
 */
export function optionsOf(row: Row, field: string | undefined): { options: string[]; labels?: string[] } {
  let value = field === undefined ? undefined : row[field];
  // A CSV export of a list column holds the list as JSON text.
  if (typeof value === "string" && value.trimStart().startsWith("[")) {
    const parsed = parseJson(value);
    if (parsed.success && Array.isArray(parsed.value)) value = parsed.value;
  }
  if (Array.isArray(value)) return { options: value.map(String) };
  // ARC style: { label: ["A", ...] or ["1", ...], text: ["...", ...] }
  if (value !== null && typeof value === "object" && Array.isArray((value as Row).text)) {
    const { text, label } = value as Row;
    return {
      options: (text as unknown[]).map(String),
      ...(Array.isArray(label) ? { labels: label.map(String) } : {}),
    };
  }
  return { options: letterColumns(row).map((key) => String(row[key])) };
}

/** Letter for an answer given as a label, a letter, "(B)", a 0-based index number, or the option's text. */
export function answerLetter(raw: unknown, options: readonly string[], labels?: readonly string[]): string {
  if (typeof raw === "number")
    return Number.isInteger(raw) && raw >= 0 && raw < options.length ? letterFor(raw) : String(raw);
  const text = answerText(raw);
  // ARC labels some rows "1".."4": the label, not the number, names the option.
  const byLabel = labels?.indexOf(text) ?? -1;
  if (byLabel >= 0 && byLabel < options.length) return letterFor(byLabel);
  const letter = /^\(?([A-Za-z])\)?$/.exec(text)?.[1]?.toUpperCase();
  if (letter !== undefined && OPTION_LETTERS.indexOf(letter) < options.length) return letter;
  const byText = options.findIndex((option) => option.trim() === text);
  if (byText >= 0) return letterFor(byText);
  if (/^\d+$/.test(text) && Number(text) < options.length) return letterFor(Number(text));
  return text === "" ? "(empty)" : text;
}
