/* Search page: until a search index is published with the site, say so instead of failing
   silently. The search issue replaces this with the real search UI. */
(function () {
  "use strict";
  var box = document.querySelector("[data-pt-search]");
  if (!box) return;
  var params = new URLSearchParams(location.search);
  var input = document.getElementById("pt-search-page-q");
  if (input) input.value = params.get("q") || "";
  var message = document.createElement("p");
  message.className = "pt-notice pt-notice--info";
  message.textContent = box.getAttribute("data-unavailable");
  box.appendChild(message);
})();
