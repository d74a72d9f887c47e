"""make deploy-dry-run: the deploy job's steps, as the runner runs them, against a local origin.

From a fresh clone of this checkout (warm package caches: pip's and npm's), with a loopback
sshd and nginx as the origin (PORTAL_DEPLOY_TARGET=origin), the shell steps of
.github/workflows/deploy.yml are taken by name and run with ``bash -eo pipefail`` and the
runner's files (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY), one scenario after another:

1. first deploy: install (cold venv, warm pip cache), cold build, gate, upload, switch;
2. merge of one article: a new commit; the incremental build from the kept output and cache,
   gate, upload of what changed, switch; the article is then fetched from nginx;
3. timer with nothing due: the fingerprint step alone;
4. rollback to the first deploy's commit: the rollback job's switch, no upload.

Each step's wall time is printed, with the machine's load. What GitHub adds around the steps
(job start, container pull, checkout, artifact and cache transfers) cannot be measured here and
is listed apart, as GitHub documents or as estimated.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from portal.deploy.loopback import OriginNginx, Sshd
from portal.errors import ErrorReport
from portal.sites import load_sites

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "deploy.yml"
TIMEZONE = dt.timezone(dt.timedelta(hours=7))


def steps() -> dict[tuple[str, str], str]:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return {
        (job_id, step["name"]): step["run"]
        for job_id, job in jobs.items()
        for step in job.get("steps", [])
        if "run" in step
    }


class Runner:
    """One job's runner: a working folder, the files GitHub gives each step, the timings."""

    def __init__(self, work: Path, tmp: Path, env: dict[str, str]):
        self.work, self.tmp, self.env = work, tmp, dict(env)
        self.outputs: dict[str, str] = {}
        self.rows: list[tuple[str, float]] = []
        self.scripts = steps()

    def script(self, job: str, start: str) -> str:
        [found] = [
            run for (j, name), run in self.scripts.items() if j == job and name.startswith(start)
        ]
        return found

    def step(self, label: str, job: str, start: str, **env: str) -> dict[str, str]:
        return self.shell(label, self.script(job, start), **env)

    def shell(self, label: str, script: str, **env: str) -> dict[str, str]:
        files = {n: self.tmp / n for n in ("output", "env", "summary")}
        for path in files.values():
            path.write_text("", encoding="utf-8")
        environment = {
            **self.env,
            **env,
            "GITHUB_OUTPUT": str(files["output"]),
            "GITHUB_ENV": str(files["env"]),
            "GITHUB_STEP_SUMMARY": str(files["summary"]),
        }
        started = time.monotonic()
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=self.work,
            env=environment,
            capture_output=True,
            text=True,
        )
        took = time.monotonic() - started
        self.rows.append((label, took))
        if done.returncode:
            sys.exit(f"{label} failed:\n{done.stdout}\n{done.stderr}")
        outputs = dict(
            line.split("=", 1) for line in files["output"].read_text().splitlines() if "=" in line
        )
        for line in files["env"].read_text().splitlines():
            if "=" in line:
                key, value = line.split("=", 1)
                self.env[key] = value
        self.outputs.update(outputs)
        return outputs

    def table(self, title: str) -> None:
        total = sum(t for _, t in self.rows)
        print(f"\n### {title}\n\n| step | s |\n|---|---:|")
        for label, took in self.rows:
            print(f"| {label} | {took:.1f} |")
        print(f"| **total of the steps** | **{total:.1f}** |")
        self.rows = []


def fetch(port: int, host: str) -> str:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="portal-dry-run-"))
    load = os.getloadavg()
    print(f"# make deploy-dry-run ({os.cpu_count()} CPUs, load {load[0]:.1f} {load[1]:.1f})")
    work = tmp / "checkout"
    server = Sshd(tmp / "sshd")
    nginx = None
    try:
        started = time.monotonic()
        subprocess.run(["git", "clone", "--quiet", "--no-local", str(REPO), str(work)], check=True)
        clone_time = time.monotonic() - started
        # Stands in for main: the build step checks the commit is on origin/main.
        subprocess.run(
            ["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=work, check=True
        )
        (work / "deploy-tool").symlink_to(work)  # the deploy job's sparse checkout
        stats_remote = tmp / "server" / "org" / "portal.git"
        stats_remote.mkdir(parents=True)
        subprocess.run(["git", "init", "-q", "--bare", str(stats_remote)], check=True)
        server.start()
        root = tmp / "srv" / "portal"
        root.mkdir(parents=True)
        (tmp / "runner").mkdir()
        sites = load_sites(work / "content", ErrorReport())
        hosts = {s.id: urlsplit(s.base_url).netloc for s in sites}
        parent = next(s for s in sites if s.is_parent)
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(tmp),
            "RUNNER_TEMP": str(tmp / "runner"),
            "TARGET": "origin",
            "GITHUB_TOKEN": "token",
            "GITHUB_SERVER_URL": "https://github.example",
            "GITHUB_REPOSITORY": "org/portal",
            "GIT_CONFIG_COUNT": "2",
            "GIT_CONFIG_KEY_0": f"url.{(tmp / 'server').as_uri()}/.insteadOf",
            "GIT_CONFIG_VALUE_0": "https://x-access-token:token@github.example/",
            "GIT_CONFIG_KEY_1": "safe.directory",
            "GIT_CONFIG_VALUE_1": "*",
            "SSH_KEY": (server.home / "client_key").read_text(),
            "KNOWN_HOSTS": (server.home / "known_hosts").read_text(),
            "PORTAL_DEPLOY_HOST": server.host,
            "PORTAL_DEPLOY_ROOT": str(root),
            # The port and the shared connection of the loopback sshd; the step adds the key.
            "PORTAL_DEPLOY_SSH": " ".join(server.ssh[:5] + server.ssh[-2:]),
            "PORTAL_DEPLOY_RELOAD": "",
        }
        runner = Runner(work, tmp, env)
        runner.rows.append(("git clone (a fresh checkout, full history)", clone_time))

        def plan(event: str) -> dict[str, str]:
            """The plan job's check; the trees it reads from GitHub's API are read with git."""
            tree = subprocess.run(
                ["git", "rev-parse", "HEAD^{tree}"], cwd=work, capture_output=True, text=True
            ).stdout.strip()
            env = {"EVENT": event, "TREE": tree, "STATS": "none", "LOGS": ""}
            return runner.step("plan: anything due? (fingerprint)", "plan", "Anything due?", **env)

        def build_and_deploy(event: str) -> None:
            source = runner.step("source: commit on main, the moment", "build", "Only reviewed")
            runner.step("statistics (branch portal-stats)", "build", "Visit statistics")
            due = plan(event)
            assert due["due"] == "true", due
            runner.step(
                "build (incremental when output and cache are kept)", "build", "Build every"
            )
            runner.step("gate", "build", "Check what is about", BUILD_NOW=source["now"])
            runner.step("next scheduled change", "build", "When the next", BUILD_NOW=source["now"])
            (work / "site").unlink(missing_ok=True)
            (work / "site").symlink_to(work / "output")
            runner.step(
                "deploy: rsync + switch + reload",
                "deploy",
                "Deploy to the nginx origin",
                SHA=source["sha"],
            )
            runner.step(
                "remember what is live",
                "deploy",
                "Remember what is live",
                FINGERPRINT=due["fingerprint"],
                NEXT=runner.outputs.get("next", ""),
            )

        # 1. The first deploy: install, cold build.
        started = time.monotonic()
        subprocess.run(
            ["make", "-s", ".venv/.installed"], cwd=work, check=True, capture_output=True
        )
        runner.rows.append(
            ("install (make .venv/.installed, warm pip cache)", time.monotonic() - started)
        )
        started = time.monotonic()
        subprocess.run(["tar", "-cf", str(tmp / "venv.tar"), ".venv"], cwd=work, check=True)
        saved = time.monotonic() - started
        build_and_deploy("push")
        first_sha = runner.outputs["sha"]
        runner.table("1. First deploy (cold build, nothing kept)")
        size = (tmp / "venv.tar").stat().st_size / 1e6
        print(f"\n(.venv as a cache archive: {size:.0f} MB, tar {saved:.1f} s)")

        nginx = OriginNginx(str(root), hosts)
        nginx.start()
        runner.env["PORTAL_DEPLOY_RELOAD"] = nginx.reload_command()

        # 2. One article merged.
        when = (dt.datetime.now(TIMEZONE) - dt.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
        article = work / "content" / parent.id / "articles" / "thu-trien-khai.md"
        article.write_text(
            f'---\ntitle: "Tin thử triển khai DRYRUN"\ndate: {when}\ncategory: "Thông báo"\n---\n'
            "Nội dung tin thử.\n",
            encoding="utf-8",
        )
        git = ["git", "-c", "user.name=dry-run", "-c", "user.email=dry-run@invalid"]
        subprocess.run([*git, "add", "-A", "content"], cwd=work, check=True)
        subprocess.run([*git, "commit", "-qm", "Tin thử"], cwd=work, check=True)
        subprocess.run(
            ["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=work, check=True
        )
        # A new runner has no .venv: it comes from the cache (here an uncompressed tar).
        subprocess.run(["rm", "-rf", ".venv"], cwd=work, check=True)
        started = time.monotonic()
        subprocess.run(["tar", "-xf", str(tmp / "venv.tar")], cwd=work, check=True)
        subprocess.run(["touch", ".venv/.installed"], cwd=work, check=True)
        runner.rows.append(("tools from the cache (untar .venv)", time.monotonic() - started))
        build_and_deploy("push")
        assert "DRYRUN" in fetch(nginx.port, hosts[parent.id]), "the article is not live"
        runner.table("2. Merge of one article → live (fetched from nginx)")

        # 3. A timer run with nothing due.
        due = plan("schedule")
        assert due["due"] == "false", due
        runner.table("3. Timer run, nothing due (the plan job only: logs, build, deploy skipped)")

        # 4. Rollback to the first deploy.
        outputs = runner.step(
            "rollback: has + switch + reload", "rollback", "Switch the origin back", SHA=first_sha
        )
        assert outputs == {"done": "true"}, outputs
        assert "DRYRUN" not in fetch(nginx.port, hosts[parent.id]), "the rollback is not live"
        runner.table("4. Rollback to the first deploy (kept release)")
        print(
            "\nNot measurable here (GitHub's side): job start (~5–15 s each), the container "
            "image pull (~15–30 s, cached on hosted runners only sometimes), checkout with full "
            "history, cache restore/save and artifact upload/download (size-dependent)."
        )
    finally:
        if nginx is not None:
            nginx.stop()
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
