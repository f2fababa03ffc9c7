// workerpool's worker script: registers the benchmark jobs.
import workerpool from 'workerpool';
import { cpu, empty } from './jobs.mjs';

workerpool.worker({ cpu, empty });
