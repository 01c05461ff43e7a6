// Count this reader's view of the story, also when the page came from the
// cache: one small POST after the page loads (the element carries the URL).
(function () {
  "use strict";
  var story = document.querySelector("[data-view-beacon]");
  if (!story) {
    return;
  }
  var url = story.getAttribute("data-view-beacon");
  if (navigator.sendBeacon) {
    navigator.sendBeacon(url);
  } else if (window.fetch) {
    fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" });
  }
})();
