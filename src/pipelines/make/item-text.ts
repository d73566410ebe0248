import { formatOptions } from "../../core/format-options.js";

/** The text an item contributes to lexical diversity and to duplicate detection. */
export function itemText(item: { question: string; options?: readonly string[] | undefined }): string {
  return [item.question, ...(item.options ?? [])].join("\n");
}

/** A reference item as the generator sees it: options in eval's "A. text" form, then "Answer: X". */
export function formatReference(
  item: { question: string; options?: readonly string[] | undefined; answer: string },
  position: number,
): string {
  const options = item.options?.length ? `\n${formatOptions(item.options)}` : "";
  return `[${position + 1}] ${item.question}${options}\nAnswer: ${item.answer}`;
}
