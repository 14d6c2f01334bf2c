// Small behaviours on top of server-rendered pages. Every page works without them.
(function () {
  'use strict';

  document.documentElement.classList.add('js');

  // Progress bars take their width from data-percent: the Content-Security-Policy allows no inline
  // style attributes, but a width set from script is fine.
  function widths(root) {
    root.querySelectorAll('[data-percent]').forEach(function (bar) {
      bar.style.width = Math.max(0, Math.min(100, parseFloat(bar.dataset.percent) || 0)) + '%';
    });
  }
  document.addEventListener('DOMContentLoaded', function () { widths(document); });
  document.addEventListener('htmx:load', function (e) { widths(e.detail.elt.parentNode || document); });

  // After each lookup the scan field is empty and focused again, ready for the next scan.
  document.addEventListener('htmx:afterRequest', function (e) {
    var form = e.detail.elt;
    if (!form || !form.matches || !form.matches('form[data-scan]')) {
      return;
    }
    var field = form.querySelector('input[name=q]');
    if (field) {
      field.value = '';
      field.focus();
    }
  });

  // A link in the result (a choice) also hands focus back to the scan field.
  document.addEventListener('htmx:afterSwap', function (e) {
    if (e.detail.target && e.detail.target.id === 'result') {
      var field = document.querySelector('form[data-scan] input[name=q]');
      if (field && document.activeElement !== field) {
        field.focus();
      }
    }
  });

  // A lookup after the session expired is redirected to the sign-in page: show that page whole,
  // not inside the result area.
  document.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.responseURL && new URL(xhr.responseURL).pathname.endsWith('/login')) {
      e.detail.shouldSwap = false;
      window.location.assign(xhr.responseURL);
    }
  });

  // A refused or failed request: load the same URL as a page, which explains the failure.
  document.addEventListener('htmx:responseError', function (e) {
    if (e.detail.xhr && e.detail.xhr.responseURL) {
      window.location.assign(e.detail.xhr.responseURL);
    }
  });

  // The scan screens' header: the menu and the client picker fold out under it, one at a time; a tap
  // elsewhere or Escape folds them back. Without JavaScript they are shown open.
  function fold(except) {
    document.querySelectorAll('[data-opens]').forEach(function (button) {
      var panel = document.getElementById(button.getAttribute('data-opens'));
      if (panel && panel !== except) {
        panel.classList.remove('open');
        button.setAttribute('aria-expanded', 'false');
      }
    });
  }
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-opens]');
    if (button) {
      var panel = document.getElementById(button.getAttribute('data-opens'));
      var open = !panel.classList.contains('open');
      fold(panel);
      panel.classList.toggle('open', open);
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (open && panel.querySelector('select')) {
        panel.querySelector('select').focus();
      }
      return;
    }
    if (!(e.target.closest && e.target.closest('.panel-drop'))) {
      fold(null);
    }
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') {
      fold(null);
    }
  });

  // Picking a client in the switcher is enough; the button is for browsers without JavaScript.
  document.addEventListener('change', function (e) {
    if (e.target.matches && e.target.matches('select[data-autosubmit]')) {
      e.target.form.submit();
    }
  });
})();
