"""Page views: counted from CDN or web-server access logs into one small file per site.

``portal stats ingest`` reads access logs (``logs``: formats and the counting rules), keeps a
per-site aggregate (``aggregate``: ``<stats>/<site-id>.json``, counts only: no address, user
agent, referrer or query string) and never counts a line twice (``ingest``).
"""
