import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.js";
import { type DocsCorpus, docsSource, openDocsCorpus } from "./docs-corpus.js";

/** A minimal valid PDF 1.4 with one page and one text object; xref offsets computed from the bytes. */
function minimalPdf(sentence: string): Buffer {
  const escaped = sentence.replace(/[\\()]/g, (char) => `\\${char}`);
  const content = `BT /F1 12 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

const PDF_SENTENCE = "Tardigrades survive the vacuum of open space for ten days.";
const filler = (topic: string, count: number): string =>
  Array.from({ length: count }, (_, index) => `Sentence ${index} adds detail about ${topic}.`).join(" ");

let root: string;
let corpus: DocsCorpus;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "benchsmith-docs-"));
  const docs = join(root, "docs");
  await mkdir(join(docs, "notes"), { recursive: true });
  await mkdir(join(docs, ".git"), { recursive: true });
  await writeFile(
    join(docs, "plants.md"),
    `# Photosynthesis\n\nChlorophyll in the leaves captures light to make sugar.\n\n${filler("leaves", 40)}\n\n## Roots\n\n${filler("soil water", 40)}\n`,
  );
  await writeFile(
    join(docs, "volcano.html"),
    `<!doctype html><html><head><title>Volcanoes &amp; magma</title><style>p { color: red }</style>
    <script>var leaked = "SCRIPT-SECRET-HEAD";</script></head><body><h1>Volcanoes</h1>
    <p>Magma rises through the <a href="https://example.org/crust">crust</a> and erupts as lava.</p>
    <script>document.write("SCRIPT-SECRET-BODY")</script><ul><li>basalt</li><li>obsidian</li></ul></body></html>`,
  );
  await writeFile(join(docs, "notes", "castles.txt"), "Medieval castles had moats and drawbridges.\n");
  await writeFile(join(docs, "notes", "water-bears.pdf"), minimalPdf(PDF_SENTENCE));
  await writeFile(join(docs, "notes", "broken.pdf"), Buffer.from("%PDF-1.4\nthis is not really a pdf"));
  await writeFile(join(docs, "notes", "ignored.json"), "{}");
  await writeFile(join(docs, ".git", "HEAD.md"), "# hidden\n");
  corpus = await openDocsCorpus({ directory: docs });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("openDocsCorpus", () => {
  it("reads every supported file in sorted order and names the corrupt one in warnings", () => {
    expect(corpus.files).toEqual(["notes/castles.txt", "notes/water-bears.pdf", "plants.md", "volcano.html"]);
    expect(corpus.warnings).toHaveLength(1);
    expect(corpus.warnings[0]).toMatch(/^skipped notes\/broken\.pdf: /);
  });

  it("chunks paragraph-aware with stable ids and document titles", () => {
    const plants = corpus.passages.filter((passage) => passage.id.startsWith("plants.md#"));
    expect(plants.map((passage) => passage.id)).toEqual(["plants.md#1", "plants.md#2"]);
    expect(plants.every((passage) => passage.title === "Photosynthesis")).toBe(true);
    // The "## Roots" heading opens the second passage instead of ending the first.
    expect(plants[1]?.text.startsWith("## Roots")).toBe(true);
    expect(corpus.passages.find((passage) => passage.id === "notes/castles.txt#1")?.title).toBe("castles");
  });

  it("converts HTML without script or style text, keeping link text", () => {
    const html = corpus.passages.find((passage) => passage.id === "volcano.html#1");
    expect(html?.title).toBe("Volcanoes & magma");
    expect(html?.text).toContain("Magma rises through the crust and erupts as lava.");
    expect(html?.text).toContain("- basalt");
    const everything = corpus.passages.map((passage) => passage.text).join("\n");
    expect(everything).not.toContain("SCRIPT-SECRET");
    expect(everything).not.toContain("color: red");
    expect(everything).not.toContain("example.org");
  });

  it("extracts the sentence of the generated PDF", () => {
    expect(corpus.passages.find((passage) => passage.id === "notes/water-bears.pdf#1")?.text.trim()).toBe(
      PDF_SENTENCE,
    );
  });

  it("ranks the passage about the queried topic first", async () => {
    const tardigrades = await corpus.retrieve("tardigrades in space", { limit: 3 });
    expect(tardigrades[0]?.id).toBe("notes/water-bears.pdf#1");
    const chlorophyll = await corpus.retrieve("how does chlorophyll capture light", { limit: 3 });
    expect(chlorophyll[0]?.id).toBe("plants.md#1");
    const lava = await corpus.retrieve("lava", { limit: 10 });
    expect(lava.map((passage) => passage.id)).toEqual(["volcano.html#1"]);
  });

  it("returns [] when nothing matches, and respects the limit", async () => {
    expect(await corpus.retrieve("quasar xylophone", { limit: 5 })).toEqual([]);
    expect(await corpus.retrieve("the of and", { limit: 5 })).toEqual([]);
    expect(await corpus.retrieve("sentence detail", { limit: 1 })).toHaveLength(1);
  });

  it("gives the same passages when opened again", async () => {
    const again = await openDocsCorpus({ directory: corpus.directory });
    expect(again.passages).toEqual(corpus.passages);
  });
});

describe("docs folder errors", () => {
  it("rejects a missing folder, an empty folder and a folder with nothing readable", async () => {
    const empty = join(root, "empty");
    await mkdir(join(empty, "sub"), { recursive: true });
    await writeFile(join(empty, "data.csv"), "a,b\n");
    const broken = join(root, "broken");
    await mkdir(broken);
    await writeFile(join(broken, "bad.pdf"), Buffer.from("not a pdf"));
    await writeFile(join(broken, "bad.txt"), Buffer.from([0xff, 0xfe, 0xfd]));

    await expect(openDocsCorpus({ directory: join(root, "nope") })).rejects.toThrow(/no such folder/);
    const emptyError = await openDocsCorpus({ directory: empty }).catch((error: unknown) => error);
    expect(UserInputError.isInstance(emptyError)).toBe(true);
    expect((emptyError as Error).message).toMatch(
      /holds no document \(\.md, \.markdown, \.txt, \.html, \.htm, \.pdf\)/,
    );
    const brokenError = await openDocsCorpus({ directory: broken }).catch((error: unknown) => error);
    expect(UserInputError.isInstance(brokenError)).toBe(true);
    expect((brokenError as Error).message).toMatch(
      /none of its 2 documents could be read \(skipped bad\.pdf: /,
    );
  });

  it("the docs entry needs its folder argument", async () => {
    await expect(docsSource.create({ env: {} })).rejects.toThrow(/needs a folder/);
    const created = await docsSource.create({ env: {}, argument: corpus.directory });
    expect(await created.retrieve("drawbridges", { limit: 2 })).toMatchObject([
      { id: "notes/castles.txt#1" },
    ]);
  });
});
