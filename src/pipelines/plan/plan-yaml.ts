import { parse, stringify } from "yaml";
import { ConfigError } from "../../core/errors.js";
import { type PlanDocument, PlanDocumentSchema } from "./plan-document.js";

/** Reads a `--plan` file's text (YAML or JSON); problems name the file and the fields. */
export function parsePlanYaml(text: string, path: string): PlanDocument {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new ConfigError({
      message: `${path} is not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
      path,
      hint: "write one with --save-plan <file> and edit that",
    });
  }
  const parsed = PlanDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new ConfigError({
      message: `${path} is not a valid plan: ${issues[0] ?? "invalid"}`,
      path,
      issues,
      hint: "write one with --save-plan <file> and edit that (quotas, sources, allocations)",
    });
  }
  return parsed.data;
}

/** The plan as YAML for `--save-plan`: hand-edit quotas, sources or allocations, then run it with `--plan`. */
export function stringifyPlanYaml(plan: PlanDocument): string {
  const header =
    "# benchsmith plan: edit quotas (they must sum to size), sources (allocated + scratch = quota)\n" +
    "# or transformations, then run it with: benchsmith plan --plan <this file> --datasets <...>\n";
  return header + stringify(plan, { lineWidth: 0 });
}
