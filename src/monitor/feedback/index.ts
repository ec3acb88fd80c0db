export { collectFeedback } from './collectFeedback.js';
export { loadFeedbackModel, type SavedFeedbackModel, saveFeedbackModel } from './feedbackModel.js';
export { type LabelledRows, labelledRowsFromAlerts } from './labelledRows.js';
export {
  type FeedbackTraining,
  type TrainFromFeedbackOptions,
  trainFromFeedback,
} from './trainFromFeedback.js';
