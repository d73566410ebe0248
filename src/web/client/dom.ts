/// <reference lib="dom" />
// Browser-only module: bundled by esbuild into the report script, never imported by Node code.

/** A child of `el`: strings become text nodes, so generated text can never become markup. */
export type Child = Node | string | number | null | undefined | false;

/** Attribute names `el` may set; event handlers are attached in code, never as attributes, and `href` is only ever built here. */
type AttributeName =
  | "class"
  | "id"
  | "testid"
  | "title"
  | "href"
  | "type"
  | "value"
  | "placeholder"
  | "for"
  | "name"
  | "min"
  | "max"
  | "step"
  | "colspan"
  | "role"
  | "list"
  | "aria-label"
  | "aria-current";

/** Attributes for `el`; undefined values are left out. */
export type Attributes = { [Name in AttributeName]?: string | undefined };

/** Creates an element with attributes and children; every string is appended as a text node. */
export function el<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    element.setAttribute(name === "testid" ? "data-testid" : name, value);
  }
  append(element, ...children);
  return element;
}

/** Appends children as nodes or text nodes (null, undefined and false are skipped). */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A fixed-digit number, or "-" for a missing value. */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "-" : value.toFixed(digits);
}

/** A p-value as people read it: small ones in exponent form. */
export function formatP(value: number): string {
  return value < 0.001 ? value.toExponential(1) : value.toFixed(3);
}

/** A table with a header row; cells are children of `el`, so text stays text. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly Child[])[],
  attributes: Attributes = {},
): HTMLTableElement {
  return el(
    "table",
    attributes,
    el("thead", {}, el("tr", {}, ...headers.map((header) => el("th", {}, header)))),
    el("tbody", {}, ...rows.map((row) => el("tr", {}, ...row.map((cell) => el("td", {}, cell))))),
  );
}

/** A section with a heading. */
export function section(title: string, attributes: Attributes, ...children: Child[]): HTMLElement {
  return el("section", attributes, el("h2", {}, title), ...children);
}
