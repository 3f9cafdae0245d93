// tthc-hub console: the only behaviour shared by every page (the Content-Security-Policy allows no inline script).
(function () {
  'use strict';
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }
  // htmx requests that change state carry the CSRF token like the forms do
  document.addEventListener('htmx:configRequest', function (e) {
    var header = meta('_csrf_header'), token = meta('_csrf');
    if (header && token) { e.detail.headers[header] = token; }
  });
  // <form data-confirm="…">: asks before submitting (discard, bulk replay, import…)
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      e.preventDefault();
    }
  }, true);
  // <select data-autosubmit>: submits its form when changed
  document.addEventListener('change', function (e) {
    var el = e.target;
    if (el && el.dataset && el.dataset.autosubmit !== undefined && el.form) { el.form.submit(); }
  });
  // <time data-local datetime="…">: shown in the browser's time zone (the server writes UTC)
  function localTimes(root) {
    (root || document).querySelectorAll('time[data-local]').forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (!isNaN(d)) { t.textContent = d.toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN'); }
    });
  }
  document.addEventListener('DOMContentLoaded', function () { localTimes(document); });
  document.addEventListener('htmx:afterSettle', function (e) { localTimes(e.target); });
})();
