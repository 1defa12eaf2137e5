// The demo's "Try the API" panel: publishes an image post and lists an account's media through PlugKit's
// Graph API proxy (/v1/accounts/{id}/instagram/…), showing each call's curl equivalent. PlugKit adds the
// account's token; the page never sees it. Text from the API only ever goes in with textContent.
'use strict';
(function () {
  var accounts = [];

  function $(id) { return document.getElementById(id); }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function demo() { return window.plugkitDemo; }

  function shellQuote(text) { return "'" + String(text).replace(/'/g, "'\\''") + "'"; }

  function curlFor(method, path, body) {
    var url = new URL(demo().apiBase() + path, location.href).href;
    var line = 'curl -s' + (method === 'GET' ? '' : ' -X ' + method) + ' ' + shellQuote(url)
      + ' -H "Authorization: Bearer $PLUGKIT_KEY"';
    if (body !== undefined) {
      line += " -H 'Content-Type: application/json' -d " + shellQuote(JSON.stringify(body));
    }
    return line;
  }

  // One proxied call: shown in the panel with its curl line, sent (and logged) through the page's api().
  function call(method, path, body) {
    var item = el('li');
    item.appendChild(el('code', curlFor(method, path, body)));
    $('try-curl').appendChild(item);
    return demo().api(method, path, body);
  }

  function selected() {
    var id = $('try-account').value;
    for (var i = 0; i < accounts.length; i++) { if (accounts[i].id === id) { return accounts[i]; } }
    return null;
  }

  function graph(account) { return '/v1/accounts/' + encodeURIComponent(account.id) + '/instagram'; }

  // Instagram's publishing pair: a media container for the image, its status, then media_publish.
  function publish() {
    var account = selected();
    if (!account) { return; }
    $('try-curl').textContent = '';
    var base = graph(account);
    var user = '/' + encodeURIComponent(account.externalId);
    var post = { image_url: $('try-image-url').value.trim(), caption: $('try-caption').value };
    call('POST', base + user + '/media', post).then(function (container) {
      return call('GET', base + '/' + encodeURIComponent(container.id) + '?fields=status_code').then(function (s) {
        if (s.status_code !== 'FINISHED') { throw new Error('the container is ' + s.status_code); }
        return call('POST', base + user + '/media_publish', { creation_id: container.id });
      });
    }).then(function (published) {
      demo().notice('Published media ' + published.id + ' on @' + account.username + '.');
      return listMedia(false);
    }).catch(function (e) { demo().notice('Not published: ' + e.message, true); });
  }

  function listMedia(fresh) {
    var account = selected();
    if (!account) { return Promise.resolve(); }
    if (fresh) { $('try-curl').textContent = ''; }
    return call('GET', graph(account) + '/me/media?fields=id,caption,media_type,timestamp').then(function (page) {
      var list = $('try-media');
      list.textContent = '';
      (page.data || []).forEach(function (m) {
        var item = el('li');
        item.dataset.mediaId = m.id;
        item.appendChild(el('strong', m.caption || '(no caption)'));
        item.appendChild(el('span', ' · ' + (m.media_type || '') + ' · ' + m.id + (m.timestamp ? ' · ' + m.timestamp : '')));
        list.appendChild(item);
      });
    }).catch(function (e) { demo().notice('Could not list media: ' + e.message, true); });
  }

  document.addEventListener('plugkit:accounts', function (event) {
    var previous = $('try-account').value;
    accounts = event.detail.filter(function (a) { return a.status === 'active' && a.platform === 'instagram'; });
    var select = $('try-account');
    select.textContent = '';
    accounts.forEach(function (a) {
      var option = el('option', '@' + a.username + ' (' + a.id + ')');
      option.value = a.id;
      select.appendChild(option);
    });
    if (previous) { select.value = previous; }
    $('try-api').hidden = accounts.length === 0;
    $('try-none').hidden = accounts.length > 0;
  });

  // A public image for the first try; Instagram fetches the image itself, so it must be a public http(s) URL.
  if (!$('try-image-url').value) { $('try-image-url').value = 'https://picsum.photos/seed/plugkit/640'; }
  $('try-publish').addEventListener('click', publish);
  $('try-list-media').addEventListener('click', function () { listMedia(true); });
}());
