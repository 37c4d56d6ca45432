// Herd's small progressive script. Every page works without it; it only adds conveniences.
// Loaded from this site only (the Content-Security-Policy forbids inline scripts).
(function () {
  'use strict';
  // Dates are rendered as ISO days on the server; show them in the reader's locale and zone.
  var format = window.Intl && new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  if (!format) return;
  document.querySelectorAll('time[datetime]').forEach(function (el) {
    var d = new Date(el.getAttribute('datetime'));
    if (!isNaN(d.getTime())) el.textContent = format.format(d);
  });
}());
