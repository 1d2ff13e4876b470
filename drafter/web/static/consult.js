// 征求意见 (a unit's page): save each comment as the unit types.  Without JavaScript the
// forms post the same fields and the page reloads.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  function save(form) {
    var status = form.querySelector(".status");
    if (!form.elements.said.value.trim()) return;  // nothing to save yet; the button says why
    status.textContent = "正在保存…";
    fetch(form.getAttribute("action"), {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "X-Requested-With": "fetch" }
    }).then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        var ok = res[0], j = res[1];
        form.querySelectorAll("[data-error-for]").forEach(function (s) {
          s.textContent = (j.errors && j.errors[s.getAttribute("data-error-for")]) || "";
        });
        if (!ok) { status.textContent = "未保存"; return; }
        status.textContent = "已自动保存 " + j.saved;
        form.setAttribute("data-saved-id", String(j.id));
        var diff = form.querySelector("[data-diff]");
        if (diff) diff.innerHTML = j.diff;  // escaped by the server: <del>/<ins> only
      })
      .catch(function () { status.textContent = "未保存（网络中断，请稍后再试）"; });
  }
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var timer = null;
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { save(form); }, 800);
    });
  });
})();
