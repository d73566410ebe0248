import { describe, expect, it } from "vitest";
import { parseCardReadme } from "./read-card-readme.js";

describe("parseCardReadme", () => {
  it("reads pretty_name, a licence list, task categories and feature types of the first config", () => {
    const card = parseCardReadme(`---
pretty_name: Tiny QA
license:
- mit
- apache-2.0
task_categories: [question-answering]
dataset_info:
- config_name: default
  features:
  - name: question
    dtype: string
  - name: options
    sequence: string
  - name: meta
    struct:
    - name: a
      dtype: int32
  - name: tags
    list:
      dtype: string
  - name: label
    dtype:
      class_label:
        names: [neg, pos]
- config_name: other
  features:
  - name: ignored
    dtype: string
---
Tiny QA holds short questions with one-word answers, collected for tests.
`);
    expect(card.prettyName).toBe("Tiny QA");
    expect(card.license).toBe("mit, apache-2.0");
    expect(card.taskCategories).toEqual(["question-answering"]);
    expect([...card.features]).toEqual([
      ["question", "string"],
      ["options", "list<string>"],
      ["meta", "struct"],
      ["tags", "list<string>"],
      ["label", "class_label(neg, pos)"],
    ]);
    expect(card.description).toBe(
      "Tiny QA holds short questions with one-word answers, collected for tests.",
    );
    expect(card.problem).toBeUndefined();
  });

  it("the description skips headings, badges, tables, code and placeholders, and keeps link text", () => {
    const card = parseCardReadme(
      [
        "# Dataset Card for X",
        "[![CI](https://x/badge.svg)](https://x)",
        "## Dataset Summary",
        "[More Information Needed]",
        "",
        "X asks about **contract law** and [torts](https://en.wikipedia.org/wiki/Tort), in English.",
        "",
        "```python\nload_dataset('x')\n```",
        "",
        "| a | b |",
        "|---|---|",
      ].join("\n"),
    );
    expect(card.description).toBe("X asks about contract law and torts, in English.");
    expect(card.features.size).toBe(0);
  });

  it("broken front matter is reported as a problem, and the body still counts", () => {
    const card = parseCardReadme(
      "---\nlicense: [mit\n---\nA body paragraph long enough to count as prose.\n",
    );
    expect(card.problem).toMatch(/YAML front matter is not valid/);
    expect(card.license).toBeUndefined();
    expect(card.description).toBe("A body paragraph long enough to count as prose.");
  });
});
