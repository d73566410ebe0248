/** Values for a template's `{{slot}}` markers (numbers are written with String()). */
export type TemplateSlots = Readonly<Record<string, string | number>>;

const SLOT = /\{\{(\w+)\}\}/g;

/**
 * A template and its slots disagree: the template names a slot the caller did not fill
 * ("missing"), or the caller filled a slot the template does not name ("unused"). Both are bugs
 * in our own code, not user input, so this is a plain Error: the CLI prints its stack.
 */
export class TemplateSlotError extends Error {
  readonly slot: string;
  readonly problem: "missing" | "unused";
  constructor(slot: string, problem: "missing" | "unused") {
    super(
      problem === "missing"
        ? `prompt slot {{${slot}}} has no value`
        : `prompt slot "${slot}" was given a value but the template has no {{${slot}}}`,
    );
    this.name = "TemplateSlotError";
    this.slot = slot;
    this.problem = problem;
  }
}

/** The distinct slot names a template uses, in order of first appearance. */
export function templateSlotNames(template: string): string[] {
  return [...new Set([...template.matchAll(SLOT)].map((match) => match[1] as string))];
}

/**
 * Fills every `{{slot}}` of `template` from `slots`, in one pass (a value that itself contains
 * "{{x}}" or "$&" is inserted literally). The one template filler of every pipeline. Throws
 * TemplateSlotError when a named slot has no value or a given value has no slot, so a renamed
 * slot cannot silently send a half-rendered prompt or drop text the caller computed.
 */
export function fillTemplate(template: string, slots: TemplateSlots): string {
  for (const name of Object.keys(slots)) {
    if (!template.includes(`{{${name}}}`)) throw new TemplateSlotError(name, "unused");
  }
  return template.replace(SLOT, (_marker, name: string) => {
    const value = Object.hasOwn(slots, name) ? slots[name] : undefined;
    if (value === undefined) throw new TemplateSlotError(name, "missing");
    return String(value);
  });
}
