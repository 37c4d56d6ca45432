// Herd's small progressive script. Pages are rendered on the server and read without it; when
// signed in, it sends the forms and buttons marked for the API with the session's token, and
// offers new posts as the streaming API announces them. Loaded from this site only: the
// Content-Security-Policy forbids inline scripts.
(function () {
  'use strict';

  var meta = function (name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  };
  var token = meta('herd-token');

  // Dates are rendered as ISO days on the server; show them in the reader's locale and zone.
  if (window.Intl) {
    var format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    document.querySelectorAll('time[datetime]').forEach(function (el) {
      var d = new Date(el.getAttribute('datetime'));
      if (!isNaN(d.getTime())) el.textContent = format.format(d);
    });
  }

  function api(method, url, body, contentType) {
    var headers = { Authorization: 'Bearer ' + token, Accept: 'application/json' };
    if (contentType) headers['Content-Type'] = contentType;
    if (method === 'POST' && url === '/api/v1/statuses') headers['Idempotency-Key'] = String(Date.now()) + Math.random();
    return fetch(url, { method: method, headers: headers, body: body, credentials: 'omit' }).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!r.ok) throw new Error((json && json.error) || ('The server answered ' + r.status));
        return json;
      });
    });
  }

  function showError(form, message) {
    var box = form.querySelector('.form-error');
    if (!box) { window.alert(message); return; }
    box.textContent = message;
    box.hidden = false;
  }

  function busy(form, on) {
    form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = on; });
    form.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function after(form) {
    var then = form.getAttribute('data-then');
    if (then) window.location.assign(then); else window.location.reload();
  }

  // Compose: upload the media (with its description) first, then post with its id.
  function compose(form) {
    var data = new FormData(form);
    var file = form.querySelector('input[type=file]');
    var upload = Promise.resolve(null);
    if (file && file.files.length) {
      var media = new FormData();
      media.append('file', file.files[0]);
      media.append('description', data.get('description') || '');
      upload = api('POST', '/api/v2/media', media);
    }
    return upload.then(function (attachment) {
      var post = new URLSearchParams();
      ['status', 'spoiler_text', 'visibility', 'in_reply_to_id'].forEach(function (k) {
        if (data.get(k)) post.append(k, data.get(k));
      });
      if (attachment) post.append('media_ids[]', attachment.id);
      var options = data.getAll('poll_option').filter(function (o) { return o.trim() !== ''; });
      if (options.length >= 2) {
        options.forEach(function (o) { post.append('poll[options][]', o); });
        post.append('poll[expires_in]', data.get('poll_expires_in') || '86400');
      }
      return api('POST', '/api/v1/statuses', post);
    });
  }

  // Any other API form: data-api is the URL, data-method the verb; files go multipart.
  function send(form) {
    var method = form.getAttribute('data-method') || 'POST';
    var url = form.getAttribute('data-api');
    if (form.hasAttribute('data-json')) return api(method, url, JSON.stringify(asJson(form)), 'application/json');
    var data = new FormData(form);
    data.delete('authenticity_token');
    // a file input left empty means "keep what is there", not "an empty file"
    form.querySelectorAll('input[type=file]').forEach(function (f) { if (!f.files.length) data.delete(f.name); });
    var multipart = form.querySelector('input[type=file]') !== null;
    return api(method, url, multipart ? data : new URLSearchParams(data));
  }

  // data-json forms (plugin configuration): typed values, one list item per line for data-multi.
  function asJson(form) {
    var out = {};
    form.querySelectorAll('input[name], textarea[name], select[name]').forEach(function (el) {
      if (el.name === 'authenticity_token') return;
      var type = el.getAttribute('data-type') || 'String';
      var convert = function (v) {
        if (type === 'Integer' || type === 'Long' || type === 'Double' || type === 'Float') return Number(v);
        if (type === 'Boolean') return v === true || v === 'true';
        return v;
      };
      if (el.hasAttribute('data-multi')) {
        out[el.name] = el.value.split('\n').map(function (v) { return v.trim(); }).filter(Boolean).map(convert);
      } else if (el.type === 'checkbox') {
        out[el.name] = el.checked;
      } else if (el.value !== '') {
        out[el.name] = convert(el.value);
      }
    });
    return out;
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!token || !(form.hasAttribute('data-compose') || form.hasAttribute('data-api'))) return;
    e.preventDefault();
    var confirmText = form.getAttribute('data-confirm');
    if (confirmText && !window.confirm(confirmText)) return;
    busy(form, true);
    (form.hasAttribute('data-compose') ? compose(form) : send(form))
      .then(function () { after(form); })
      .catch(function (err) { busy(form, false); showError(form, err.message); });
  });

  // Toggle buttons (favourite, boost, bookmark, follow): aria-pressed says the state.
  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('button[data-toggle], button[data-api]') : null;
    if (!b || !token) return;
    e.preventDefault();
    if (b.hasAttribute('data-api')) {
      var confirmText = b.getAttribute('data-confirm');
      if (confirmText && !window.confirm(confirmText)) return;
      b.disabled = true;
      api(b.getAttribute('data-method') || 'POST', b.getAttribute('data-api'))
        .then(function () { window.location.reload(); })
        .catch(function (err) { b.disabled = false; window.alert(err.message); });
      return;
    }
    var pressed = b.getAttribute('aria-pressed') === 'true';
    b.disabled = true;
    api('POST', pressed ? b.getAttribute('data-undo') : b.getAttribute('data-toggle'))
      .then(function () { b.setAttribute('aria-pressed', pressed ? 'false' : 'true'); })
      .catch(function (err) { window.alert(err.message); })
      .then(function () { b.disabled = false; });
  });

  // Live updates: the streaming API announces new posts and notifications; offer to show them.
  var stream = meta('herd-stream');
  var offer = document.querySelector('.new-posts');
  if (token && stream && offer && window.WebSocket) {
    var proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    var events = stream.indexOf('notification') >= 0 ? ['notification'] : ['update'];
    var parts = stream.split('&tag='); // e.g. "public:local", or "hashtag&tag=cats"
    var socket = new WebSocket(proto + '//' + window.location.host + '/api/v1/streaming?stream=' + encodeURIComponent(parts[0])
      + (parts[1] ? '&tag=' + encodeURIComponent(parts[1]) : '') + '&access_token=' + encodeURIComponent(token));
    var count = 0;
    socket.addEventListener('message', function (m) {
      var event;
      try { event = JSON.parse(m.data).event; } catch (err) { return; }
      if (events.indexOf(event) < 0) return;
      count += 1;
      offer.textContent = offer.textContent.replace(/^[^:]*:/, count + ' new:');
      offer.hidden = false;
    });
    offer.addEventListener('click', function () { window.location.reload(); });
  }

  // Theme preview in the admin settings: the chosen theme's stylesheet replaces the page's own.
  var preview = document.querySelector('select[data-preview-theme]');
  if (preview) {
    preview.addEventListener('change', function () {
      var link = document.querySelector('link[data-theme-css]');
      var option = preview.options[preview.selectedIndex];
      if (link && option.getAttribute('data-css')) link.setAttribute('href', option.getAttribute('data-css'));
      document.documentElement.setAttribute('data-theme', preview.value);
    });
  }
}());
