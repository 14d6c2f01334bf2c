// Tones for scan answers, through the Web Audio API: a short high beep when a scan went through, a
// lower double buzz when it needs a look (a loud answer). A person at a dock hears the verdict without
// looking at the screen. The header's speaker button switches the tones off and on; the choice is kept
// in this browser (localStorage), on by default.
//
// window.unitrace.tone(kind) plays one ('success' or 'exception'); window.unitrace.lastTone names the
// last one played (null while sound is off), for the browser tests and for anyone checking a handheld.
(function () {
  'use strict';

  var KEY = 'unitrace.sound';
  var ns = (window.unitrace = window.unitrace || {});
  var context = null;
  ns.lastTone = null;

  function enabled() {
    try {
      return window.localStorage.getItem(KEY) !== 'off';
    } catch (e) {
      return true; // storage refused (private mode): sound stays on, the default
    }
  }

  function audio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) {
      return null;
    }
    if (!context) {
      context = new Context();
    }
    if (context.state === 'suspended') {
      context.resume();
    }
    return context;
  }

  // One note: a quick attack and decay, so it is short and does not click.
  function note(ctx, wave, frequency, start, seconds, volume) {
    var osc = ctx.createOscillator();
    var gain = ctx.createGain();
    osc.type = wave;
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(volume, start + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + seconds);
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start(start);
    osc.stop(start + seconds + 0.02);
  }

  ns.tone = function (kind) {
    if (!enabled()) {
      ns.lastTone = null;
      return;
    }
    ns.lastTone = kind;
    var ctx = audio();
    if (!ctx) {
      return; // no Web Audio here: the answer's colour and mark still tell
    }
    var now = ctx.currentTime;
    if (kind === 'exception') {
      note(ctx, 'square', 220, now, 0.14, 0.25);
      note(ctx, 'square', 220, now + 0.2, 0.14, 0.25);
    } else {
      note(ctx, 'sine', 1760, now, 0.09, 0.3);
    }
  };

  // What an answer says: a loud answer (or any alert) is an exception, anything else went through.
  // An element may say it itself with data-tone.
  function kindOf(root) {
    var marked = root.querySelector('[data-tone]');
    if (marked) {
      return marked.getAttribute('data-tone');
    }
    return root.querySelector('.answer.loud, [role=alert]') ? 'exception' : 'success';
  }

  // Answers arrive in #answer (the scan screens) or #result (lookup): one tone per answer.
  document.addEventListener('htmx:afterSwap', function (e) {
    var target = e.detail.target;
    if (target && (target.id === 'answer' || target.id === 'result') && target.textContent.trim() !== '') {
      ns.tone(kindOf(target));
    }
  });

  function show(button) {
    var on = enabled();
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.title = on ? 'Sound on: tap for silence' : 'Sound off: tap for tones';
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-sound-toggle]').forEach(function (button) {
      show(button);
      button.addEventListener('mousedown', function (e) {
        e.preventDefault(); // keep the focus in the scan field
      });
      button.addEventListener('click', function () {
        var on = !enabled();
        try {
          window.localStorage.setItem(KEY, on ? 'on' : 'off');
        } catch (e) {
          return; // cannot be remembered here: leave it as it is
        }
        document.querySelectorAll('[data-sound-toggle]').forEach(show);
        if (on) {
          ns.tone('success'); // a sample, and the gesture that lets the browser play sound
        }
      });
    });
    // An answer drawn with the page (a form posted without htmx: ship, returns) sounds too.
    var answer = document.getElementById('answer');
    if (answer && answer.querySelector('.answer')) {
      ns.tone(kindOf(answer));
    }
  });
})();
