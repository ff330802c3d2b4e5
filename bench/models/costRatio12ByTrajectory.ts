// bench/models/costRatio12.ts without its simulateChunk: the engine then runs
// it trajectory by trajectory (simulate), on worker threads too, which load
// models from their files (bench/costRatio12.byTrajectory.yaml).
import { defineModel } from '../../src/model/defineModel.js';
import costRatio12 from './costRatio12.js';

export default defineModel({ ...costRatio12, name: 'cost-ratio-12-by-trajectory', simulateChunk: undefined });
