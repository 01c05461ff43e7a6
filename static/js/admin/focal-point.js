// The focal point picker of a library picture's change form
// (articles/admin/library.py, ImageAdmin.focal_point): a click on the
// picture, or the arrow keys on it, set the focal_x and focal_y fields, and
// typing in the fields moves the marker. The fields stay the form's values,
// so the page works the same without this script. Positions go through
// element.style (CSSOM), which the admin's Content-Security-Policy allows.
(function () {
  "use strict";
  // Story cards' shape, as articles/media/renditions.py CARD_RATIO.
  var RATIO = 3 / 2;
  var STEP = 0.01;
  var BIG_STEP = 0.1;
  var MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  function fraction(input) {
    var value = parseFloat(input.value);
    return isNaN(value) ? null : clamp(value);
  }

  function percent(value) {
    return value * 100 + "%";
  }

  function setUp(picker) {
    var fieldX = document.getElementById("id_focal_x");
    var fieldY = document.getElementById("id_focal_y");
    if (!fieldX || !fieldY) {
      return;
    }
    var frame = picker.querySelector(".focal-picker__frame");
    var image = picker.querySelector(".focal-picker__image");
    var marker = picker.querySelector(".focal-picker__marker");
    var crop = picker.querySelector(".focal-picker__crop");
    var status = picker.querySelector(".focal-picker__status");
    var width = Number(image.getAttribute("width"));
    var height = Number(image.getAttribute("height"));

    function point() {
      var x = fraction(fieldX);
      var y = fraction(fieldY);
      return x === null || y === null ? null : { x: x, y: y };
    }

    function show() {
      var at = point();
      marker.hidden = crop.hidden = !at;
      if (!at) {
        status.textContent = "No focal point: cards show the middle of the picture.";
        return;
      }
      marker.style.left = percent(at.x);
      marker.style.top = percent(at.y);
      // The crop as renditions.crop_box() cuts it: the largest 3:2 box,
      // centred on the point as far as the edges allow.
      var cropWidth = width;
      var cropHeight = width / RATIO;
      if (cropHeight > height) {
        cropHeight = height;
        cropWidth = height * RATIO;
      }
      var left = Math.min(Math.max(at.x * width - cropWidth / 2, 0), width - cropWidth);
      var top = Math.min(Math.max(at.y * height - cropHeight / 2, 0), height - cropHeight);
      crop.style.left = percent(left / width);
      crop.style.top = percent(top / height);
      crop.style.width = percent(cropWidth / width);
      crop.style.height = percent(cropHeight / height);
      status.textContent =
        "Focal point: " + Math.round(at.x * 100) + "% across, " + Math.round(at.y * 100) + "% down.";
    }

    function set(x, y) {
      // Whole per cent: the card crops are named to the per cent.
      fieldX.value = Math.round(clamp(x) * 100) / 100;
      fieldY.value = Math.round(clamp(y) * 100) / 100;
      [fieldX, fieldY].forEach(function (field) {
        field.dispatchEvent(new Event("change", { bubbles: true }));
      });
      show();
    }

    frame.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      set((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
    });
    frame.addEventListener("keydown", function (event) {
      var move = MOVES[event.key];
      if (!move || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      event.preventDefault();
      var step = event.shiftKey ? BIG_STEP : STEP;
      var at = point() || { x: 0.5, y: 0.5 };
      set(at.x + move[0] * step, at.y + move[1] * step);
    });
    [fieldX, fieldY].forEach(function (field) {
      field.addEventListener("input", show);
    });
    var numbers = document.querySelector("[data-focal-numbers]");
    if (numbers) {
      numbers.hidden = true;
    }
    picker.hidden = false;
    show();
  }

  function start() {
    document.querySelectorAll("[data-focal-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
