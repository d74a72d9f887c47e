"""Readers' questions, feedback and satisfaction ratings (issue 18; docs/forms.md).

Not a Pelican plugin: the endpoint runs beside the sites, and what it gathers comes back into
the build as files, the way the visit statistics do.

- ``app``: the ASGI endpoint (Starlette) of ``portal forms serve``: the JSON contract v1 and
  plain form posts, CORS for the sites' origins only, size and rate limits, the robots' trap.
- ``store``: SQLite: submissions queued until delivered, private contacts, rating counts, the
  day's keyed hashes (one rating per reader, item and day; never an address).
- ``submission``: the server-side checks and the public issue text (no e-mail, no telephone).
- ``github``: the REST calls (urllib); ``standin``: a local stand-in of them for tests and
  ``make serve``; ``server``: uvicorn in the foreground or a thread.
- ``export``: ``portal forms export`` → ``<PORTAL_RATINGS_PATH>/<site-id>.json``;
  ``ratings``: what the build shows of them ("N lượt đánh giá · x% hài lòng").
- ``close``: ``portal forms close``: the issues answered by published Q&A items
  (``answers_issue``) get the answer's link and are closed.
"""
