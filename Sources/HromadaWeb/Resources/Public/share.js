// The share box (templates/share.mustache). Without JavaScript it is a link
// in a read-only field to copy by hand; with it, a button that opens the
// phone's own share sheet (the Web Share API) or, where there is none,
// copies the link and says so.
(function () {
  'use strict';

  function copy(text, field) {
    if (navigator.clipboard && window.isSecureContext) { return navigator.clipboard.writeText(text); }
    // Plain HTTP (a city's test server): the old way still works.
    field.select();
    return document.execCommand('copy') ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }

  function start(box) {
    var button = box.querySelector('[data-share-button]');
    var field = box.querySelector('input');
    var status = box.querySelector('[data-share-status]');
    if (!button || !field) { return; }
    var native = typeof navigator.share === 'function';
    button.textContent = native ? button.dataset.shareLabel : button.dataset.copyLabel;
    button.hidden = false;
    field.addEventListener('focus', function () { field.select(); });
    button.addEventListener('click', function () {
      var url = box.dataset.url;
      if (native) {
        navigator.share({ title: box.dataset.title, text: box.dataset.text, url: url }).catch(function () { /* closed by the reader */ });
        return;
      }
      copy(url, field).then(function () { status.textContent = button.dataset.copied; }, function () { field.select(); });
    });
  }

  function all() { Array.prototype.forEach.call(document.querySelectorAll('[data-share]'), start); }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', all); } else { all(); }
})();
