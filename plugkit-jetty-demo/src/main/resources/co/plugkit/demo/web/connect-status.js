// The connect status panel of the demo: after "Connect Instagram", it asks PlugKit's
// GET /v1/connect/sessions/{sessionId} every two seconds (and when the page gets the focus back) until the
// connect is no longer pending, and shows the outcome with its hint. This is how an app learns that a
// connect went nowhere — say, Instagram showed "Insufficient Developer Role" and never came back.
// app.js announces each connect with a 'plugkit-demo:connect-started' event. Text from the API is only
// ever put into the page with textContent.
'use strict';
(function () {
  var POLL_MILLIS = 2000;
  var current = null;

  function $(id) { return document.getElementById(id); }

  function show(status, expiresAt, detail, hint) {
    var panel = $('connect-status');
    panel.hidden = false;
    panel.className = 'connect-status connect-' + status;
    $('connect-status-state').textContent = status;
    $('connect-status-detail').textContent = detail;
    $('connect-status-hint').textContent = hint || '';
    $('connect-status-hint').hidden = !hint;
    $('connect-status-expiry').textContent = expiresAt
      ? 'Expires ' + new Date(expiresAt).toLocaleTimeString() : '';
  }

  function render(s) {
    if (s.status === 'pending') {
      show('pending', s.expiresAt, 'Waiting for the person to finish on Instagram…', '');
    } else if (s.status === 'connected') {
      show('connected', null, 'Connected: account ' + s.accountId + '.', '');
    } else {
      show(s.status, null, s.code + ': ' + s.message, s.hint);
      if (s.status === 'expired') {
        // no callback ever came, so app.js's "Waiting for the popup" would otherwise stay
        var notice = $('notice');
        notice.textContent = 'Not connected: the connect expired (' + s.code + ') — see the connect status.';
        notice.className = 'notice error';
        notice.hidden = false;
      }
    }
  }

  function poll(watch) {
    if (watch !== current) { return; }
    fetch(watch.statusUrl, { headers: { 'Authorization': 'Bearer ' + watch.key }, cache: 'no-store' })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (answer) {
        if (watch !== current) { return; }
        if (!answer.ok) {
          show('unknown', null, answer.body && answer.body.error ? answer.body.error.code : 'error', '');
          return;
        }
        render(answer.body);
        if (answer.body.status === 'pending') {
          watch.timer = setTimeout(function () { poll(watch); }, POLL_MILLIS);
        }
      })
      .catch(function () {
        if (watch === current) { watch.timer = setTimeout(function () { poll(watch); }, POLL_MILLIS * 2); }
      });
  }

  document.addEventListener('plugkit-demo:connect-started', function (event) {
    if (current && current.timer) { clearTimeout(current.timer); }
    current = { statusUrl: event.detail.statusUrl, key: event.detail.key, timer: null };
    $('connect-status-session').textContent = event.detail.sessionId;
    poll(current);
  });

  window.addEventListener('focus', function () {
    if (current && current.timer) {
      clearTimeout(current.timer);
      poll(current);
    }
  });
}());
