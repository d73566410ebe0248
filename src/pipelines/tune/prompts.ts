/** All prompts of the tune pipeline, as templates with named {{slots}} (filled by core/fill-template.ts). */

export const DESIGNER_SYSTEM = `You design benchmark environments. A template generates problems from parameters; you choose parameters so that a target model's accuracy lands on a target value. Reply with JSON only.`;

export const DESIGNER_PROMPT = `Template: {{templateName}} - {{templateDescription}}

Parameters (name: type and range. meaning):
{{paramSpecs}}

Target model accuracy: {{target}} (tolerance +/- {{tolerance}}).
Iteration {{iteration}} of {{maxIters}}.

Measurements so far (params -> observed accuracy of the target model, 95% Wilson interval):
{{history}}

Propose the next parameters. Reason about which parameters make problems harder, move towards the target, and avoid repeating settings that already missed it.
Reply with a JSON object {"params": {...every parameter...}, "rationale": "<one or two sentences>"}.`;

export const ONE_SHOT_HISTORY = "(none: propose your best single guess without feedback)";
