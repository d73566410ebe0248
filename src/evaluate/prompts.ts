/**
 * Every prompt `eval` sends (and the exports reuse), as templates with named {{slots}} filled by
 * core/fill-template.ts; {{options}} is always core/format-options.ts's "A. text" block. Chat-only
 * APIs can run the chat ones: the model answers in text and we extract the choice, no logprobs.
 */
export const EVAL_PROMPTS = {
  mcqDirect: {
    system: "You are taking a multiple-choice test. Answer accurately.",
    user:
      "Question: {{question}}\n\nOptions:\n{{options}}\n\n" +
      "Reply with only the letter of the correct option ({{letters}}) and nothing else.",
  },
  mcqChainOfThought: {
    system: "You are taking a multiple-choice test. Answer accurately.",
    user:
      "Question: {{question}}\n\nOptions:\n{{options}}\n\n" +
      "Think it through step by step. Then write your final choice on the last line, " +
      'exactly in the form "Answer: X", where X is one of {{letters}}.',
  },
  openDirect: {
    system: "You are taking a test. Answer accurately and concisely.",
    user: "Question: {{question}}\n\nReply with only the final answer, as short as possible, no explanation.",
  },
  openChainOfThought: {
    system: "You are taking a test. Answer accurately.",
    user:
      "Question: {{question}}\n\nThink it through step by step. Then write your final answer on the last line, " +
      'in the form "Answer: <final answer>", as short as possible.',
  },
  // Loglikelihood form (lm-eval multiple_choice): the model's score of each letter after "Answer:".
  mcqLoglikelihood: {
    system: "",
    user: "Question: {{question}}\n{{options}}\nAnswer:",
  },
  judge: {
    system:
      "You grade answers to test questions. Decide whether the candidate answer means the same as the " +
      "reference answer for this question. Ignore wording, formatting and extra explanation; judge only " +
      "whether the final answer is right. Reply with JSON only.",
    user:
      "Question:\n{{question}}\n\nReference answer:\n{{reference}}\n\nCandidate answer:\n{{candidate}}\n\n" +
      'Reply as {"verdict": "correct" | "incorrect", "reason": "<one sentence>"}.',
  },
} as const satisfies Record<string, { system: string; user: string }>;
