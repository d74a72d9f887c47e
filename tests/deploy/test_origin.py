"""Deploying to an nginx origin over SSH, for real on loopback: rsync into a release folder,
an atomic switch of ``current``, nginx serving the new release with the site's generated
include after the reload, rollback by switching back without uploading, old releases pruned."""

from __future__ import annotations

import http.client
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from portal.cli import main
from portal.deploy import DeployError
from portal.deploy.loopback import OriginNginx

pytestmark = pytest.mark.xdist_group("deploy")  # one worker: one sshd, two_builds once
A, B, C = "a" * 40, "b" * 40, "c" * 40
HOSTS = {"huyen": "huyen.example", "xa": "xa.example"}


def get(port: int, host: str, path: str = "/") -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def test_publish_switch_and_rollback_behind_nginx(origin, two_builds):
    first, second = two_builds
    assert origin.publish(first, A) is True
    server = OriginNginx(origin.root, HOSTS)
    try:
        server.start()
        status, headers, body = get(server.port, "huyen.example")
        assert status == 200 and "ALPHA" in body and "BRAVO" not in body
        assert "Content-Security-Policy" in headers  # the site's include is in force
        assert get(server.port, "xa.example")[0] == 200
        assert get(server.port, "huyen.example", "/_nginx.conf")[0] == 404

        assert origin.publish(second, B, reload=server.reload_command()) is True
        status, _, body = get(server.port, "huyen.example")
        assert status == 200 and "BRAVO" in body
        root = Path(origin.root)
        assert os.readlink(root / "current") == f"releases/{B}"
        # Unchanged files are hard links to the release before: only changes travel.
        css = next((root / "releases" / B / "huyen" / "theme").rglob("*.css"))
        twin = root / "releases" / A / css.relative_to(root / "releases" / B)
        assert css.stat().st_ino == twin.stat().st_ino

        started = time.monotonic()
        origin.switch(A, reload=server.reload_command())
        took = time.monotonic() - started
        status, _, body = get(server.port, "huyen.example")
        assert status == 200 and "ALPHA" in body and "BRAVO" not in body
        assert took < 5, took
        # Publishing a commit the origin keeps uploads nothing: a redeploy is a switch.
        assert origin.publish(second, B) is False
        assert "BRAVO" in get(server.port, "huyen.example")[2]
    finally:
        server.stop()


def test_old_releases_are_pruned_but_never_the_live_one(origin, two_builds):
    first, second = two_builds
    origin.publish(first, A, keep=2)
    origin.publish(second, B, keep=2)
    origin.switch(C, keep=2, uploaded=origin.upload(first, C))
    live, kept = origin.releases()
    assert live == C and kept == [C, B]
    origin.switch(B, keep=1)
    assert origin.releases() == (B, [B])


def test_rollback_to_a_release_that_is_gone_changes_nothing(origin, two_builds):
    origin.publish(two_builds[0], A)
    with pytest.raises(DeployError, match="no release"):
        origin.switch(B)
    assert origin.releases() == (A, [A])
    with pytest.raises(DeployError, match="not a commit id"):
        origin.switch("../../etc")


def test_the_cli_deploys_and_rolls_back(origin, two_builds):
    first, second = two_builds
    env = {
        "PORTAL_DEPLOY_HOST": origin.host,
        "PORTAL_DEPLOY_ROOT": origin.root,
        "PORTAL_DEPLOY_SSH": " ".join(origin.ssh),
    }
    runner = CliRunner()
    done = runner.invoke(main, ["deploy", "origin", str(first), "--commit", A], env=env)
    assert done.exit_code == 0, done.output
    done = runner.invoke(main, ["deploy", "origin", str(second), "--commit", B], env=env)
    assert done.exit_code == 0, done.output
    assert runner.invoke(main, ["deploy", "has", "--commit", A], env=env).exit_code == 0
    assert runner.invoke(main, ["deploy", "has", "--commit", C], env=env).exit_code == 1
    done = runner.invoke(main, ["deploy", "rollback", "--commit", A], env=env)
    assert done.exit_code == 0, done.output
    assert origin.releases()[0] == A
    done = runner.invoke(main, ["deploy", "rollback", "--commit", C], env=env)
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert "no release" in done.output


@pytest.mark.slow
def test_readers_never_see_a_missing_or_mixed_page_while_releases_switch(origin, two_builds):
    """Seeded: 40 switches between two releases while a reader fetches the home page and its
    stylesheet without pause; every answer is whole and from one release or the other."""
    import random
    import threading

    first, second = two_builds
    origin.publish(first, A)
    origin.upload(second, B)
    origin.switch(B, uploaded=True)
    server = OriginNginx(origin.root, HOSTS)
    answers: list[tuple[int, str]] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            status, _, body = get(server.port, "huyen.example")
            answers.append((status, body))

    rng = random.Random(16)
    try:
        server.start()
        thread = threading.Thread(target=reader)
        thread.start()
        started = time.monotonic()
        for _ in range(40):
            origin.switch(rng.choice([A, B]), reload=server.reload_command())
        stop.set()
        thread.join()
        took = time.monotonic() - started
    finally:
        stop.set()
        server.stop()
    bad = [s for s, body in answers if s != 200 or not body.rstrip().endswith("</html>")]
    print(f"seed 16: 40 switches in {took:.1f} s, {len(answers)} answers, {len(bad)} bad")
    assert len(answers) > 40 and bad == []
    assert {("BRAVO" in body) for _, body in answers} == {True, False}
