// The campaign page's progress, kept current while a campaign is underway: every five seconds the page is fetched
// again and its progress region replaced; a button stops and restarts this (WCAG 2.2.2). Without JavaScript the page
// works the same with its reload link. Loaded from this origin only (the console's CSP allows no inline script).
(function () {
  'use strict';
  var region = document.getElementById('progress');
  if (!region || region.getAttribute('data-underway') !== 'true' || !window.fetch || !window.DOMParser) {
    return;
  }
  var lang = document.documentElement.lang === 'en' ? 'en' : 'de';
  var labels = lang === 'en'
    ? { stop: 'Stop updating automatically', start: 'Update automatically' }
    : { stop: 'Automatische Aktualisierung anhalten', start: 'Automatisch aktualisieren' };
  var state = region.getAttribute('data-state');
  var running = true;
  var timer = null;
  var toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.textContent = labels.stop;
  region.parentNode.insertBefore(toggle, region.nextSibling);

  function schedule() {
    timer = running ? window.setTimeout(update, 5000) : null;
  }

  function update() {
    window.fetch(window.location.pathname, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (answer) {
        if (!answer.ok || answer.redirected) {
          throw new Error('not updated');
        }
        return answer.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('progress');
        if (!fresh) {
          throw new Error('not updated');
        }
        if (fresh.getAttribute('data-state') !== state) {
          // A new state brings other steps: the whole page, as the server renders it now.
          window.location.replace(window.location.pathname);
          return;
        }
        region.innerHTML = fresh.innerHTML;
        schedule();
      })
      .catch(function () {
        running = false;
        toggle.textContent = labels.start;
      });
  }

  toggle.addEventListener('click', function () {
    running = !running;
    toggle.textContent = running ? labels.stop : labels.start;
    if (running) {
      update();
    }
    else if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
  });
  schedule();
})();
