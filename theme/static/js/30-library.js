/* Documents library: instant filtering over van-ban/du-lieu.json. Without JavaScript the
   facet pages do the same job; with it, the form appears and filters every document, not just
   the current page. The chosen filters are kept in the address (?loai=…&q=…) so a filtered view
   can be shared. */
(function () {
  "use strict";
  var form = document.querySelector("[data-pt-filter]");
  var table = document.querySelector("[data-pt-filter-table]");
  if (!form || !table || !window.fetch) return;
  var body = table.querySelector("[data-pt-filter-rows]");
  var status = form.querySelector("[data-pt-filter-status]");
  var pager = document.querySelector("[data-pt-filter-pager]");
  var original = body.innerHTML;
  var toggle = document.querySelector("[data-pt-filter-toggle]");
  var library = form.closest(".pt-library");
  var records = null;
  var loading = null;
  var labels = {};
  var keys = { type: "loai", issuer: "co-quan", field: "linh-vuc", year: "nam" };
  var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
    return th.textContent;
  });

  Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
    labels[select.name] = {};
    Array.prototype.forEach.call(select.options, function (option) {
      labels[select.name][option.value] = option.textContent;
    });
  });

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          records = data.map(function (r) {
            r.haystack = fold(r.number + " " + r.summary);
            return r;
          });
          return records;
        });
    }
    return loading;
  }

  function cell(row, label, content) {
    var td = document.createElement("td");
    td.setAttribute("data-label", label);
    if (content instanceof Node) td.appendChild(content); else td.textContent = content;
    row.appendChild(td);
  }

  function render(list) {
    var fragment = document.createDocumentFragment();
    list.forEach(function (r) {
      var row = document.createElement("tr");
      var link = document.createElement("a");
      link.href = r.href;
      link.textContent = r.number;
      cell(row, headers[0], link);
      cell(row, headers[1], r.typeLabel);
      cell(row, headers[2], r.issuerLabel);
      var time = document.createElement("time");
      time.dateTime = r.issued;
      time.textContent = r.issuedText;
      cell(row, headers[3], time);
      cell(row, headers[4], r.summary);
      var badge = document.createElement("span");
      badge.className = "pt-validity pt-validity--" + r.validity;
      badge.textContent = r.validityLabel;
      cell(row, headers[5], badge);
      fragment.appendChild(row);
    });
    if (!list.length) {
      var empty = document.createElement("tr");
      var td = document.createElement("td");
      td.colSpan = 6;
      td.textContent = table.getAttribute("data-empty");
      empty.appendChild(td);
      fragment.appendChild(empty);
    }
    body.textContent = "";
    body.appendChild(fragment);
  }

  function state() {
    var data = new FormData(form);
    return {
      q: fold(data.get("q")),
      raw: String(data.get("q") || ""),
      type: data.get("type") || "",
      issuer: data.get("issuer") || "",
      field: data.get("field") || "",
      year: data.get("year") || ""
    };
  }

  function remember(s) {
    var params = new URLSearchParams();
    if (s.raw) params.set("q", s.raw);
    ["type", "issuer", "field", "year"].forEach(function (name) {
      if (s[name]) params.set(keys[name], s[name]);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function count(s) {
    return ["q", "type", "issuer", "field", "year"].filter(function (k) { return s[k]; }).length;
  }

  function label(s) {
    if (!toggle) return;
    var n = count(s);
    toggle.textContent = n ? toggle.getAttribute("data-some").replace("%(n)s", n)
      : toggle.getAttribute("data-none");
  }

  function apply() {
    var s = state();
    remember(s);
    label(s);
    if (JSON.stringify(s) === initial) {
      body.innerHTML = original;
      if (pager) pager.hidden = false;
      status.textContent = "";
      return;
    }
    load().then(function (all) {
      var words = s.q ? s.q.split(" ") : [];
      var found = all.filter(function (r) {
        if (s.type && r.type !== s.type) return false;
        if (s.issuer && r.issuer !== s.issuer) return false;
        if (s.field && r.fields.indexOf(s.field) < 0) return false;
        if (s.year && r.year !== s.year) return false;
        return words.every(function (w) { return r.haystack.indexOf(w) >= 0; });
      });
      render(found);
      if (pager) pager.hidden = true;
      status.textContent = form.getAttribute("data-found").replace("%(n)s", found.length);
    }).catch(function () {
      status.textContent = form.getAttribute("data-failed");
    });
  }

  // The page as written (the library, or a facet page with its facet chosen) needs no index.
  var initial = JSON.stringify(state());
  var params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  ["type", "issuer", "field", "year"].forEach(function (name) {
    var value = params.get(keys[name]);
    if (value && form.elements[name] && labels[name][value] !== undefined) {
      form.elements[name].value = value;
    }
  });

  form.hidden = false;
  if (toggle && library) {
    library.classList.add("pt-library--folding");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
    });
  }
  label(state());
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  if (JSON.stringify(state()) !== initial) apply();
})();
