import { matchOptionText } from "../../evaluate/match-option-text.js";

/**
 * Re-implementations, for tests, of what lm-evaluation-harness does with an exported task's
 * filters and metric (lm_eval/filters/extraction.py RegexFilter and MultiChoiceRegexFilter,
 * lm_eval/api/metrics.py exact_match), with Python `re` semantics on JavaScript regexes.
 */

// Compiled once per pattern: the exported patterns are long, and V8 does not cache them.
const compiled = new Map<string, RegExp>();
const globalRegex = (pattern: string): RegExp => {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(pattern, "g");
    compiled.set(pattern, regex);
  }
  return regex;
};

/** Python's re.findall: whole matches without groups, the group with one, else tuples ('' for unmatched). */
export function pythonFindall(pattern: string, text: string): Array<string | string[]> {
  const regex = globalRegex(pattern);
  return [...text.matchAll(regex)].map((match) => {
    const groups = match.slice(1).map((group) => group ?? "");
    if (groups.length === 0) return match[0];
    return groups.length === 1 ? (groups[0] as string) : groups;
  });
}

/** Python's re.sub(pattern, "", text). */
function pythonRemove(pattern: string, text: string): string {
  return text.replace(globalRegex(pattern), "");
}

/** Python's re.escape (3.7+): a backslash before every regex-special character. */
function pythonEscape(text: string): string {
  return text.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (char) => `\\${char}`);
}

/** One regex filter step: findall, pick `groupSelect` (negative from the end), first non-empty group, strip. */
function findMatch(pattern: string, text: string, groupSelect: number, convert: Record<string, string> = {}) {
  const found = pythonFindall(pattern, text);
  if (found.length === 0) return "";
  const picked = found.at(groupSelect) ?? "";
  const value = typeof picked === "string" ? picked : (picked.find((group) => group !== "") ?? "");
  const stripped = value.trim();
  return stripped !== "" && Object.hasOwn(convert, stripped) ? (convert[stripped] as string) : stripped;
}

export interface RegexFilterConfig {
  regex_pattern: string;
  group_select: number;
  fallback: string;
}

export interface MultiChoiceFilterConfig extends RegexFilterConfig {
  ignore_case?: boolean;
  ignore_punctuation?: boolean;
  regexes_to_ignore?: readonly string[];
}

/** lm-eval's `multi_choice_regex` filter on one response to a doc with `choices`. */
export function multiChoiceRegexFilter(
  response: string,
  choices: readonly string[],
  config: MultiChoiceFilterConfig,
): string {
  const ignore = (text: string): string => {
    let value = text;
    for (const pattern of config.regexes_to_ignore ?? []) value = pythonRemove(pattern, value);
    if (config.ignore_case) value = value.toLowerCase();
    if (config.ignore_punctuation) value = value.replace(/\p{P}/gu, "");
    return value;
  };
  const toLetter: Record<string, string> = {};
  const letters: string[] = [];
  const texts = choices.map((choice, index) => {
    const letter = String.fromCharCode(65 + index);
    const text = ignore(choice.trim());
    toLetter[text] = `(${letter})`;
    letters.push(letter);
    return pythonEscape(text);
  });
  const main = findMatch(config.regex_pattern, response, config.group_select);
  if (main !== "") return main;
  const byText = findMatch(texts.join("|"), ignore(response), config.group_select, toLetter);
  if (byText !== "") return byText;
  const toParenthesised = Object.fromEntries(letters.map((letter) => [letter, `(${letter})`]));
  const afterColon = findMatch(
    `:[\\s]*(${letters.join("|")})`,
    response,
    config.group_select,
    toParenthesised,
  );
  return afterColon !== "" ? afterColon : config.fallback;
}

// Python's string.punctuation.
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** lm-eval's exact_match with regexes_to_ignore / ignore_case / ignore_punctuation. */
export function exactMatch(
  prediction: string,
  reference: string,
  options: { ignore_case?: boolean; ignore_punctuation?: boolean; regexes_to_ignore?: readonly string[] },
): boolean {
  const clean = (text: string): string => {
    let value = text;
    for (const pattern of options.regexes_to_ignore ?? []) value = pythonRemove(pattern, value);
    if (options.ignore_case) value = value.toLowerCase();
    if (options.ignore_punctuation) value = value.replace(ASCII_PUNCTUATION, "");
    return value;
  };
  return clean(prediction) === clean(reference);
}

/**
 * The Inspect export's `read_choice` (export-graders/inspect-task.ts) in JavaScript: the letter
 * regex's reading, else the option's text on the cleaned reply, matched as the extractor does.
 */
export function inspectReadChoice(reply: string, options: readonly string[], pattern: string): string | null {
  const last = pythonFindall(pattern, reply).at(-1);
  const value = ((typeof last === "string" ? last : last?.find((group) => group !== "")) ?? "").trim();
  if (value !== "") return value.length === 1 ? value.toUpperCase() : null;
  let cleaned = reply.normalize("NFKC");
  const thinkEnd = cleaned.lastIndexOf("</think>");
  if (thinkEnd >= 0 && cleaned.slice(thinkEnd + 8).trim() !== "") cleaned = cleaned.slice(thinkEnd + 8);
  cleaned = cleaned
    .replace(/\\boxed\s*\{\s*(?:\\text\s*\{)?([^{}]*)\}?\s*\}/g, " answer: $1 ")
    .replace(/\$/g, " ")
    .replace(/\*\*|__|`/g, "")
    .trim();
  const whole = matchOptionText(cleaned, options);
  let index = whole;
  if (cleaned.length > 200 || whole < 0) {
    const lines = cleaned.split("\n").filter((line) => line.trim() !== "");
    const lastLine = (lines.at(-1) ?? "").trim();
    index = lastLine.length <= 200 ? matchOptionText(lastLine.replace(/[.!]+$/, ""), options) : -1;
  }
  return index >= 0 ? String.fromCharCode(65 + index) : null;
}
