import { focusErrorSummary } from './common.ts';

focusErrorSummary();
