/** Shared by the page scripts. */

/** After a refused form, move focus to the error summary so a screen reader reads it first (GOV.UK pattern). */
export function focusErrorSummary(): void {
  const summary = document.querySelector<HTMLElement>('[data-error-summary]');
  summary?.focus();
}
