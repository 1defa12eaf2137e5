// PlugKit demo home page: plain JavaScript, no build step, no third-party code. Every action is a call to
// PlugKit's public API (logged below the page with its curl equivalent). Text from the API is only ever put
// into the page with textContent, never as HTML.
'use strict';
(function () {
  var state = { key: '', keySource: '', apiBase: '', publicOrigin: '', sandbox: false, popup: null, profiles: {},
    sandboxAppsOpened: false };

  function $(id) { return document.getElementById(id); }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function notice(text, isError) {
    var n = $('notice');
    n.textContent = text;
    n.className = isError ? 'notice error' : 'notice';
    n.hidden = false;
  }

  function shellQuote(text) { return "'" + String(text).replace(/'/g, "'\\''") + "'"; }

  function curlFor(method, url, body) {
    var line = 'curl -s';
    if (method !== 'GET') { line += ' -X ' + method; }
    line += ' ' + shellQuote(url) + ' -H "Authorization: Bearer $PLUGKIT_KEY"';
    if (body !== undefined) {
      line += " -H 'Content-Type: application/json' -d " + shellQuote(JSON.stringify(body));
    }
    return line;
  }

  function logCall(method, url, status, millis, body) {
    var item = el('li');
    var ok = typeof status === 'number' && status < 400;
    item.appendChild(el('strong', method + ' ' + new URL(url).pathname + new URL(url).search + ' '));
    item.appendChild(el('span', String(status) + ' · ' + millis + ' ms', ok ? 'ok' : 'fail'));
    item.appendChild(el('code', curlFor(method, url, body)));
    var log = $('log');
    log.insertBefore(item, log.firstChild);
    while (log.children.length > 50) { log.removeChild(log.lastChild); }
  }

  function api(method, path, body) {
    var url = new URL(state.apiBase + path, location.href).href;
    var headers = { 'Authorization': 'Bearer ' + state.key };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    var started = performance.now();
    return fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (res) {
        return res.text().then(function (text) {
          logCall(method, url, res.status, Math.round(performance.now() - started), body);
          var data = null;
          if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
          if (!res.ok) {
            var message = data && data.error ? window.PlugKitDemoText.apiError(data.error) : 'HTTP ' + res.status;
            throw new Error(message);
          }
          return data;
        });
      }, function (error) {
        logCall(method, url, 'network error', Math.round(performance.now() - started), body);
        throw error;
      });
  }

  // source: 'offered' (the demo filled it in) or 'pasted'; the hint says which, also after a reload.
  function useKey(key, source) {
    state.key = key.trim();
    state.keySource = source;
    sessionStorage.setItem('plugkit-demo-key', state.key);
    sessionStorage.setItem('plugkit-demo-key-source', source);
    // Profiles first: the accounts table names each account's profile, never its raw id.
    return loadProfiles().then(loadAccounts).then(function () {
      $('key-hint').textContent = source === 'offered'
        ? 'Filled in with the key this demo created at its first start (offered only to a browser on this machine).'
        : 'Using the key you pasted.';
    }).catch(function (e) { notice('That key did not work: ' + e.message, true); });
  }

  function onUseKeyClick() {
    var typed = $('api-key').value.trim();
    // Pressing "Use key" on the key the demo filled in does not make it a pasted one.
    useKey(typed, typed === state.key && state.keySource === 'offered' ? 'offered' : 'pasted');
  }

  function loadProfiles(selectId) {
    return api('GET', '/v1/profiles?limit=100').then(function (page) {
      var select = $('profile');
      select.textContent = '';
      state.profiles = {};
      page.data.forEach(function (p) {
        state.profiles[p.id] = p.name;
        var option = el('option', p.name + ' (' + p.id + ')');
        option.value = p.id;
        select.appendChild(option);
      });
      if (selectId) { select.value = selectId; }
      $('connect').disabled = page.data.length === 0;
    });
  }

  function formatExpiry(iso) {
    if (!iso) { return '—'; }
    var when = new Date(iso);
    var days = Math.round((when.getTime() - Date.now()) / 86400000);
    return when.toISOString().slice(0, 10) + ' (in ' + days + ' days)';
  }

  function formatWhen(iso, none) {
    if (!iso) { return none; }
    return new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function loadAccounts() {
    return api('GET', '/v1/accounts?limit=100').then(function (page) {
      var body = $('accounts').querySelector('tbody');
      body.textContent = '';
      page.data.forEach(function (a) {
        var row = el('tr');
        row.dataset.accountId = a.id;
        var pic = el('td');
        if (a.profilePictureUrl) {
          var img = el('img');
          img.alt = '';
          img.src = a.profilePictureUrl;
          pic.appendChild(img);
        }
        row.appendChild(pic);
        var name = el('td');
        name.appendChild(el('strong', '@' + a.username, 'username'));
        name.appendChild(el('div', a.displayName || '', 'small'));
        row.appendChild(name);
        row.appendChild(el('td', a.accountType === 'MEDIA_CREATOR' ? 'Creator' : 'Business'));
        row.appendChild(el('td', state.profiles[a.profileId] || 'another profile', 'profile-name'));
        var status = el('td');
        status.appendChild(el('span', a.status, 'status status-' + a.status));
        if (a.statusReason) {
          status.appendChild(el('div', window.PlugKitDemoText.statusReason(a.statusReason), 'small status-reason'));
        }
        row.appendChild(status);
        row.appendChild(el('td', formatExpiry(a.tokenExpiresAt), 'expiry'));
        row.appendChild(el('td', formatWhen(a.lastRefreshedAt, 'never'), 'last-refreshed'));
        var actions = el('td', null, 'actions');
        actions.appendChild(button('Refresh token', 'refresh', function () { refresh(a); }));
        actions.appendChild(button('Disconnect', 'disconnect', function () { disconnect(a); }));
        row.appendChild(actions);
        body.appendChild(row);
      });
      $('no-accounts').hidden = page.data.length > 0;
      // The "Try the API" panel (try-api.js) lists the same accounts.
      document.dispatchEvent(new CustomEvent('plugkit:accounts', { detail: page.data }));
    });
  }

  function button(text, className, onClick) {
    var b = el('button', text, className);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function refresh(account) {
    api('POST', '/v1/accounts/' + encodeURIComponent(account.id) + '/refresh').then(function (updated) {
      notice('@' + account.username + ': ' + (updated.status === 'active'
        ? 'token refreshed, now expires ' + formatExpiry(updated.tokenExpiresAt) + '.'
        : 'Instagram refused the token, the account is ' + updated.status + '.'), updated.status !== 'active');
      return loadAccounts();
    }).catch(function (e) { notice('Not refreshed: ' + e.message, true); });
  }

  function reloadAccounts() {
    if (!state.key) { return; }
    loadAccounts().catch(function (e) { notice('Could not list accounts: ' + e.message, true); });
  }

  function disconnect(account) {
    api('DELETE', '/v1/accounts/' + encodeURIComponent(account.id)).then(function () {
      notice('@' + account.username + ' was disconnected.');
      return loadAccounts();
    }).catch(function (e) { notice('Could not disconnect: ' + e.message, true); });
  }

  function createProfile() {
    var name = $('profile-name').value.trim() || 'My first customer';
    api('POST', '/v1/profiles', { name: name }).then(function (profile) {
      notice('Profile "' + profile.name + '" created. Now press Connect Instagram.');
      return loadProfiles(profile.id);
    }).catch(function (e) { notice('Could not create the profile: ' + e.message, true); });
  }

  function connect() {
    // The popup is opened now, while the click still counts as the person's gesture, and sent to the
    // authorization URL once PlugKit has made it: popup blockers let this through.
    if (state.popup && !state.popup.closed) { state.popup.close(); }
    var popup = window.open('', 'plugkit-connect', 'popup,width=540,height=780');
    state.popup = popup;
    var profileId = $('profile').value;
    api('GET', '/v1/connect/instagram?profileId=' + encodeURIComponent(profileId)).then(function (start) {
      // connect-status.js follows this connect's status (GET /v1/connect/sessions/{sessionId})
      document.dispatchEvent(new CustomEvent('plugkit-demo:connect-started', { detail: {
        sessionId: start.sessionId, key: state.key,
        statusUrl: new URL(state.apiBase + '/v1/connect/sessions/' + encodeURIComponent(start.sessionId),
          location.href).href } }));
      if (popup && !popup.closed) {
        popup.location.href = start.authUrl;
        notice('Waiting for the popup… approve there.');
      } else {
        notice('The popup was blocked: allow popups for this page, or open the authorization URL from the log.', true);
      }
    }).catch(function (e) {
      if (popup) { popup.close(); }
      notice('Could not start connecting: ' + e.message, true);
    });
  }

  function onMessage(event) {
    if (event.origin !== location.origin && event.origin !== state.publicOrigin) { return; }
    var data = event.data;
    if (!data || typeof data.type !== 'string') { return; }
    if (data.type === 'plugkit:connected') {
      notice('@' + data.username + ' is connected.');
    } else if (data.type === 'plugkit:error') {
      notice('Not connected: ' + window.PlugKitDemoText.connectError(data.error), true);
    } else {
      return;
    }
    // The popup shows PlugKit's result page for a moment, then closes by itself.
    var popup = state.popup;
    setTimeout(function () { if (popup && !popup.closed) { popup.close(); } }, 1500);
    loadAccounts().catch(function (e) { notice('Could not list accounts: ' + e.message, true); });
  }

  function start() {
    $('use-key').addEventListener('click', onUseKeyClick);
    $('create-profile').addEventListener('click', createProfile);
    $('connect').addEventListener('click', connect);
    $('reload-accounts').addEventListener('click', reloadAccounts);
    $('sandbox-apps').addEventListener('click', function () { state.sandboxAppsOpened = true; });
    // After playing Meta in the sandbox's tab, coming back shows what the callbacks did.
    window.addEventListener('focus', function () { if (state.sandboxAppsOpened) { reloadAccounts(); } });
    window.addEventListener('message', onMessage);
    fetch('demo/session', { cache: 'no-store' }).then(function (res) { return res.json(); }).then(function (session) {
      state.apiBase = session.apiBase;
      state.publicOrigin = session.publicOrigin;
      state.sandbox = session.sandbox;
      state.webhookReceiverUrl = session.webhookReceiverUrl;
      $('mode').textContent = session.sandbox ? 'Sandbox mode' : 'Instagram';
      $('mode').className = session.sandbox ? 'badge sandbox' : 'badge live';
      $('sandbox-hint').hidden = !session.sandbox;
      if (session.sandbox) {
        $('sandbox-apps').href = new URL(state.apiBase + '/sandbox/instagram/apps', location.href).href;
        $('sandbox-apps').hidden = false;
      }
      var saved = sessionStorage.getItem('plugkit-demo-key');
      if (session.apiKey) {
        $('api-key').value = session.apiKey;
        return useKey(session.apiKey, 'offered');
      }
      if (saved) {
        $('api-key').value = saved;
        return useKey(saved, sessionStorage.getItem('plugkit-demo-key-source') === 'offered' ? 'offered' : 'pasted');
      }
      return null;
    }).catch(function (e) { notice('The demo did not answer: ' + e.message, true); });
  }

  // What the "Try the API" panel (try-api.js) uses: the same logged API calls and notices.
  window.plugkitDemo = { api: api, notice: notice, apiBase: function () { return state.apiBase; },
    webhookReceiverUrl: function () { return state.webhookReceiverUrl; } };
  start();
}());
