"""Deploying to S3-compatible storage, for real over HTTP on loopback (moto's S3 server):
objects with the policy's types and caching, only new contents uploaded, removals, a rollback
from a kept manifest without uploading, old manifests and their blobs pruned."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner
from test_origin import A, B

from portal.cli import main
from portal.deploy import DeployError
from portal.deploy.s3 import Bucket, client, manifest

pytestmark = pytest.mark.xdist_group("deploy")  # one worker: one sshd, two_builds once
C = "c" * 40


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_server, monkeypatch, request) -> Bucket:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    s3 = client(s3_server)
    name = "portal-" + request.node.name.replace("_", "-")[:40].lower()
    s3.create_bucket(Bucket=name)
    return Bucket(s3, name, prefix="cong/")


def head(bucket: Bucket, key: str) -> dict:
    return bucket.client.head_object(Bucket=bucket.bucket, Key=bucket.prefix + key)


def body(bucket: Bucket, key: str) -> str:
    got = bucket.client.get_object(Bucket=bucket.bucket, Key=bucket.prefix + key)
    return got["Body"].read().decode()


def test_publish_with_types_and_caching_then_roll_back(bucket, two_builds, tmp_path):
    first, second = two_builds
    counts = bucket.publish(first, A)
    assert counts["uploaded"] > 10 and counts["removed"] == 0
    assert "ALPHA" in body(bucket, "huyen/index.html")
    page = head(bucket, "huyen/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == "public, max-age=300"
    feed = next(p for p in (first / "huyen").rglob("feed.json")).relative_to(first)
    assert head(bucket, feed.as_posix())["ContentType"] == "application/feed+json"
    css = next((first / "huyen" / "theme").rglob("*.css")).relative_to(first)
    assert "immutable" in head(bucket, css.as_posix())["CacheControl"]
    with pytest.raises(bucket.client.exceptions.ClientError):
        head(bucket, "huyen/_headers")  # the host files stay out

    # One article merged: only new contents travel; the removed file goes.
    removed = tmp_path / "second"
    shutil.copytree(second, removed)
    (first / "huyen" / "gone.txt").write_text("x", encoding="utf-8")
    try:
        bucket.publish(first, C)
    finally:
        (first / "huyen" / "gone.txt").unlink()
    assert body(bucket, "huyen/gone.txt") == "x"
    counts = bucket.publish(removed, B)
    assert 0 < counts["uploaded"] < len(manifest(removed)) / 3, counts
    assert counts["removed"] == 1
    with pytest.raises(bucket.client.exceptions.ClientError):
        head(bucket, "huyen/gone.txt")
    assert "BRAVO" in body(bucket, "huyen/index.html")
    assert bucket.current() == B

    # Rollback: nothing uploaded, the kept manifest's objects live again.
    blobs = len(bucket._list("_portal/blobs/"))
    counts = bucket.rollback(A)
    assert counts["uploaded"] == 0 and counts["changed"] > 0
    assert "BRAVO" not in body(bucket, "huyen/index.html")
    assert bucket.current() == A and len(bucket._list("_portal/blobs/")) == blobs
    with pytest.raises(DeployError, match="no release"):
        bucket.rollback("d" * 40)
    assert bucket.current() == A


def test_old_manifests_and_their_blobs_are_pruned(bucket, two_builds):
    first, second = two_builds
    bucket.publish(first, A, keep=1)
    bucket.publish(second, B, keep=1)
    assert set(bucket.releases()) == {B} and bucket.has(B) and not bucket.has(A)
    used = {e["sha256"] for e in bucket.releases()[B].values()}
    assert {k.rsplit("/", 1)[-1] for k in bucket._list("_portal/blobs/")} == used


def test_the_cli_publishes_and_rolls_back(bucket, two_builds, s3_server):
    second = two_builds[1]
    env = {
        "PORTAL_S3_BUCKET": bucket.bucket,
        "PORTAL_S3_PREFIX": "cong/",
        "AWS_ENDPOINT_URL": s3_server,
        **{k: os.environ[k] for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")},
    }
    runner = CliRunner()
    done = runner.invoke(main, ["deploy", "s3", str(second), "--commit", B], env=env)
    assert done.exit_code == 0, done.output
    assert "uploaded" in done.output and bucket.current() == B
    done = runner.invoke(main, ["deploy", "s3-rollback", "--commit", B], env=env)
    assert done.exit_code == 0 and "uploaded 0" in done.output, done.output
    done = runner.invoke(main, ["deploy", "s3-rollback", "--commit", C], env=env)
    assert done.exit_code == 1 and "no release" in done.output and "Traceback" not in done.output
