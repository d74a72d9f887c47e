/* portal feed widget, v1: shows a portal's JSON Feed in any web page. No dependencies, no
   inline script, nothing sent anywhere but the feed request. Embed:

   <link rel="stylesheet" href="https://PORTAL/widget/v1/feed.css">
   <div data-portal-feed="https://PORTAL/tin-tuc/feed.json" data-limit="5"
        data-title="Tin từ tỉnh" data-summary="true" data-heading-level="2"></div>
   <script src="https://PORTAL/widget/v1/feed.js" defer></script>

   The host's CSP needs the portal in script-src, style-src and connect-src. Items removed from
   the portal (tombstones: _portal.deleted) are never shown. */
(function () {
  "use strict";
  var MAX_ITEMS = 20;
  var TEXT = {
    more: "Xem tất cả",
    failed: "Chưa tải được tin. Xem trực tiếp tại",
    empty: "Chưa có tin."
  };

  function safeUrl(value) {
    return typeof value === "string" && /^https?:\/\//i.test(value) ? value : null;
  }

  function node(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function link(href, text, className) {
    var a = node("a", className, text);
    a.href = href;
    return a;
  }

  function displayDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : "";
  }

  function render(box, feed, limit) {
    var level = Math.min(Math.max(parseInt(box.getAttribute("data-heading-level"), 10) || 2, 2), 6);
    var title = box.getAttribute("data-title") || feed.title || "";
    var home = safeUrl(feed.home_page_url);
    var withSummary = box.getAttribute("data-summary") === "true";
    box.textContent = "";
    if (title) box.appendChild(node("h" + level, "portal-feed__title", title));
    var list = node("ul", "portal-feed__list");
    var items = (feed.items || []).filter(function (item) {
      return !(item._portal && item._portal.deleted) && safeUrl(item.url) && item.title;
    });
    items.slice(0, limit).forEach(function (item) {
      var li = node("li", "portal-feed__item");
      li.appendChild(link(safeUrl(item.url), item.title, "portal-feed__link"));
      var date = displayDate(item.date_published);
      if (date) {
        var time = node("time", "portal-feed__date", date);
        time.setAttribute("datetime", item.date_published);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(time);
      }
      if (withSummary && item.summary) li.appendChild(node("p", "portal-feed__summary", item.summary));
      list.appendChild(li);
    });
    if (!list.children.length) list.appendChild(node("li", "portal-feed__empty", TEXT.empty));
    box.appendChild(list);
    if (home) box.appendChild(link(home, TEXT.more, "portal-feed__more"));
    box.setAttribute("data-portal-state", "done");
  }

  function fail(box, feedUrl) {
    box.textContent = "";
    var p = node("p", "portal-feed__error", TEXT.failed + " ");
    var origin = /^(https?:\/\/[^/]+)/i.exec(feedUrl || "");
    if (origin) p.appendChild(link(origin[1] + "/", origin[1].replace(/^https?:\/\//i, "")));
    box.appendChild(p);
    box.setAttribute("data-portal-state", "error");
  }

  function load(box) {
    var url = safeUrl(box.getAttribute("data-portal-feed"));
    var limit = Math.min(parseInt(box.getAttribute("data-limit"), 10) || 5, MAX_ITEMS);
    box.classList.add("portal-feed");
    if (!url || !window.fetch) return fail(box, url);
    window.fetch(url, { credentials: "omit", mode: "cors" })
      .then(function (answer) {
        if (!answer.ok) throw new Error(String(answer.status));
        return answer.json();
      })
      .then(function (feed) { render(box, feed, limit); })
      .catch(function () { fail(box, url); });
  }

  var boxes = document.querySelectorAll("[data-portal-feed]");
  for (var i = 0; i < boxes.length; i++) load(boxes[i]);
})();
