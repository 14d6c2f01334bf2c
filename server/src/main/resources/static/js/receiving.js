// The receiving scan screen. A keyboard-wedge scanner types a code and Enter, and may fire the next
// code before the answer to the first is back. So every Enter becomes one queued scan, with its own
// Idempotency-Key, and the queue posts them through htmx one at a time: nothing typed meanwhile is
// lost or sent twice, and a scan resent after a network failure carries its first key, so the
// server answers it once. The field is emptied at once and keeps the focus throughout.
//
// The Qty field beside it (counted goods) belongs to the next scan only: it is read and emptied when
// that scan is queued. A person typing a Qty keeps the focus there until Enter, which hands it back
// to the scan field; a scanner fired into the Qty by mistake is taken as the scan it is.
(function () {
  'use strict';

  // Receiving's scan form, and putaway's (data-scan-queue), which shares this queue and focus keeping.
  var form = document.querySelector('form[data-receiving-scan], form[data-scan-queue]');
  if (!form || !window.htmx || !window.crypto || !window.crypto.getRandomValues) {
    return; // the form still works as a plain POST, with the key the server rendered
  }
  var field = form.querySelector('input[name=scan]');
  var key = form.querySelector('input[data-key]');
  var qty = form.querySelector('input[data-quantity]');
  var RETRIES = 5;
  var queue = [];
  var sending = false;
  var current = null; // the scan being sent

  // A random (version 4) UUID. crypto.randomUUID exists only on https or localhost; handhelds on the
  // warehouse network often reach the server over plain http.
  function newKey() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).substring(1); }).join('');
    return 'ui-' + h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-' + h.substring(16, 20) + '-' + h.substring(20);
  }

  function refocus() {
    if (document.activeElement !== field) {
      field.focus();
    }
  }

  // After an answer: back to the scan field, unless a person is typing the next scan's Qty.
  function settle() {
    if (!qty || document.activeElement !== qty) {
      refocus();
    }
  }

  key.value = newKey();

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = field.value;
    field.value = '';
    if (text.trim() === '') {
      refocus();
      return; // a stray Enter (some scanners send CR and LF)
    }
    var damaged = form.querySelector('input[data-damaged]');
    var values = { scan: text, damaged: damaged && damaged.checked ? 'true' : 'false', key: key.value };
    if (qty) {
      values.quantity = qty.value.trim();
      qty.value = '';
    }
    // Putaway: the dock picked when the goods are on several (a choice for this scan, as the Qty).
    var from = form.querySelector('input[name=from][type=radio]:checked');
    if (from) {
      values.from = from.value;
      from.checked = false;
    }
    queue.push({ values: values, tries: 0 });
    // The toggle is for one scan; the next scan gets a key of its own.
    if (damaged) {
      damaged.checked = false;
    }
    key.value = newKey();
    refocus();
    send();
  });

  // One request at a time: the product a PRODUCT answer selects must be in the form before the
  // serial scanned after it is sent. The form's other fields (CSRF token, product) are read then.
  function send() {
    if (sending || queue.length === 0) {
      return;
    }
    sending = true;
    var item = queue[0];
    item.failed = false;
    current = item;
    form.setAttribute('aria-busy', 'true');
    var done = function () {
      sending = false;
      form.removeAttribute('aria-busy');
      if (item.failed && ++item.tries < RETRIES) {
        setTimeout(send, 1000 * item.tries); // the same key again: answered once however often it arrives
      } else {
        if (item.failed) {
          unsent(item.values.scan);
        }
        queue.shift();
        send();
      }
      settle();
    };
    htmx.ajax('POST', form.getAttribute('action'), {
      source: form, target: '#answer', swap: 'innerHTML', values: item.values,
      headers: { 'Idempotency-Key': item.values.key }
    }).then(done, function () {
      item.failed = true;
      done();
    });
  }

  // No answer at all (network down, timeout): the scan is tried again with its key.
  ['htmx:sendError', 'htmx:timeout'].forEach(function (name) {
    form.addEventListener(name, function () {
      if (current) {
        current.failed = true;
      }
    });
  });

  function unsent(text) {
    var area = document.getElementById('answer');
    area.innerHTML = '';
    var box = document.createElement('div');
    box.className = 'answer loud outcome-REFUSED';
    box.setAttribute('role', 'alert');
    var title = document.createElement('p');
    title.className = 'answer-title';
    title.textContent = 'Not sent';
    var msg = document.createElement('p');
    msg.className = 'answer-message';
    msg.textContent = 'The server did not answer. Scan this again: ' + text;
    box.appendChild(title);
    box.appendChild(msg);
    area.appendChild(box);
    if (window.unitrace && window.unitrace.tone) {
      window.unitrace.tone('exception');
    }
  }

  // A refused scan comes back with its problem's status and an answer to show: show it in place,
  // rather than letting the page treat it as a failed request.
  document.body.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.getResponseHeader('X-Unitrace-Fragment') === 'scan-answer') {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  document.body.addEventListener('htmx:afterSettle', settle);

  // Enter in the Qty: a count (1 to 7 digits) waits there for the next scan and the focus goes back
  // to the scan field; a scan already typed goes now. Anything else is a code a scanner sent into the
  // wrong field: it is the scan.
  if (qty) {
    qty.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter') {
        return;
      }
      e.preventDefault();
      var typed = qty.value;
      if (typed.trim() !== '' && !/^[0-9]{1,7}$/.test(typed.trim())) {
        qty.value = '';
        field.value = typed;
      }
      refocus();
      if (field.value.trim() !== '') {
        if (form.requestSubmit) {
          form.requestSubmit();
        } else {
          form.dispatchEvent(new Event('submit', { cancelable: true }));
        }
      }
    });
  }

  // Clearing the product is done here; without JavaScript the link reloads the screen with none.
  document.addEventListener('click', function (e) {
    var clear = e.target.closest && e.target.closest('[data-clear-product]');
    if (clear) {
      e.preventDefault();
      document.getElementById('product-pick').innerHTML = '';
    }
    if (e.target.closest && e.target.closest('[data-keep-focus]')) {
      setTimeout(refocus, 0);
    }
  });

  // Buttons and the toggle do their work without taking the focus from the scan field.
  document.addEventListener('mousedown', function (e) {
    if (e.target.closest && e.target.closest('[data-keep-focus]') && e.target !== field) {
      e.preventDefault();
    }
  });
  form.addEventListener('change', function (e) {
    if (e.target !== field && e.target !== qty) {
      refocus();
    }
  });

  // Focus that falls to nothing (a tap on the page, a dialog closed) goes back to the field; a person
  // moving on purpose to another field or link keeps it there.
  function regain() {
    setTimeout(function () {
      var now = document.activeElement;
      if (!now || now === document.body || (now.closest && now.closest('[data-keep-focus]'))) {
        refocus();
      }
    }, 0);
  }
  field.addEventListener('blur', regain);
  if (qty) {
    qty.addEventListener('blur', regain);
  }
  window.addEventListener('focus', settle);

  // Escape in the field does what the screen's Cancel link does (putaway: back to the first step).
  field.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') {
      var cancel = document.querySelector('[data-cancel]');
      if (cancel) {
        e.preventDefault();
        field.value = '';
        cancel.click();
      }
    }
  });

  // Closing asks first; the answer is a page with the discrepancy report.
  document.addEventListener('submit', function (e) {
    var question = e.target.getAttribute && e.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      e.preventDefault();
      refocus();
    }
  });
})();
