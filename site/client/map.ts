import * as L from 'leaflet';

/**
 * The map of the report's where-step (loaded on that page only): an optional pin for the place of the
 * problem, set into the form's `lat` and `lng` fields. Usable by keyboard alone: the map moves with
 * the arrow keys (and zooms with + and -), a button puts the pin under the cross at its centre, and
 * the pin's position is written out in words in a live region. A click or a drag places it too.
 *
 * OpenStreetMap's tiles, as its tile usage policy asks: the attribution shown, the page's origin sent
 * as Referer (the site's referrer policy), tiles loaded only for what is on screen (no prefetching).
 * Without them (offline, blocked) the map is blank but every control still works.
 */
const box = document.querySelector<HTMLElement>('[data-map]');
const canvas = box?.querySelector<HTMLElement>('[data-map-canvas]');
const lat = document.querySelector<HTMLInputElement>('[data-map-lat]');
const lng = document.querySelector<HTMLInputElement>('[data-map-lng]');
const status = document.querySelector<HTMLElement>('[data-map-status]');

if (box && canvas && lat && lng && status) {
  const words = box.dataset;
  const number = new Intl.NumberFormat(document.documentElement.lang, {
    minimumFractionDigits: 5,
    maximumFractionDigits: 5,
  });
  const say = (text = '') => {
    status.textContent = text;
  };
  const inWords = (at: L.LatLng) =>
    (words.position ?? '').replace('{lat}', number.format(at.lat)).replace('{lng}', number.format(at.lng));

  box.hidden = false;
  const map = L.map(canvas, { zoomControl: false, worldCopyJump: true, keyboardPanDelta: 100 });
  L.control.zoom({ zoomInTitle: words.zoomIn ?? '', zoomOutTitle: words.zoomOut ?? '' }).addTo(map);
  L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
  }).addTo(map);
  // The container is the map's one tab stop: name it and say how it is used.
  canvas.setAttribute('aria-label', words.label ?? '');
  canvas.setAttribute('aria-describedby', 'map-help');
  canvas.setAttribute('role', 'application');
  canvas.append(Object.assign(document.createElement('div'), { className: 'map-picker__cross' }));

  let pin: L.Marker | undefined;
  const place = (at: L.LatLng) => {
    const where = at.wrap();
    lat.value = where.lat.toFixed(6);
    lng.value = where.lng.toFixed(6);
    if (!pin) {
      pin = L.marker(where, { draggable: true, keyboard: false, alt: words.pinLabel ?? '' }).addTo(map);
      pin.on('dragend', () => pin && place(pin.getLatLng()));
    } else {
      pin.setLatLng(where);
    }
    say((words.pinAt ?? '').replace('{position}', inWords(where)));
  };

  const start = lat.value && lng.value ? L.latLng(Number(lat.value), Number(lng.value)) : undefined;
  if (start) {
    map.setView(start, 17);
    place(start);
  } else {
    map.setView([20, 0], 2);
  }
  map.on('click', (event: L.LeafletMouseEvent) => place(event.latlng));

  box.querySelector('[data-map-drop]')?.addEventListener('click', () => place(map.getCenter()));
  box.querySelector('[data-map-remove]')?.addEventListener('click', () => {
    pin?.remove();
    pin = undefined;
    lat.value = '';
    lng.value = '';
    say(words.noPin);
  });
  const locate = box.querySelector<HTMLButtonElement>('[data-map-locate]');
  if (locate && 'geolocation' in navigator) {
    locate.addEventListener('click', () =>
      navigator.geolocation.getCurrentPosition(
        (p) => {
          map.setView([p.coords.latitude, p.coords.longitude], 17);
          say(words.located);
        },
        () => say(words.notLocated),
        { timeout: 10_000 },
      ),
    );
  } else {
    locate?.remove();
  }
}
