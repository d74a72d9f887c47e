"""S3-compatible storage behind a CDN: each site under ``<prefix><site-id>/``, releases kept by
manifest, rollback without uploading.

Layout in the bucket::

    <prefix><site-id>/<path>              what the CDN serves (origin path /<prefix><site-id>)
    <prefix>_portal/blobs/<sha256>         every file ever published, by content
    <prefix>_portal/releases/<commit>.json the manifest of a build: key → sha256, type, caching
    <prefix>_portal/current                the commit being served

``publish`` uploads only contents the bucket does not hold yet (as blobs), then makes the live
keys match the manifest by server-side copies from the blobs (new and changed files first,
removals last, so that a page never points at a missing asset), writes the manifest and
``current``. ``rollback`` does the same from a kept manifest: nothing is uploaded. The last
``keep`` manifests are kept; blobs no kept manifest names are removed.

Each object gets its type (feeds, calendars and office downloads as the header policy says,
with ``Content-Disposition: attachment`` for downloads) and ``Cache-Control`` of its zone
(immutable for ``theme/``, short elsewhere). Security headers are the CDN's (docs/headers.md);
the host files ``_headers``, ``_redirects`` and ``_nginx.conf`` are not published. Not atomic:
for a few seconds old and new pages mix (assets carry a hash in their name).
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.deploy import DeployError, check_commit
from portal.headers import CONFIG_FILES
from portal.headers.policy import DOWNLOAD_TYPES, FEED_TYPES, zone_headers, zone_of

META = "_portal/"


def describe(rel: str) -> dict[str, str]:
    """Content type, caching and disposition of a site-relative path."""
    name = rel.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    entry: dict[str, str] = {}
    for pattern, mime in FEED_TYPES:
        if re.fullmatch(pattern, name):
            entry["type"] = mime + ("; charset=utf-8" if mime.startswith("text/") else "")
            break
    else:
        if extension in DOWNLOAD_TYPES:
            entry["type"] = DOWNLOAD_TYPES[extension]
            entry["disposition"] = "attachment"
        else:
            guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
            text = guessed.startswith("text/") or guessed in ("application/json", "image/svg+xml")
            entry["type"] = guessed + ("; charset=utf-8" if text else "")
    entry["cache"] = dict(zone_headers(zone_of(rel)))["Cache-Control"]
    return entry


def manifest(output_dir: Path) -> dict[str, dict[str, str]]:
    """Key → sha256 and headers of every file of a built output (sites' host files left out)."""
    found: dict[str, dict[str, str]] = {}
    for site_dir in sorted(p for p in output_dir.iterdir() if p.is_dir()):
        for path in sorted(site_dir.rglob("*")):
            rel = path.relative_to(site_dir).as_posix()
            if not path.is_file() or rel in CONFIG_FILES:
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[f"{site_dir.name}/{rel}"] = {"sha256": digest, **describe(rel)}
    return found


@dataclass
class Bucket:
    """A bucket (and a key prefix) reached with a boto3 S3 client."""

    client: Any
    bucket: str
    prefix: str = ""

    def _key(self, key: str) -> str:
        return self.prefix + key

    def _get(self, key: str) -> bytes | None:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"].read()
        except self.client.exceptions.NoSuchKey:
            return None

    def _list(self, prefix: str) -> list[str]:
        keys = []
        pages = self.client.get_paginator("list_objects_v2")
        for page in pages.paginate(Bucket=self.bucket, Prefix=self._key(prefix)):
            keys += [item["Key"][len(self.prefix) :] for item in page.get("Contents", [])]
        return keys

    def current(self) -> str | None:
        data = self._get(META + "current")
        return data.decode().strip() if data else None

    def releases(self) -> dict[str, dict]:
        """Every kept manifest by commit."""
        kept = {}
        for key in self._list(META + "releases/"):
            commit = key.rsplit("/", 1)[-1].removesuffix(".json")
            kept[commit] = json.loads(self._get(key) or b"{}")
        return kept

    def has(self, commit: str) -> bool:
        return self._get(f"{META}releases/{check_commit(commit)}.json") is not None

    def _apply(self, wanted: dict, live: dict) -> tuple[int, int]:
        changed = [k for k, entry in sorted(wanted.items()) if live.get(k) != entry]
        for key in changed:
            entry = wanted[key]
            extra = {"ContentDisposition": entry["disposition"]} if "disposition" in entry else {}
            self.client.copy_object(
                Bucket=self.bucket,
                Key=self._key(key),
                CopySource={
                    "Bucket": self.bucket,
                    "Key": self._key(f"{META}blobs/{entry['sha256']}"),
                },
                MetadataDirective="REPLACE",
                ContentType=entry["type"],
                CacheControl=entry["cache"],
                **extra,
            )
        gone = sorted(set(live) - set(wanted))
        for start in range(0, len(gone), 1000):
            batch = [{"Key": self._key(k)} for k in gone[start : start + 1000]]
            self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": batch})
        return len(changed), len(gone)

    def _live(self) -> dict:
        commit = self.current()
        data = self._get(f"{META}releases/{commit}.json") if commit else None
        return json.loads(data) if data else {}

    def publish(self, output_dir: Path, commit: str, keep: int = 10) -> dict[str, int]:
        """Upload what is new, make the live keys match, keep the manifest; counts."""
        check_commit(commit)
        wanted = manifest(output_dir)
        if not wanted:
            raise DeployError(f"{output_dir}: không có tệp nào để đăng (nothing to publish)")
        held = {k.rsplit("/", 1)[-1] for k in self._list(META + "blobs/")}
        by_digest = {e["sha256"]: k for k, e in wanted.items()}
        uploaded = 0
        for digest, key in sorted(by_digest.items()):
            if digest not in held:
                self.client.put_object(
                    Bucket=self.bucket,
                    Key=self._key(f"{META}blobs/{digest}"),
                    Body=(output_dir / key).read_bytes(),
                )
                uploaded += 1
        changed, removed = self._apply(wanted, self._live())
        self._record(commit, wanted, keep)
        return {"uploaded": uploaded, "changed": changed, "removed": removed}

    def rollback(self, commit: str, keep: int = 10) -> dict[str, int]:
        data = self._get(f"{META}releases/{check_commit(commit)}.json")
        if data is None:
            raise DeployError(
                f"không có bản {commit} trong bucket (no release {commit} in the bucket)"
            )
        wanted = json.loads(data)
        changed, removed = self._apply(wanted, self._live())
        self._record(commit, wanted, keep)
        return {"uploaded": 0, "changed": changed, "removed": removed}

    def _record(self, commit: str, wanted: dict, keep: int) -> None:
        body = json.dumps(wanted, sort_keys=True).encode()
        self.client.put_object(
            Bucket=self.bucket, Key=self._key(f"{META}releases/{commit}.json"), Body=body
        )
        self.client.put_object(
            Bucket=self.bucket, Key=self._key(META + "current"), Body=commit.encode()
        )
        # The live manifest and the newest `keep` - 1 others (by time written).
        listed = []
        pages = self.client.get_paginator("list_objects_v2")
        for page in pages.paginate(Bucket=self.bucket, Prefix=self._key(META + "releases/")):
            listed += page.get("Contents", [])
        listed.sort(key=lambda item: item["LastModified"], reverse=True)
        others = [i["Key"] for i in listed if not i["Key"].endswith(f"/{commit}.json")]
        stale = others[max(keep - 1, 0) :]
        for key in stale:
            self.client.delete_object(Bucket=self.bucket, Key=key)
        if stale:
            used = {e["sha256"] for m in self.releases().values() for e in m.values()}
            for key in self._list(META + "blobs/"):
                if key.rsplit("/", 1)[-1] not in used:
                    self.client.delete_object(Bucket=self.bucket, Key=self._key(key))


def client(endpoint: str | None = None):
    """A boto3 S3 client; credentials and region from the usual AWS_* variables."""
    import boto3

    return boto3.client("s3", endpoint_url=endpoint or None)
