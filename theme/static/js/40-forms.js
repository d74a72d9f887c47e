/* Readers' forms (components/forms.html, docs/forms.md). Checks the fields and shows errors
   next to them, then either opens the reader's mail program with the message written out
   (data-pt-mode="mailto") or POSTs the documented JSON to the site's endpoint
   (data-pt-mode="post"). Without this script a "post" form still posts as an ordinary form,
   and a "mailto" form stays hidden behind its plain mailto link. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-pt-form]");
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  var PHONE = /^[0-9+ .()-]{6,20}$/;

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  function lower(label) {
    return label.charAt(0).toLocaleLowerCase("vi") + label.slice(1);
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "hidden" && el.type !== "submit" && el.name !== "website";
    });
  }

  function errorFor(el, messages) {
    var value = el.type === "checkbox" ? el.checked : el.value.trim();
    var label = el.getAttribute("data-pt-label") || el.name;
    if (el.type === "radio") {  /* a group: checked once, on its required first button */
      if (!el.required || el.form.querySelector("input[name='" + el.name + "']:checked")) return "";
      return fill(messages.select, { field: lower(label) });
    }
    if (el.required && !value) {
      if (el.type === "checkbox") return messages.consent;
      return fill(el.tagName === "SELECT" ? messages.select : messages.required, { field: lower(label) });
    }
    if (!value || el.type === "checkbox") return "";
    if (el.type === "email" && !EMAIL.test(value)) return messages.email;
    if (el.type === "tel" && !PHONE.test(value)) return messages.phone;
    var max = parseInt(el.getAttribute("maxlength") || "0", 10);
    if (max && value.length > max) return fill(messages.long, { field: label, max: max });
    return "";
  }

  function setError(el, text) {
    var id = el.id + "-error";
    var node = document.getElementById(id);
    var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (x) {
      return x && x !== id;
    });
    if (text) {
      if (!node) {
        node = document.createElement("p");
        node.id = id;
        node.className = "pt-form__error";
        var anchor = el.type === "checkbox" ? el.parentNode : el;
        if (el.type === "radio") anchor = el.parentNode.parentNode;  /* after the whole scale */
        anchor.parentNode.insertBefore(node, anchor.nextSibling);
      }
      node.textContent = text;
      el.setAttribute("aria-invalid", "true");
      described.push(id);
    } else {
      if (node) node.parentNode.removeChild(node);
      el.removeAttribute("aria-invalid");
    }
    if (described.length) el.setAttribute("aria-describedby", described.join(" "));
    else el.removeAttribute("aria-describedby");
  }

  function check(form, messages) {
    var invalid = [];
    fieldsOf(form).forEach(function (el) {
      var text = errorFor(el, messages);
      setError(el, text);
      if (text) invalid.push({ el: el, text: text });
    });
    var summary = form.querySelector(".pt-form__summary");
    if (!invalid.length) {
      summary.hidden = true;
      summary.textContent = "";
      return true;
    }
    summary.textContent = "";
    var title = document.createElement("p");
    title.textContent = fill(messages.summary, { count: invalid.length });
    var list = document.createElement("ul");
    invalid.forEach(function (entry) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + entry.el.id;
      a.textContent = entry.text;
      a.addEventListener("click", function (event) {
        event.preventDefault();
        entry.el.focus();
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    summary.appendChild(title);
    summary.appendChild(list);
    summary.hidden = false;
    summary.focus();
    return false;
  }

  function values(form) {
    var out = {};
    fieldsOf(form).forEach(function (el) {
      if (el.type === "checkbox") out[el.name] = el.checked;
      else if (el.type === "radio") { if (el.checked) out[el.name] = el.value; }
      else if (el.tagName !== "BUTTON") out[el.name] = el.value.trim();
    });
    return out;
  }

  function hidden(form, name) {
    var el = form.elements.namedItem(name);
    return el ? el.value : "";
  }

  function show(form, nodes, focus) {
    var box = document.getElementById(form.id + "-result");
    box.textContent = "";
    nodes.forEach(function (node) { box.appendChild(node); });
    box.hidden = false;
    if (focus) box.focus();
    return box;
  }

  function paragraph(text) {
    var p = document.createElement("p");
    p.textContent = text;
    return p;
  }

  /* The message as the editors receive it: labelled lines, then the text, then the page. */
  function mailText(form, data, messages) {
    var lines = [];
    fieldsOf(form).forEach(function (el) {
      if (el.type === "checkbox" || el.name === "message" || el.name === "title") return;
      if (data[el.name]) lines.push((el.getAttribute("data-pt-label") || el.name) + ": " + data[el.name]);
    });
    var message = form.elements.namedItem("message");
    if (message) {
      lines.push("");
      lines.push((message.getAttribute("data-pt-label") || "") + ":");
      lines.push(data.message);
    }
    lines.push("");
    lines.push("--");
    lines.push(fill(messages.from_page, { url: hidden(form, "page") }));
    return lines.join("\r\n");
  }

  function openMail(form, data, messages) {
    var kind = form.getAttribute("data-pt-form");
    var to = form.getAttribute("data-pt-to");
    var subject = fill(messages["subject_" + kind] || "{title}", { title: data.title || "" });
    var body = mailText(form, data, messages);
    var href = "mailto:" + to + "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(body);
    var link = document.createElement("a");
    link.href = href;
    link.textContent = to;
    link.setAttribute("data-pt-mailto", "");
    var manual = document.createElement("p");
    var parts = messages.mailto_manual.split("{address}");
    manual.appendChild(document.createTextNode(parts[0]));
    manual.appendChild(link);
    manual.appendChild(document.createTextNode(parts[1] || ""));
    var copy = document.createElement("pre");
    copy.className = "pt-form__copy";
    copy.textContent = subject + "\n\n" + body.replace(/\r\n/g, "\n");
    show(form, [paragraph(fill(messages.mailto, { address: to })), manual, copy], true);
    form.setAttribute("data-pt-state", "mailto");
    window.location.href = href;
  }

  function payload(form, data) {
    var kind = form.getAttribute("data-pt-form");
    var body = {
      version: 1,
      kind: kind,
      site: hidden(form, "site"),
      page: hidden(form, "page"),
      lang: hidden(form, "lang"),
      fields: {}
    };
    if (kind === "rating") {
      body.item = { id: hidden(form, "item_id"), url: hidden(form, "page"), title: hidden(form, "item_title") };
      body.score = parseInt(data.score, 10);
      body.fields.comment = data.comment || "";
    } else {
      Object.keys(data).forEach(function (name) {
        body.fields[name] = data[name];
      });
      if (hidden(form, "item_id")) {  /* "Ý kiến về bài viết này": the item it is about */
        body.item = { id: hidden(form, "item_id"), url: hidden(form, "page"), title: hidden(form, "item_title") };
      }
    }
    return body;
  }

  function post(form, data, messages) {
    var buttons = form.querySelectorAll("button");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    form.setAttribute("aria-busy", "true");
    form.setAttribute("data-pt-state", "sending");
    show(form, [paragraph(messages.sending)], false);
    function done(state) {
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      form.removeAttribute("aria-busy");
      form.setAttribute("data-pt-state", state);
    }
    fetch(form.action, {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(payload(form, data))
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (response.ok && answer.ok !== false) {
          var nodes = [paragraph(form.getAttribute("data-pt-form") === "rating" ? messages.thanks_useful : messages.sent)];
          if (answer.reference) nodes.push(paragraph(fill(messages.reference, { reference: answer.reference })));
          form.hidden = true;
          show(form, nodes, true);
          done("sent");
          return;
        }
        var errors = answer && answer.errors;
        if (errors && typeof errors === "object" && Object.keys(errors).length) {
          var shown = 0;
          fieldsOf(form).forEach(function (el) {
            if (errors[el.name]) { setError(el, String(errors[el.name])); shown += 1; }
          });
          if (shown) {
            document.getElementById(form.id + "-result").hidden = true;
            var summary = form.querySelector(".pt-form__summary");
            summary.textContent = fill(messages.summary, { count: shown });
            summary.hidden = false;
            summary.focus();
            done("invalid");
            return;
          }
        }
        throw new Error("refused");
      });
    }).catch(function () {
      var nodes = [paragraph(messages.failed)];
      var fallback = form.parentNode.querySelector("[data-pt-fallback]");
      if (fallback) {
        var p = document.createElement("p");
        p.appendChild(fallback.cloneNode(true));
        nodes.push(p);
      }
      show(form, nodes, true);
      done("failed");
    });
  }

  Array.prototype.forEach.call(forms, function (form) {
    var messages;
    try {
      messages = JSON.parse(form.getAttribute("data-pt-messages"));
    } catch (e) {
      return;
    }
    var mode = form.getAttribute("data-pt-mode");
    if (mode === "post" && !window.fetch) return;  /* the plain form post still works */
    form.hidden = false;
    form.noValidate = true;  /* the script's own messages replace the browser's */
    form.setAttribute("data-pt-state", "ready");
    /* An error goes as soon as it is fixed, while typing: cleared on blur instead, it would
       move the fields below under the pointer of the reader who is clicking one. */
    fieldsOf(form).forEach(function (el) {
      var typed = el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type !== "checkbox");
      el.addEventListener(typed ? "input" : "change", function () {
        var target = el.type === "radio" ? form.querySelector("input[name='" + el.name + "'][required]") : el;
        if (target && target.getAttribute("aria-invalid") && !errorFor(target, messages)) setError(target, "");
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var trap = form.elements.namedItem("website");
      if (trap && trap.value) return;
      if (!check(form, messages)) {
        form.setAttribute("data-pt-state", "invalid");
        return;
      }
      var data = values(form);
      if (mode === "mailto") openMail(form, data, messages);
      else post(form, data, messages);
    });
  });
})();
