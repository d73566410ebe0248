import { letterFor } from "../../core/item.js";
import {
  AFTER_THINKING,
  anyCase,
  atomic,
  CLOSES_SENTENCE,
  COLON,
  CONCLUSION_LEAD,
  CONNECTIVE_WORDS,
  EDGE,
  FILLER,
  GAP,
  LINE_GAP,
  LOWER_CASE_END,
  letterClass,
  MARK,
  MARKS,
  NO_WORD_AFTER,
  NO_WORD_BEFORE,
  NOT_ARTICLE,
  numberAtomicGroups,
  OPTION_WORD,
  SECOND_LETTER,
  SENTENCE_LEAD,
  TOKEN_END,
} from "./pattern-pieces.js";

interface Letters {
  upper: string[];
  lower: string[];
}

/** The letter token after a conclusion phrase, with the extractor's checks as lookaheads. */
function letterToken(letters: Letters, closesSentence: boolean): string {
  const both = [...letters.upper, ...letters.lower];
  const end = atomic(`${MARKS}\\s*[)\\]]?${TOKEN_END}`);
  const tail = (checks: string): string =>
    `${end}${closesSentence ? CLOSES_SENTENCE : ""}${checks}(?!${SECOND_LETTER})`;
  const article = (letter: string): boolean => /^[AaIi]$/.test(letter);
  const branches: Array<[readonly string[], string]> = [
    [letters.upper.filter((letter) => !article(letter)), ""],
    [letters.upper.filter(article), NOT_ARTICLE],
    [letters.lower.filter((letter) => !article(letter)), LOWER_CASE_END],
    [letters.lower.filter(article), LOWER_CASE_END + NOT_ARTICLE],
  ];
  const choices = [
    `[([]\\s*(${letterClass(both)})${tail("")}`,
    ...branches
      .filter(([set]) => set.length > 0)
      .map(([set, checks]) => `(${letterClass(set)})${tail(checks)}`),
  ];
  // "A or C": captured whole, so it reads as no single option (and stops the text fallback).
  const twoLetters = closesSentence
    ? []
    : [
        `((?:[([]\\s*${letterClass(both)}|${letterClass(letters.upper)})` +
          `${MARKS}\\s*[)\\]]?${TOKEN_END}${SECOND_LETTER})`,
      ];
  return `(?:${[...twoLetters, ...choices].join("|")})`;
}

/** The marks that name a letter as a letter: "(C)", a line "C." or "C) text", "option C". */
function letterMarks(upper: readonly string[], capture: boolean): string[] {
  const open = capture ? "(" : "(?:";
  const both = letterClass([...upper, ...upper.map((letter) => letter.toLowerCase())]);
  return [
    `\\(${MARKS}${open}${both})${MARKS}\\)${AFTER_THINKING}`,
    `(?:^|\\n|</think>)${LINE_GAP}${open}${letterClass(upper)})` +
      `(?:${MARKS}[^\\S\\n]*[.):]?[^\\S\\n]*(?=\\n|$)|${MARKS}[.):]\\s)${AFTER_THINKING}`,
    `\\b${OPTION_WORD}\\s+${MARKS}\\(?${MARKS}${open}${both})${NO_WORD_AFTER}${AFTER_THINKING}`,
  ];
}

/**
 * "\\boxed{C}": the extractor reads it as "answer: C", so a letter followed by nothing but the
 * closing braces is checked against what follows the box ("\\boxed{A} car" is no answer).
 */
function boxedLetter(letters: Letters): string {
  const article = (letter: string): boolean => /^[AaIi]$/.test(letter);
  const closed = "\\s*[)\\]]?\\s*\\}?\\s*\\}";
  const after = `(?:\\s|\\$|${MARK})*`;
  const notArticle = `(?!${after}(?!(?:${CONNECTIVE_WORDS})(?![a-z]))[a-z])`;
  const lowerEnd = `(?=${after}(?:[.,;!)\\]]|$|\\n))`;
  const branches = [
    `(${letterClass(letters.upper.filter((letter) => !article(letter)))})${TOKEN_END}`,
    `(${letterClass(letters.upper.filter(article))})(?:(?=${closed}${notArticle})|(?!${closed})${TOKEN_END}${NOT_ARTICLE})`,
    `(${letterClass(letters.lower.filter((letter) => !article(letter)))})(?=${closed}${lowerEnd})`,
    `(${letterClass(letters.lower.filter(article))})(?=${closed}${lowerEnd}${notArticle})`,
  ].filter((branch) => !branch.startsWith("()"));
  return `\\\\boxed\\s*\\{\\s*(?:\\\\text\\s*\\{\\s*)?[([]?\\s*(?:${branches.join("|")})${AFTER_THINKING}`;
}

/** A reply (or line) that is only a letter: "C", "(c)", "Answer: C.", "**B**". */
function bareLetter(letters: Letters, gap: string, space: string): string {
  return (
    `(?:(?:${anyCase("final")}${space}+)?${anyCase("answer")}${gap}${COLON}?${gap})?` +
    `[([]?${space}*(${letterClass([...letters.upper, ...letters.lower])})${MARKS}${space}*[)\\]]?${space}*[.:]?`
  );
}

/**
 * Letters written as letters (the last line alone, else marks naming one letter, else two marks:
 * no single option), as one zero-width match at the start of the reply.
 */
function markedLetter(letters: Letters): string {
  // Zero-width at position 0, it is the first match findall returns, so any stated conclusion,
  // found later, is the last match and wins, as conclusions win over marks in the extractor.
  const lastLine = `[\\s\\S]*\\n${LINE_GAP}${bareLetter(letters, LINE_GAP, "[^\\S\\n]")}${EDGE}$`;
  const unique = letters.upper.map((letter) => {
    const others = letters.upper.filter((other) => other !== letter);
    return `(?![\\s\\S]*?(?:${letterMarks(others, false).join("|")}))[\\s\\S]*?(?:${letterMarks([letter], true).join("|")})`;
  });
  // Two different marked letters: capture the span from one mark to the next, which is no single letter.
  const marks = letterMarks(letters.upper, false).join("|");
  const several = `[\\s\\S]*?((?:${marks})[\\s\\S]*?(?:${marks}))`;
  return `^(?=${[lastLine, ...unique, several].join("|")})`;
}

/**
 * The regex the lm-eval and Inspect exports read a reply's option letter with, for items with
 * `optionCount` options. Use it as Python's `re.findall(pattern, reply)[-1]` and take the first
 * non-empty group (what lm-eval's regex filters do with `group_select: -1`): the group is the
 * letter (either case), or a longer span ("A or C") when the reply names no single option.
 * It mirrors extract-answer.ts: a reply that is only a letter, a JSON answer field, the last stated
 * conclusion ("the answer is (C)", "Answer: c", "\boxed{C}", "C is correct"), else letters marked
 * as letters when they name one option. Option texts are left to the text fallback of each export.
 */
export function letterPattern(optionCount: number): string {
  const upper = Array.from({ length: Math.min(Math.max(optionCount, 1), 26) }, (_, index) =>
    letterFor(index),
  );
  const letters = { upper, lower: upper.map((letter) => letter.toLowerCase()) };
  const whole = `^(?:[\\s\\S]*</think>)?${EDGE}${bareLetter(letters, GAP, "\\s")}${EDGE}$`;
  const jsonKey = ["final_?answer", "answer", "choice", "option", "selected_?option", "letter"]
    .map((key) => key.split("_?").map(anyCase).join("_?"))
    .join("|");
  // A JSON answer field wins over any other conclusion: this match takes the whole reply.
  const json =
    `^(?=[\\s\\S]*?"(?:${jsonKey})"\\s*:\\s*"(?:\\s*${bareLetter(letters, "\\s*", "\\s")}\\s*"` +
    `|[([]?(${letterClass(letters.upper)})[)\\].:]\\s+[^\\s"])${AFTER_THINKING})[\\s\\S]*`;
  const boxed = boxedLetter(letters);
  const conclusion = `${CONCLUSION_LEAD}${FILLER}${letterToken(letters, false)}${AFTER_THINKING}`;
  const sentence = `${SENTENCE_LEAD}${FILLER}${letterToken(letters, true)}${AFTER_THINKING}`;
  const isCorrect =
    `${NO_WORD_BEFORE}\\(?(${letterClass(letters.upper)})${MARKS}\\)?\\s+` +
    `(?:is|seems\\s+to\\s+be|appears\\s+to\\s+be)\\s+(?:the\\s+)?(?:correct|right|best)\\b${AFTER_THINKING}`;
  return numberAtomicGroups(
    [whole, json, boxed, conclusion, sentence, isCorrect, markedLetter(letters)].join("|"),
  );
}

/**
 * Text the option-text fallback ignores, as `re.sub(pattern, "", reply)` patterns: a reasoning
 * block before the last </think>, and on a reply longer than 200 characters everything but its
 * last non-empty line (the extractor matches option texts only on short replies or the last line).
 */
export const OPTION_TEXT_IGNORES: readonly string[] = [
  "^[\\s\\S]*</think>(?=\\s*\\S)",
  "^(?=[\\s\\S]{201})[\\s\\S]*\\n(?=[^\\n]*\\S)",
];
