import { extname } from "node:path";
import TurndownService from "turndown";

/** The file kinds `docs:<dir>` reads, by lower-cased extension. */
export const DOCUMENT_KINDS = {
  ".md": "text",
  ".markdown": "text",
  ".txt": "text",
  ".html": "html",
  ".htm": "html",
  ".pdf": "pdf",
} as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[keyof typeof DOCUMENT_KINDS];

/** The kind of a file by its extension, or undefined when `docs:` does not read it. */
export function documentKindOf(path: string): DocumentKind | undefined {
  const extension = extname(path).toLowerCase();
  return Object.hasOwn(DOCUMENT_KINDS, extension)
    ? DOCUMENT_KINDS[extension as keyof typeof DOCUMENT_KINDS]
    : undefined;
}

/** Text of one document and its title when the document names one (first heading, HTML <title>). */
export interface ExtractedDocument {
  title: string | undefined;
  text: string;
}

/**
 * Extracts Markdown-ish plain text. Markdown and text files are taken as they are (invalid UTF-8
 * throws); HTML goes through turndown without script, style and similar non-content elements;
 * PDF through unpdf. Throws on a corrupt file; the caller turns that into a warning.
 */
export async function extractDocument(kind: DocumentKind, bytes: Uint8Array): Promise<ExtractedDocument> {
  if (kind === "pdf") return { title: undefined, text: await extractPdfText(bytes) };
  const source = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  if (kind === "text") return { title: firstHeading(source), text: source };
  const converter = htmlConverter();
  // turndown pads list markers ("-   item"); one space reads better in a passage.
  const text = converter.turndown(source).replace(/^([ \t]*(?:[-*+]|\d+\.))[ \t]{2,}/gm, "$1 ");
  const titleElement = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(source)?.[1];
  const title = titleElement === undefined ? undefined : converter.turndown(titleElement).trim() || undefined;
  return { title: title ?? firstHeading(text), text };
}

function firstHeading(text: string): string | undefined {
  return /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(text)?.[1]?.trim() || undefined;
}

function htmlConverter(): TurndownService {
  const converter = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
  });
  converter.remove(["script", "style", "noscript", "template", "title", "head", "iframe", "object"]);
  // Passages feed a search index and a prompt: Markdown escapes and link targets are noise there.
  converter.escape = (text: string) => text;
  converter.addRule("link-text", { filter: "a", replacement: (content) => content });
  converter.addRule("image-alt", {
    filter: "img",
    replacement: (_content, node) =>
      (node as { getAttribute(name: string): string | null }).getAttribute("alt") ?? "",
  });
  return converter;
}

async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  // verbosity 0: pdf.js would otherwise print its own warnings to the console.
  const document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const { text } = await extractText(document, { mergePages: true });
    return text;
  } finally {
    await document.loadingTask.destroy();
  }
}
