import { describe, expect, it } from "vitest";
import { ABLATION_ROWS, formatAblationTable } from "./ablation.js";
import { resolveMakeOptions } from "./options.js";

const COMPONENTS = [
  "attributes",
  "diffusion",
  "boost",
  "selfCorrect",
  "discriminate",
  "strategies",
  "testTaker",
] as const;

describe("the ablation rows (paper Table 2)", () => {
  it("each row adds components to the one above, from the Direct baseline to the full pipeline", () => {
    const enabled = Object.values(ABLATION_ROWS).map(({ options }) => {
      const resolved = resolveMakeOptions({ demand: "d", generator: "g", ...options });
      return COMPONENTS.filter((component) => resolved[component]);
    });
    expect(enabled).toEqual([
      [],
      ["attributes"],
      ["attributes", "diffusion"],
      ["attributes", "diffusion", "boost"],
      ["attributes", "diffusion", "boost", "selfCorrect"],
      ["attributes", "diffusion", "boost", "selfCorrect", "discriminate"],
      [...COMPONENTS],
    ]);
    expect(resolveMakeOptions({ demand: "d", generator: "g", ...ABLATION_ROWS.direct.options }).direct).toBe(
      true,
    );
  });

  it("formats one line per row: the criteria some row computed, then the cost per accepted item", () => {
    const table = formatAblationTable([
      {
        label: "Direct",
        requested: 4,
        accepted: 4,
        responses: 5,
        inputTokens: 300,
        outputTokens: 100,
        costUsd: undefined,
        criteria: [
          { criterion: "faithfulness", value: undefined },
          { criterion: "lexical-diversity", value: 6.12345 },
        ],
      },
      {
        label: "full",
        requested: 4,
        accepted: 2,
        responses: 25,
        inputTokens: 900,
        outputTokens: 100,
        costUsd: 0.01,
        criteria: [
          { criterion: "lexical-diversity", value: 7.5 },
          { criterion: "controllability", value: 0.25 },
        ],
      },
    ]);
    expect(table.split("\n")).toEqual([
      "row     items  lexical-diversity  controllability  calls/item  tokens/item  $/item",
      "------  -----  -----------------  ---------------  ----------  -----------  -------",
      "Direct  4/4    6.123              n/a              1.3         100          unknown",
      "full    2/4    7.500              0.250            12.5        500          0.0050",
    ]);
  });
});
