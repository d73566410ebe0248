export {
  type BuildDatasetCardOptions,
  buildDatasetCard,
  DEFAULT_MAX_CATEGORY_VALUES,
} from "./build-dataset-card.js";
export { buildCardIndex, type CardIndex, type CardMatch, searchCards } from "./card-index.js";
export {
  type AnswerFormat,
  type CardCategories,
  type CardField,
  type CardFile,
  type DatasetCard,
  DatasetCardSchema,
} from "./dataset-card.js";
export {
  type LoadDatasetCardsOptions,
  type LoadDatasetCardsResult,
  loadDatasetCards,
} from "./load-dataset-cards.js";
export { type CardReadme, parseCardReadme } from "./read-card-readme.js";
export {
  type CardRow,
  type CardRowsPage,
  type CardRowsRequest,
  readDatasetRowsFor,
} from "./read-dataset-rows-for.js";
