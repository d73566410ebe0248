// The work queue (`--queue redis://…`, `benchsmith worker`). Nothing here loads bullmq or ioredis until
// a queue is actually opened, so the in-process path never pays for them.
export { createQueueEvaluator } from "./queue-evaluator.js";
export { queueRunLimits } from "./queue-limits.js";
export { connectRedis, type RedisLink } from "./redis-link.js";
export { redactRedisUrl, redisUrlProblem } from "./redis-url.js";
export { runWorker } from "./run-worker.js";
