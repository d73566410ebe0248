/**
 * Seeded random chain-of-thought replies to a four-option item (Paris, London, Berlin, Madrid):
 * reasoning sentences that mention letters and cities, then zero to two conclusions in the forms
 * models write, with letters in and out of range and in either case.
 */
export const RANDOM_REPLY_OPTIONS = ["Paris", "London", "Berlin", "Madrid"];

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** `count` replies; `withOptionText: false` leaves the cities' names out of every reply. */
export function randomReplies(count: number, options: { seed: number; withOptionText: boolean }): string[] {
  const random = generator(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const letter = () => pick(["A", "B", "C", "D", "E", "a", "b", "c", "d", "I"]);
  const city = () => (options.withOptionText ? pick(RANDOM_REPLY_OPTIONS) : pick(["Rome", "Oslo"]));
  const reasoning = [
    () => "Let's think step by step.",
    () => `${city()} is a capital.`,
    () => `Option ${letter()} refers to France.`,
    () => `(${letter()}) is wrong.`,
    () => `${letter()} is wrong because it is in Spain.`,
    () => `Maybe ${letter()} or ${letter()}.`,
    () => `Step 1: ${pick(["Consider", "Compare", "Decide"])} the map.`,
    () => "The capital moved in 1990.",
    () => `${letter()}. ${city()}`,
    () => `I think ${city()} fits.`,
    () => "<think>Maybe (A)? Let me check.</think>",
  ];
  const conclusions = [
    () => `Answer: ${letter()}`,
    () => `The answer is ${letter()}.`,
    () => `Answer: **${letter()}**`,
    () => `So the answer is (${letter()}).`,
    () => `Therefore, ${letter()}.`,
    () => `I choose ${letter()}.`,
    () => `${letter()} is correct.`,
    () => `$\\boxed{${letter()}}$`,
    () => `Final answer: ${letter()}`,
    () => `The correct option is ${letter()}`,
    () => `Answer: ${city()}`,
    () => `the answer is ${city()}.`,
    () => letter(),
    () => `**${letter()}**`,
    () => `{"answer": "${letter()}"}`,
    () => `The answer is ${letter()} ${pick(["because", "car", "and", "since it"])} ...`,
    () => `(${letter()}) is ${pick(["correct", "the right answer", "best", "wrong"])}.`,
    () => `The answer is: (${letter()})`,
    () => `I'd pick option (${letter()})${pick([".", "!", ""])}`,
    () => `The answer is ${letter()}${pick(["/", " or ", " and ", " & "])}${letter()}.`,
    () =>
      `${pick(["So", "Thus", "Hence", "Therefore"])}${pick([", ", " "])}${letter()}${pick([".", "!", "", " is it."])}`,
    () => `${letter()}) ${city()}`,
    () => `**Answer**: ${letter()}`,
    () => `Answer\n${letter()}`,
    () => `The best choice would be "${letter()}".`,
    () => `\\boxed{\\text{${letter()}}}`,
    () => `[${letter()}]`,
  ];
  return Array.from({ length: count }, () => {
    const parts: string[] = [];
    const reasons = Math.floor(random() * 4);
    const stated = Math.floor(random() * 3);
    for (let index = 0; index < reasons; index++) parts.push(pick(reasoning)());
    for (let index = 0; index < stated; index++) parts.push(pick(conclusions)());
    return parts.join(pick([" ", "\n", "\n\n"]));
  });
}
