"""An nginx origin reached over SSH: release folders, an atomic ``current`` link, rollback.

Layout under the origin's root (``/srv/portal`` say)::

    releases/<commit>/<site-id>/...   one folder per deployed build, whole
    current -> releases/<commit>      the live one; nginx serves current/<site-id>/ and
                                      includes current/<site-id>/_nginx.conf

``publish`` uploads with rsync into ``releases/<commit>.partial/`` (files equal to the live
release's are hard links: only changes travel), renames it to ``releases/<commit>/`` once
complete, then ``switch``: a temporary link renamed over ``current`` (rename(2) is atomic, so
a reader gets the old or the new release, never a mix), the reload command if any (nginx reads
its includes at reload), then the oldest releases beyond ``keep`` are removed (never the live
one). A commit already uploaded is not uploaded again: ``publish`` of a kept release is a
rollback. The host needs only ``sh``, coreutils and rsync.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from portal.deploy import DeployError, check_commit

# Run on the host by ``sh -c``; positional parameters are quoted by ``Origin.run``.
SWITCH = r"""
set -eu
root=$1 commit=$2 keep=$3 reload=$4 uploaded=$5
cd "$root"
if [ "$uploaded" = yes ]; then
  rm -rf "releases/$commit"
  mv "releases/$commit.partial" "releases/$commit"
fi
if [ ! -d "releases/$commit" ]; then
  echo "không có bản releases/$commit trên máy chủ (no release $commit on the host)" >&2
  exit 3
fi
touch "releases/$commit"
ln -sfn "releases/$commit" current.tmp
mv -T current.tmp current
if [ -n "$reload" ]; then sh -c "$reload"; fi
live=$(readlink current)
ls -1t releases | grep -v '\.partial$' | tail -n +$((keep + 1)) | while read -r old; do
  [ "releases/$old" = "$live" ] || rm -rf "releases/$old"
done
"""

PREPARE = r"""
set -eu
root=$1 commit=$2
mkdir -p "$root/releases"
if [ -d "$root/releases/$commit" ]; then echo kept; else echo new; fi
"""

LIST = r"""
set -eu
root=$1
cd "$root" 2>/dev/null || exit 0
live=$(readlink current 2>/dev/null || true)
echo "current ${live#releases/}"
ls -1t releases 2>/dev/null | grep -v '\.partial$' || true
"""


@dataclass
class Origin:
    """``host`` (``user@name``) and the ``root`` folder on it, reached with ``ssh`` (a command
    line: key, port, known hosts)."""

    host: str
    root: str
    ssh: list[str] = field(default_factory=lambda: ["ssh"])

    def run(self, script: str, *args: str) -> str:
        remote = " ".join(["sh", "-c", shlex.quote(script), "portal-deploy"])
        remote += "".join(" " + shlex.quote(a) for a in args)
        done = subprocess.run(
            [*self.ssh, self.host, remote], capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise DeployError(
                f"lệnh trên máy chủ {self.host} lỗi (command on {self.host} failed, "
                f"exit {done.returncode}): {done.stderr.strip()}"
            )
        return done.stdout

    def releases(self) -> tuple[str | None, list[str]]:
        """The live commit (None before the first deploy) and every kept one, newest first."""
        lines = self.run(LIST, self.root).splitlines()
        if not lines:
            return None, []
        live = lines[0].removeprefix("current").strip() or None
        return live, lines[1:]

    def has(self, commit: str) -> bool:
        return check_commit(commit) in self.releases()[1]

    def upload(self, output_dir: Path, commit: str) -> bool:
        """Put ``output_dir`` at ``releases/<commit>.partial/``, renamed to
        ``releases/<commit>/`` by the switch; False when the release was already there."""
        check_commit(commit)
        if not output_dir.is_dir():
            raise DeployError(f"không có thư mục {output_dir} (no folder {output_dir})")
        if self.run(PREPARE, self.root, commit).strip() == "kept":
            return False
        command = [
            "rsync",
            "--recursive",
            "--links",
            "--perms",
            "--chmod=D755,F644",
            # By content, not time: a rebuilt file equal to the live one becomes a hard link
            # (and keeps its time, so its ETag and Last-Modified do not change).
            "--checksum",
            "--delete",
            f"--link-dest={self.root}/current/",
            "--rsh",
            shlex.join(self.ssh),
            f"{output_dir}/",
            f"{self.host}:{self.root}/releases/{commit}.partial/",
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            raise DeployError(
                f"rsync lỗi (rsync failed, exit {done.returncode}): {done.stderr.strip()}"
            )
        return True

    def switch(self, commit: str, keep: int = 10, reload: str = "", uploaded: bool = False) -> None:
        """Make ``releases/<commit>`` live (after renaming its upload into place when
        ``uploaded``), reload, keep the newest ``keep`` releases: one SSH round trip."""
        if keep < 1:
            raise DeployError("--keep phải ≥ 1 (--keep must be at least 1)")
        flag = "yes" if uploaded else "no"
        self.run(SWITCH, self.root, check_commit(commit), str(keep), reload, flag)

    def publish(self, output_dir: Path, commit: str, keep: int = 10, reload: str = "") -> bool:
        """Upload (unless kept) and switch; True when something was uploaded. Three SSH
        connections in all (look, rsync, switch)."""
        uploaded = self.upload(output_dir, commit)
        self.switch(commit, keep, reload, uploaded)
        return uploaded


def nginx_config(
    root: str, hosts: dict[str, str], port: int, runtime_dir: Path, live: str = "current"
) -> str:
    """The ``http {}`` configuration of an origin: one ``server {}`` per site, its
    ``server_name`` from ``hosts`` (site id → host name), ``root`` the live release's folder
    of the site and the site's generated include (``live``: the link's name under ``root``).
    The production recipe in docs/headers.md is the same block with TLS; this one listens on
    loopback for ``make deploy-dry-run`` and the tests (nginx's pid, logs and temporary files
    in ``runtime_dir``)."""
    from portal.headers.nginx import FILE_NAME, http_config

    servers = "\n".join(
        f"""    server {{
        listen 127.0.0.1:{port};
        server_name {host};
        root {root}/{live}/{site};
        index index.html;
        include {root}/{live}/{site}/{FILE_NAME};
    }}"""
        for site, host in hosts.items()
    )
    return http_config("portal.deploy.origin for a loopback origin", runtime_dir, servers, 64)


def main(argv: list[str] | None = None) -> int:
    """``python3 -m portal.deploy.origin publish|rollback|has``: the deploy job runs this on
    the runner with the standard library only (no install), from a sparse checkout of
    ``plugins/portal``. Host, root, ssh command and reload come from the environment
    (PORTAL_DEPLOY_HOST, PORTAL_DEPLOY_ROOT, PORTAL_DEPLOY_SSH, PORTAL_DEPLOY_RELOAD) as for
    ``portal deploy``."""
    import argparse
    import os
    import sys
    import time

    parser = argparse.ArgumentParser(prog="python3 -m portal.deploy.origin")
    parser.add_argument("action", choices=["publish", "rollback", "has"])
    parser.add_argument("output", nargs="?", type=Path)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--keep", type=int, default=10)
    args = parser.parse_args(argv)
    origin = Origin(
        host=os.environ["PORTAL_DEPLOY_HOST"],
        root=os.environ["PORTAL_DEPLOY_ROOT"].rstrip("/"),
        ssh=shlex.split(os.environ.get("PORTAL_DEPLOY_SSH") or "ssh"),
    )
    reload = os.environ.get("PORTAL_DEPLOY_RELOAD", "")
    started = time.monotonic()
    try:
        if args.action == "has":
            return 0 if origin.has(args.commit) else 1
        if args.action == "rollback":
            origin.switch(args.commit, keep=1_000_000, reload=reload)
        else:
            if args.output is None:
                parser.error("publish needs the output folder")
            origin.publish(args.output, args.commit, args.keep, reload)
    except DeployError as exc:
        print(f"Triển khai thất bại (deploy failed): {exc}", file=sys.stderr)
        return 1
    print(f"{args.action} {args.commit[:12]}: {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
