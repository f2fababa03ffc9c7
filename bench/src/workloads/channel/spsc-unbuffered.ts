/** Unbuffered SPSC (see `spsc.ts`). @module */
import { spsc } from './spsc.js';

export default spsc(0);
