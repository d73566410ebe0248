import { parse as parseYaml } from "yaml";

/** What a Hugging Face dataset README (card) says about its dataset. */
export interface CardReadme {
  prettyName?: string;
  license?: string;
  taskCategories?: string[];
  /** The first prose paragraphs of the README body (markup stripped), up to ~800 characters. */
  description?: string;
  /** Field name -> type, from `dataset_info.features`. */
  features: Map<string, string>;
  /** Set when the front matter is not valid YAML (the body still counts). */
  problem?: string;
}

const DESCRIPTION_LENGTH = 800;

function asStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `dtype: string`, `sequence: string`, `dtype: {class_label: {names: {...}}}`, `list: ...` -> one type text. */
function featureType(feature: Record<string, unknown>): string {
  const { dtype, sequence, list } = feature;
  if (typeof dtype === "string") return dtype;
  if (isRecord(dtype) && isRecord(dtype.class_label)) {
    const names = dtype.class_label.names;
    const labels = Array.isArray(names) ? names : isRecord(names) ? Object.values(names) : [];
    return `class_label(${labels.map(String).join(", ")})`;
  }
  if (sequence !== undefined || list !== undefined) {
    const inner = sequence ?? list;
    return typeof inner === "string"
      ? `list<${inner}>`
      : isRecord(inner) && typeof inner.dtype === "string"
        ? `list<${inner.dtype}>`
        : "list";
  }
  return isRecord(dtype) || Array.isArray(dtype) || feature.struct !== undefined ? "struct" : "unknown";
}

function featuresOf(info: unknown): Map<string, string> {
  // One config: an object; several: a list of them (the first is described).
  const config = Array.isArray(info) ? info[0] : info;
  const features = isRecord(config) && Array.isArray(config.features) ? config.features : [];
  const types = new Map<string, string>();
  for (const feature of features) {
    if (isRecord(feature) && typeof feature.name === "string") types.set(feature.name, featureType(feature));
  }
  return types;
}

/** Prose paragraphs of a Markdown body: no headings, code, tables, HTML, images or link-only lines. */
function descriptionOf(body: string): string | undefined {
  const withoutCode = body.replace(/```[\s\S]*?```/g, "").replace(/<!--[\s\S]*?-->/g, "");
  const paragraphs = withoutCode
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .filter((line) => !/^\s*(?:#|\||<|!\[|\[!\[|-{3,}|={3,})/.test(line))
        .join(" ")
        .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/<[^>]+>/g, "")
        .replace(/[*_`]{1,3}/g, "")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((text) => text.length >= 20 && !/^\[?more information needed\]?$/i.test(text));
  let description = "";
  for (const paragraph of paragraphs) {
    if (description.length >= DESCRIPTION_LENGTH / 2) break;
    description = description === "" ? paragraph : `${description} ${paragraph}`;
  }
  if (description === "") return undefined;
  return description.length > DESCRIPTION_LENGTH
    ? `${description.slice(0, DESCRIPTION_LENGTH - 1)}…`
    : description;
}

/**
 * Parses a Hugging Face dataset README: YAML front matter between `---` lines (`pretty_name`,
 * `license`, `task_categories`, `dataset_info.features`) and the body's first prose paragraphs.
 * Front matter that is not valid YAML is reported in `problem` (the body still counts); never throws.
 */
export function parseCardReadme(text: string): CardReadme {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(text);
  let front: unknown;
  let problem: string | undefined;
  try {
    front = match?.[1] === undefined ? undefined : parseYaml(match[1]);
  } catch (error) {
    // A broken header is the card author's slip; the prose below it is still the card.
    problem = `its YAML front matter is not valid (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  }
  const meta = isRecord(front) ? front : {};
  const licenses = asStrings(meta.license);
  const taskCategories = asStrings(meta.task_categories);
  const description = descriptionOf(match === null ? text : text.slice(match[0].length));
  return {
    ...(typeof meta.pretty_name === "string" ? { prettyName: meta.pretty_name } : {}),
    ...(licenses.length > 0 ? { license: licenses.join(", ") } : {}),
    ...(taskCategories.length > 0 ? { taskCategories } : {}),
    ...(description !== undefined ? { description } : {}),
    features: featuresOf(meta.dataset_info),
    ...(problem !== undefined ? { problem } : {}),
  };
}
