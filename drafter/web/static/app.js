// drafter 工作台: small progressive enhancement; every page works without it.
(function () {
  "use strict";
  // Confirm before deleting or restoring.
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
  document.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-confirm]");
    if (b && !window.confirm(b.getAttribute("data-confirm"))) e.preventDefault();
  });
  var form = document.getElementById("editor");
  if (!form) return;
  // After a move, add or delete, come back to where the user was.
  form.addEventListener("click", function (e) {
    var b = e.target.closest("button[name=op]");
    if (!b) return;
    var item = b.closest("fieldset.item");
    form.elements.anchor.value = item ? item.id : "";
  });
  // Validation as you type: the same messages as `drafter check`, shown at the field.
  var timer = null;
  function show(key, lines) {
    var ul = form.querySelector('ul.msgs[data-for="' + CSS.escape(key) + '"]');
    if (!ul) return;
    ul.textContent = "";
    lines.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      li.className = line.indexOf("错误") === 0 ? "error" : "warning";
      ul.appendChild(li);
    });
  }
  var busy = false, again = false;  // one check at a time: a large plan takes a while
  function validate() {
    if (busy) { again = true; return; }
    busy = true;
    var data = new FormData(form);
    data.delete("op");
    fetch(form.getAttribute("data-validate"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (res) {
        if (!res) return;
        form.querySelectorAll("ul.msgs[data-for]").forEach(function (ul) {
          show(ul.getAttribute("data-for"), res.fields[ul.getAttribute("data-for")] || []);
        });
        form.setAttribute("data-validated", String(Date.now()));
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; validate(); }
      });
  }
  validate();  // the check's messages for the page as loaded
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(validate, 600);
  });
})();
