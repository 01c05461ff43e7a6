// The issue page's sending panel: while the issue is being sent, ask the
// server for the counts every few seconds and show them; reload the page
// once the send has finished or stopped, so the buttons match its state.
// A scheduled issue's page is watched less often, and reloaded when its
// send starts (or is cancelled elsewhere).
(function () {
  "use strict";
  var EVERY_MS = 3000;

  function watch(panel) {
    var scheduled = panel.getAttribute("data-scheduled") === "true";
    var url = panel.getAttribute("data-progress-url");
    var state = panel.querySelector(".send-progress__state");
    var counts = panel.querySelector(".send-progress__counts");
    var error = panel.querySelector(".send-progress__error");

    function show(data) {
      state.textContent = data.state;
      var parts = ["Sent " + data.sent, "failed " + data.failed, "left " + data.left];
      if (data.unknown) {
        parts.push(data.unknown + " unknown");
      }
      counts.textContent = parts.join(", ");
      error.textContent = data.error;
      error.hidden = !data.error;
    }

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (!data) {
            return;
          }
          if (scheduled) {
            if (data.scheduled) {
              window.setTimeout(poll, EVERY_MS * 2);
            } else {
              window.location.reload();
            }
            return;
          }
          show(data);
          if (data.sending) {
            window.setTimeout(poll, EVERY_MS);
          } else {
            window.location.reload();
          }
        })
        .catch(function () {
          window.setTimeout(poll, EVERY_MS * 2);
        });
    }

    window.setTimeout(poll, EVERY_MS);
  }

  function start() {
    var panel = document.querySelector(
      ".send-progress[data-sending='true'], .send-progress[data-scheduled='true']");
    if (panel) {
      watch(panel);
    }
  }

  // The admin loads this in the page's head, before the panel exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
