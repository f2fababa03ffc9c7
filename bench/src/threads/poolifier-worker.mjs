// poolifier's worker script: one task function taking `{ kind, ms }`.
import { ThreadWorker } from 'poolifier';
import run from './jobs.mjs';

export default new ThreadWorker(run);
