/**
 * Building blocks of the answer-letter regex the lm-eval and Inspect exports carry. Every piece
 * is regex source that Python's `re` and JavaScript read alike: no flags (case-insensitive words
 * are spelled `[Aa][Nn]...`), no `\p{..}` classes, no `^`/`$` that depend on multiline mode, and
 * only one-character lookbehind. The rules mirror src/evaluate/extract-answer.ts, piece by piece.
 */

/** A markdown mark the extractor strips before reading ("**C**", "__C__", "`C`"). */
export const MARK = "(?:\\*\\*|__|`)";
/** Any run of markdown marks. */
export const MARKS = `${MARK}*`;
/** Whitespace and markdown marks between two tokens. */
export const GAP = `(?:\\s|${MARK})*`;
/** The same within one line. */
export const LINE_GAP = `(?:[^\\S\\n]|${MARK})*`;
/** Leading or trailing decoration of a reply: whitespace, markdown marks, LaTeX dollars. */
export const EDGE = `(?:\\s|${MARK}|\\$)*`;
export const COLON = "[:\\uFF1A]";

// Letters and digits of the common scripts: what \p{L}\p{N} means in the extractor.
const WORD = "A-Za-z0-9\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u1FFF\\u3040-\\u9FFF\\uAC00-\\uD7AF";
/** Not followed by a letter or digit. */
export const NO_WORD_AFTER = `(?![${WORD}])`;
/** Not preceded by a letter or digit (a one-character lookbehind, valid in Python's `re`). */
export const NO_WORD_BEFORE = `(?<![${WORD}])`;
/** The end of a letter token: no letter, digit, apostrophe or hyphen follows ("A's", "C-3"). */
export const TOKEN_END = `(?!${MARKS}[${WORD}'\\u2019-])`;
const QUOTES = "\"'\\u201C\\u201D\\u2018\\u2019";

/** A conclusion inside a <think> block does not count when the reply goes on after it. */
export const AFTER_THINKING = "(?![\\s\\S]*</think>\\s*\\S)";

/** A phrase in any letter case without the `i` flag: "go with" -> [Gg][Oo]\s+[Ww][Ii][Tt][Hh]. */
export function anyCase(phrase: string): string {
  return phrase
    .split(" ")
    .map((word) =>
      [...word].map((char) => (/[a-z]/.test(char) ? `[${char.toUpperCase()}${char}]` : char)).join(""),
    )
    .join("\\s+");
}

/** A character class of the given letters ("[ABD]"), or "" when there are none. */
export function letterClass(letters: readonly string[]): string {
  return letters.length === 0 ? "" : `[${letters.join("")}]`;
}

/** "option", "choice" or "letter", in any case. */
export const OPTION_WORD = `(?:${["option", "choice", "letter"].map(anyCase).join("|")})`;

/** Words between a conclusion phrase and the letter: quotes, "the option", "choice". */
export const FILLER =
  `(?:(?:[\\s${QUOTES}]|${MARK})*(?:${anyCase("the")}\\s+)?${OPTION_WORD}\\b)?` +
  `(?:[\\s${QUOTES}]|${MARK})*`;

/** Phrases after which the next token is the stated choice ("the answer is", "Answer:", "I choose"). */
export const CONCLUSION_LEAD = (() => {
  const nouns = ["answer", "option", "choice", "selection", "one"].map(anyCase).join("|");
  const verbs = ["is", "was", "would be", "will be", "should be", "must be", "seems to be", "appears to be"]
    .map(anyCase)
    .join("|");
  const picks = ["choose", "chose", "pick", "picked", "select", "selected", "go with", "going with"]
    .map(anyCase)
    .join("|");
  return (
    `(?:\\b(?:${nouns})${GAP}(?:(?:${verbs})\\b\\s*${COLON}?|[:=\\uFF1A])` +
    `|\\b${anyCase("answer")}${GAP}\\n` +
    `|\\b(?:${picks})\\b\\s*${COLON}?)`
  );
})();

/** "so C." / "Therefore, (B)": a sentence lead whose letter must close the sentence. */
export const SENTENCE_LEAD = `\\b(?:${["therefore", "thus", "hence", "so"].map(anyCase).join("|")})\\b\\s*,?\\s*`;

/** "A or C", "B/D": a second letter right after the first, so no single option is named. */
export const SECOND_LETTER = `\\s*[)\\]]?\\s*(?:or|and|/|&)\\s*(?:option\\s+)?\\(?[A-Z]${NO_WORD_AFTER}`;

/** A lower-case letter counts only where punctuation, a line end or the end follows it. */
export const LOWER_CASE_END = `(?=\\s*${MARKS}(?:[.,;!)\\]]|$|\\n))`;
/** The letter closes its sentence. */
export const CLOSES_SENTENCE = `(?=\\s*[)\\]]?\\s*${MARKS}(?:[.!]|$|\\n))`;

// Words that may follow a real answer "A" or "I" ("A because ..."), unlike "A car", "I think".
/** Words that may follow a real answer "A" or "I", as alternatives. */
export const CONNECTIVE_WORDS = [
  "because",
  "since",
  "as",
  "which",
  "given",
  "for",
  "and",
  "or",
  "but",
  "is",
  "was",
].join("|");
/** "A" / "I" not followed by a lower-case word other than a connective. */
export const NOT_ARTICLE = `(?!\\s+${MARKS}(?!(?:${CONNECTIVE_WORDS})(?![a-z]))[a-z])`;

// Placeholders for an atomic group, which JavaScript lacks: `(?=(X))\N` matches X once, as the
// extractor's sticky regex does, so later lookaheads cannot make it match a shorter X.
const ATOMIC_OPEN = "\u0001";
const ATOMIC_REFERENCE = "\u0002";
/** X matched atomically; number the groups with `numberAtomicGroups` once the pattern is whole. */
export function atomic(source: string): string {
  return `(?=(${ATOMIC_OPEN}${source}))${ATOMIC_REFERENCE}`;
}

/** Replaces the placeholders of `atomic` with the number of the group each refers back to. */
export function numberAtomicGroups(pattern: string): string {
  let output = "";
  let groups = 0;
  let last = 0;
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === "\\") {
      output += char + (pattern[index + 1] ?? "");
      index++;
    } else if (char === ATOMIC_OPEN) last = groups;
    else if (char === ATOMIC_REFERENCE) output += `\\${last}`;
    else {
      if (inClass) inClass = char !== "]";
      else if (char === "[") inClass = true;
      else if (char === "(" && pattern[index + 1] !== "?") groups++;
      output += char;
    }
  }
  return output;
}
