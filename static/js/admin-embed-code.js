// Embed code pasted into the story body: the rich text editor would drop an
// <iframe> or <script> unseen, so such a paste goes to the server first
// (articles/admin/pasted_code.py), which turns a provider's code into the
// embed paragraph, and the editor is told what was removed and what it became.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-url");
  var EMBED_CODE = /<(iframe|script)\b|<blockquote\b[^>]*class=["']?[^"'>]*\b(twitter-tweet|twitter-video|instagram-media|tiktok-embed)\b/i;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function notesFor(textarea) {
    var holder = textarea.parentElement;
    var list = holder.querySelector(".embed-code-notes");
    if (!list) {
      list = document.createElement("ul");
      list.className = "embed-code-notes";
      list.setAttribute("role", "status");
      holder.appendChild(list);
    }
    return list;
  }

  function tell(textarea, lines) {
    var list = notesFor(textarea);
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = "Pasted code: " + line;
      list.appendChild(item);
    });
  }

  function watch(editor, textarea) {
    editor.view.dom.addEventListener(
      "paste",
      function (event) {
        var data = event.clipboardData;
        if (!data || !url) {
          return;
        }
        var html = data.getData("text/html");
        var text = data.getData("text/plain");
        var code = EMBED_CODE.test(html) ? html : EMBED_CODE.test(text) ? text : "";
        if (!code) {
          return;
        }
        // Before the editor's own handler, which would parse the code away.
        event.preventDefault();
        event.stopImmediatePropagation();
        var body = new FormData();
        body.append("code", code);
        fetch(url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken() },
        })
          .then(function (response) {
            if (!response.ok) {
              throw new Error(response.statusText);
            }
            return response.json();
          })
          .then(function (answer) {
            if (answer.html) {
              editor.chain().focus().insertContent(answer.html).run();
            }
            tell(textarea, answer.changes);
          })
          .catch(function () {
            tell(textarea, ["it could not be checked, so nothing was pasted. Try again."]);
          });
      },
      true
    );
  }

  document.addEventListener("prose-editor:ready", function (event) {
    if (event.detail.textarea.name === "body") {
      watch(event.detail.editor, event.detail.textarea);
    }
  });
})();
