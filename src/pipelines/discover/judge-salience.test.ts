import { describe, expect, it } from "vitest";
import { MockLanguageModel } from "../../testing/index.js";
import { judgeSalience } from "./judge-salience.js";

const base = { domain: "volcanology", description: "Etna", judgeRef: "mock:j", seed: 0 };

describe("judgeSalience", () => {
  it("judges 0-1 importance, and leaves it undefined (with why) when the judge gives no number", async () => {
    const judge = new MockLanguageModel({ respond: '{"salience": 0.7, "reason": "famous"}' });
    expect(await judgeSalience({ ...base, judge })).toEqual({ value: 0.7, from: "judged by mock:j" });
    expect(judge.lastUserMessage()).toMatch(/^### salience\n/);
    const mute = new MockLanguageModel({ respond: '{"salience": 7}' });
    expect(await judgeSalience({ ...base, judge: mute })).toEqual({
      from: "a salience judgment (mock:j gave none usable)",
    });
  });

  it("prefers the source's pageviews; falls back to the judge when they have no data or fail", async () => {
    const judge = new MockLanguageModel({ respond: '{"salience": 0.4}' });
    const pageviews = async () => ({ value: 0.8, from: "en.wikipedia pageviews of Etna" });
    expect(await judgeSalience({ ...base, judge, sourceSalience: pageviews })).toEqual({
      value: 0.8,
      from: "en.wikipedia pageviews of Etna",
    });
    expect(judge.calls).toHaveLength(0);
    const none = async () => ({ value: undefined, from: 'no en.wikipedia pageviews for "Etna"' });
    expect(await judgeSalience({ ...base, judge, sourceSalience: none })).toEqual({
      value: 0.4,
      from: 'judged by mock:j; no en.wikipedia pageviews for "Etna"',
    });
    const failing = async () => {
      throw new Error("HTTP 503");
    };
    expect(await judgeSalience({ ...base, judge, sourceSalience: failing })).toEqual({
      value: 0.4,
      from: "judged by mock:j; the source's salience failed: HTTP 503",
    });
  });
});
