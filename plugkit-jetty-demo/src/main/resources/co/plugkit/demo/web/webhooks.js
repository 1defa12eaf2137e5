// The demo's webhooks panel: registers the demo's own receiver as a webhook endpoint (POST
// /v1/webhook-endpoints, with the page's API key, logged like every call) and hands the endpoint's secret to
// the receiver, which checks each delivery with the Standard Webhooks library; then lists what arrived,
// newest first. The secret is never put in the page. Text from deliveries only ever goes in with textContent.
'use strict';
(function () {
  var POLL_MILLIS = 2000;
  var shown = '';

  function $(id) { return document.getElementById(id); }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function demo() { return window.plugkitDemo; }

  function register() {
    var url = demo().webhookReceiverUrl();
    demo().api('POST', '/v1/webhook-endpoints', { url: url }).then(function (endpoint) {
      // The secret goes to the demo's receiver only; a JSON body, from this origin.
      return fetch('demo/webhooks/secret', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ secret: endpoint.secret }) }).then(function (res) {
        if (!res.ok) { throw new Error('the receiver did not take the secret (HTTP ' + res.status + ')'); }
        $('webhook-endpoint').textContent = 'Endpoint ' + endpoint.id + ' → ' + endpoint.url;
        demo().notice('Registered ' + endpoint.id + ': PlugKit now sends every event to this demo.');
      });
    }).catch(function (e) { demo().notice('Not registered: ' + e.message, true); });
  }

  function show(events) {
    // Rebuilt only when something arrived, so an opened body stays open between polls.
    var latest = events.length + ' ' + (events.length ? events[0].webhookId + events[0].receivedAt : '');
    if (latest === shown) { return; }
    shown = latest;
    var list = $('webhook-events');
    list.textContent = '';
    events.forEach(function (e) {
      var item = el('li');
      item.dataset.webhookId = e.webhookId;
      item.dataset.type = e.type;
      item.appendChild(el('strong', e.type || '(no type)', 'event-type'));
      item.appendChild(el('span', ' · ' + e.receivedAt.replace('T', ' ').slice(0, 19) + ' UTC · ' + e.webhookId,
        'small'));
      item.appendChild(el('span', e.verified ? 'signature valid' : 'signature ' + e.check,
        'check ' + (e.verified ? 'ok' : 'fail')));
      var details = el('details');
      details.appendChild(el('summary', 'body', 'small'));
      var pretty = e.body;
      try { pretty = JSON.stringify(JSON.parse(e.body), null, 2); } catch (ignored) { pretty = e.body; }
      details.appendChild(el('pre', pretty));
      item.appendChild(details);
      list.appendChild(item);
    });
    $('no-webhook-events').hidden = events.length > 0;
  }

  function poll() {
    fetch('demo/webhooks/events', { cache: 'no-store' }).then(function (res) { return res.json(); })
      .then(function (page) { show(page.data); })
      .catch(function () { /* the demo stopped, or is restarting: the next poll tries again */ })
      .then(function () { setTimeout(poll, POLL_MILLIS); });
  }

  $('register-webhooks').addEventListener('click', register);
  poll();
}());
