/** Buffered SPSC: capacity 128 (see `spsc.ts`). @module */
import { spsc } from './spsc.js';

export default spsc(128);
