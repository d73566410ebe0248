import { BenchsmithError } from "../../core/errors.js";

/** The planner could not turn the query into subtasks that can be built (the CLI exits 2 with the reason). */
export class PlanDecompositionError extends BenchsmithError {
  readonly reason: string;
  constructor(reason: string, hint?: string) {
    super({
      code: "plan_decomposition",
      message: `the query could not be decomposed into subtasks: ${reason}`,
      hint: hint ?? "make the query name the capabilities to test, or try a stronger --model",
    });
    this.name = "PlanDecompositionError";
    this.reason = reason;
  }
  static override isInstance(error: unknown): error is PlanDecompositionError {
    return BenchsmithError.isInstance(error) && error.code === "plan_decomposition";
  }
}
