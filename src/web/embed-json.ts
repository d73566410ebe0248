const ESCAPES: Record<string, string> = { "<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029" };

/**
 * JSON for a `<script type="application/json">` element: `<` is written as \u003c, so no string
 * in the data ("</script>", "<!--") can end or alter the element; U+2028/9 are escaped for old parsers.
 */
export function embedJson(value: unknown): string {
  // One pass: the items block of a 100k-item report is ~100 MB of text.
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (character) => ESCAPES[character] ?? character);
}

/** Text for an HTML text or attribute context (the few strings the server writes into markup). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
