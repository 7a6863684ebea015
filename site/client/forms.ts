import { focusErrorSummary } from './lib/focus-error-summary.ts';

// Pages with a form: after a refused submission, the error summary is read first.
focusErrorSummary();
