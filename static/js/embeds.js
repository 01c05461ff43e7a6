// Make an embed's player when the reader presses its Load button, never
// before: until then nothing is asked of the provider (includes/embed.html).
// The page's Content-Security-Policy allows exactly these players' origins.
(function () {
  "use strict";
  function load(button) {
    var frame = document.createElement("iframe");
    frame.src = button.getAttribute("data-embed-src");
    frame.title = button.getAttribute("data-embed-title");
    frame.className = "embed__player";
    frame.loading = "lazy";
    // The provider learns this site, not which story the reader is on.
    frame.referrerPolicy = "strict-origin";
    var allow = button.getAttribute("data-embed-allow");
    if (allow) {
      frame.allow = allow;
    }
    var sandbox = button.getAttribute("data-embed-sandbox");
    if (sandbox) {
      frame.setAttribute("sandbox", sandbox);
    }
    var holder = button.closest("[data-embed-frame]");
    holder.replaceChildren(frame);
    holder.classList.add("embed__frame--loaded");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-embed-src]");
    if (button) {
      load(button);
    }
  });
})();
