// Galleries scroll sideways with CSS scroll snapping, by touch, trackpad or
// the arrow keys on the focused track, with no script at all. This adds
// Previous and Next buttons for mouse users. Safe to load more than once:
// each gallery is set up once.
(function () {
  "use strict";

  function setUp(gallery) {
    var track = gallery.querySelector(".gallery__track");
    var slides = gallery.querySelectorAll(".gallery__slide");
    if (!track || slides.length < 2) {
      return;
    }
    gallery.setAttribute("data-ready", "");
    var controls = document.createElement("div");
    controls.className = "gallery__controls";
    var previous = button("Previous picture", "\u2190");
    var next = button("Next picture", "\u2192");
    controls.append(previous, next);
    gallery.append(controls);

    function current() {
      return Math.round(track.scrollLeft / track.clientWidth);
    }
    function go(step) {
      var target = Math.max(0, Math.min(slides.length - 1, current() + step));
      var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      track.scrollTo({ left: target * track.clientWidth, behavior: still ? "auto" : "smooth" });
    }
    // aria-disabled, not disabled: a disabled button drops the keyboard
    // focus of a reader who has just pressed it to reach the last picture.
    function update() {
      var index = current();
      previous.setAttribute("aria-disabled", String(index <= 0));
      next.setAttribute("aria-disabled", String(index >= slides.length - 1));
    }
    previous.addEventListener("click", function () { go(-1); });
    next.addEventListener("click", function () { go(1); });
    track.addEventListener("scroll", update, { passive: true });
    update();
  }

  function button(label, text) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "gallery__button";
    element.setAttribute("aria-label", label);
    element.textContent = text;
    return element;
  }

  document.querySelectorAll(".gallery:not([data-ready])").forEach(setUp);
})();
