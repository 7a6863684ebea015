import { focusErrorSummary } from './lib/focus-error-summary.ts';

/**
 * The console's and the committee's pages work without this script. It only reads the error summary
 * first after a refused form, and keeps an open vote's tally current: the page is fetched again (one
 * render, one API call) and its tally region swapped in, until the vote closes or the tab is hidden.
 */
focusErrorSummary();

const REFRESH_MS = 5000;

function watchTally(): void {
  const region = document.querySelector<HTMLElement>('[data-live="tally"]');
  if (!region) return;
  let timer: number | undefined;
  const refresh = async () => {
    timer = undefined;
    if (document.hidden) return;
    region.setAttribute('aria-busy', 'true');
    try {
      const answer = await fetch(location.href, {
        credentials: 'same-origin',
        headers: { accept: 'text/html' },
      });
      if (!answer.ok) return;
      const next = new DOMParser()
        .parseFromString(await answer.text(), 'text/html')
        .querySelector<HTMLElement>('.console-live');
      if (!next) return;
      if (next.innerHTML !== region.innerHTML) region.innerHTML = next.innerHTML;
      if (next.dataset.live === 'tally') timer = window.setTimeout(refresh, REFRESH_MS);
      else region.dataset.live = '';
    } catch {
      // Offline or signed out: the page as it is stays, and a reload shows the rest.
    } finally {
      region.removeAttribute('aria-busy');
    }
  };
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && timer === undefined && region.dataset.live === 'tally') void refresh();
  });
  timer = window.setTimeout(refresh, REFRESH_MS);
}

watchTally();
