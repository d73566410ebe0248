/** Target passage size in words: chunks close at `minWords` and never grow past `maxWords`. */
export interface ChunkOptions {
  minWords?: number;
  maxWords?: number;
}

const DEFAULT_MIN_WORDS = 150;
const DEFAULT_MAX_WORDS = 250;

const wordCount = (text: string): number => text.match(/\S+/g)?.length ?? 0;
const isHeading = (paragraph: string): boolean => /^#{1,6}\s/.test(paragraph);

/**
 * Splits text into passages of about `minWords`-`maxWords` words along paragraph (blank-line)
 * boundaries. A paragraph longer than `maxWords` is cut at sentence ends (or, failing those, at
 * words); a heading never ends a passage when more text follows; a start or a tail shorter than
 * `minWords / 3` joins its neighbour, so a passage may reach `maxWords + minWords / 3`.
 * Deterministic: the same text always gives the same chunks.
 */
export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  const minWords = options.minWords ?? DEFAULT_MIN_WORDS;
  const maxWords = Math.max(minWords, options.maxWords ?? DEFAULT_MAX_WORDS);
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .flatMap((paragraph) => splitLongParagraph(paragraph, maxWords));

  const chunks: string[][] = [];
  let current: string[] = [];
  let currentWords = 0;
  for (const paragraph of paragraphs) {
    const words = wordCount(paragraph);
    // A tiny start (a heading, a one-liner) may overflow rather than stand alone as a passage.
    if (currentWords >= minWords / 3 && currentWords + words > maxWords) {
      // Trailing headings move on with the text they introduce.
      let keep = current.length;
      while (keep > 0 && isHeading(current[keep - 1] ?? "")) keep--;
      if (keep > 0) chunks.push(current.slice(0, keep));
      current = current.slice(keep);
      currentWords = current.reduce((sum, item) => sum + wordCount(item), 0);
    }
    current.push(paragraph);
    currentWords += words;
    if (currentWords >= minWords && !isHeading(paragraph)) {
      chunks.push(current);
      current = [];
      currentWords = 0;
    }
  }
  if (current.length > 0) {
    const previous = chunks.at(-1);
    const tailIsSmall = currentWords < minWords / 3;
    if (
      previous !== undefined &&
      tailIsSmall &&
      wordCount(previous.join(" ")) + currentWords <= maxWords + minWords / 3
    ) {
      previous.push(...current);
    } else {
      chunks.push(current);
    }
  }
  return chunks.map((chunk) => chunk.join("\n\n"));
}

/** Cuts one over-long paragraph at sentence ends, and a sentence still too long at word boundaries. */
function splitLongParagraph(paragraph: string, maxWords: number): string[] {
  if (wordCount(paragraph) <= maxWords) return [paragraph];
  const pieces = paragraph.split(/(?<=[.!?])\s+/).flatMap((sentence) => {
    const words = sentence.split(/\s+/);
    if (words.length <= maxWords) return [sentence];
    const parts: string[] = [];
    for (let start = 0; start < words.length; start += maxWords) {
      parts.push(words.slice(start, start + maxWords).join(" "));
    }
    return parts;
  });
  const groups: string[] = [];
  let group = "";
  for (const piece of pieces) {
    if (group !== "" && wordCount(group) + wordCount(piece) > maxWords) {
      groups.push(group);
      group = piece;
    } else {
      group = group === "" ? piece : `${group} ${piece}`;
    }
  }
  if (group !== "") groups.push(group);
  return groups;
}
