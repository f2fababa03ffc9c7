/**
 * The one line that turns on the deadlock report: `import '@csp/channel/deadlock';`
 * (see `enableDeadlockReport`).
 *
 * @module
 */
import { enableDeadlockReport } from './deadlock-report.js';

enableDeadlockReport();
