// Human text for the codes PlugKit answers with (connect errors on the callback, account status reasons),
// so the home page never shows a bare code. The code stays in brackets: it is what a log or a support
// request names. Unknown codes (new ones, other platforms) are shown as they are.
'use strict';
window.PlugKitDemoText = (function () {
  var CONNECT_ERRORS = {
    access_denied: 'Access was not granted on Instagram (Cancel was pressed), so nothing was connected.',
    authorization_failed: 'Instagram did not authorize the connection.',
    state_missing: 'The link back from Instagram was incomplete. Start connecting again.',
    state_unknown: 'The link back from Instagram was not valid. Start connecting again.',
    state_already_used: 'This connection link was already used.',
    state_expired: 'The connection link expired before Instagram sent the person back. Start again.',
    code_missing: 'Instagram sent no authorization code. Try again.',
    not_professional_account: 'Only Instagram business and creator accounts can be connected.',
    instagram_rejected: 'Instagram refused the connection (the app or the token was rejected). Try again.',
    instagram_unavailable: 'Instagram could not be reached. Try again later.',
    instagram_bad_response: 'Instagram sent an answer PlugKit could not read. Try again later.',
    storage_unavailable: 'The connection could not be saved: the database did not answer.',
    internal_error: 'Something went wrong on the server, so nothing was connected.'
  };
  var STATUS_REASONS = {
    deauthorized: 'The app was removed on Instagram by the account\u2019s owner.',
    token_expired: 'The token expired before it could be refreshed.',
    token_invalid: 'Instagram no longer accepts the token.',
    password_changed: 'The owner changed the Instagram password.',
    permission_removed: 'The owner removed a permission the app needs.',
    token_unreadable: 'The stored token could not be decrypted (wrong or missing encryption key).',
    instagram_rejected: 'Instagram rejected the token.'
  };

  function withCode(text, code) { return text ? text + ' (' + code + ')' : code; }

  return {
    connectError: function (code) { return withCode(CONNECT_ERRORS[code], code); },
    statusReason: function (code) { return withCode(STATUS_REASONS[code], code); },
    // An API error answer: its message is already meant for people.
    apiError: function (error) { return withCode(error.message, error.code); }
  };
}());
