// The door's ticket scanner (the business module's check-in page). Without
// JavaScript, or in a browser without BarcodeDetector, the ticket's code is
// typed into the form's field. With them, a button turns on the phone's
// back camera; the first QR code read fills the field and sends the form.
(function () {
  'use strict';

  // A ticket's QR code holds its code; a link holding one at its end reads the same.
  function code(text) {
    var match = /([0-9A-Za-z]{5}-?[0-9A-Za-z]{5})\s*$/.exec(text || '');
    return match ? match[1] : null;
  }

  function start(box) {
    var form = document.querySelector('[data-ticket-form]');
    var field = form && form.querySelector('input[name="ticket"]');
    var button = box.querySelector('[data-scan-start]');
    var video = box.querySelector('[data-scan-video]');
    var status = box.querySelector('[data-scan-status]');
    if (!form || !field || !button || !video) { return; }
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
    var detector;
    try { detector = new window.BarcodeDetector({ formats: ['qr_code'] }); } catch (e) { return; }
    var startLabel = button.textContent, stream = null, timer = null;

    function stop() {
      if (timer) { clearInterval(timer); timer = null; }
      if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); stream = null; }
      video.hidden = true;
      button.textContent = startLabel;
    }

    function look() {
      detector.detect(video).then(function (found) {
        for (var i = 0; i < found.length; i += 1) {
          var read = code(found[i].rawValue);
          if (read) {
            stop();
            field.value = read;
            form.submit();
            return;
          }
        }
      }, function () { /* the next frame may read */ });
    }

    button.addEventListener('click', function () {
      if (stream) { stop(); return; }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        button.textContent = button.dataset.stopLabel;
        status.textContent = '';
        return video.play();
      }).then(function () {
        timer = setInterval(look, 300);
      }, function () {
        stop();
        status.textContent = status.dataset.noCamera;
        field.focus();
      });
    });
    box.hidden = false;
  }

  function all() { Array.prototype.forEach.call(document.querySelectorAll('[data-ticket-scan]'), start); }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', all); } else { all(); }
})();
