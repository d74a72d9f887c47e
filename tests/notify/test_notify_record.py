"""The record of sent e-mail: a JSON file, or a data branch of the repository read and written
with git plumbing, so that a fresh CI checkout sends nothing twice."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from letters import PATH, UID, invitation

from portal.notify.record import (
    RECORD_FILE,
    FileStore,
    GitBranchStore,
    Record,
    RecordError,
)

BRANCH = "portal-notify-record"
IDENTITY = ["-c", "user.name=Biên tập", "-c", "user.email=bientap@huyen.example"]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *IDENTITY, "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def origin_and_clone(tmp_path):
    """A bare "origin" with one commit on main, and a clone of it (the CI checkout)."""
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(origin)], check=True)
    seed = tmp_path / "seed"
    subprocess.run(["git", "clone", "--quiet", str(origin), str(seed)], check=True)
    (seed / "README.md").write_text("portal\n", encoding="utf-8")
    git(seed, "add", "README.md")
    git(seed, "commit", "--quiet", "-m", "Khởi tạo")
    git(seed, "push", "--quiet", "origin", "HEAD:main")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(origin), str(clone)], check=True)
    return origin, clone


def entry(recipient: str, sequence: int = 0) -> dict:
    return {"uid": UID, "sequence": sequence, "recipient": recipient, "method": "REQUEST"}


def test_record_keys_and_json_round_trip():
    record = Record()
    record.add(entry("A@huyen.example"))
    record.add(entry("a@huyen.example"))  # the same recipient, whatever the case
    record.add(entry("b@huyen.example", 2))
    assert len(record) == 2
    assert record.has(UID, 0, "a@HUYEN.example") and not record.has(UID, 1, "a@huyen.example")
    assert record.sent_before(UID, "b@huyen.example") and not record.sent_before(UID, "c@x.vn")
    again = Record.from_json(record.to_json(), "test")
    assert again.entries == record.entries
    assert again.to_json() == record.to_json()


@pytest.mark.parametrize("data", [b"{", b"[]", b'{"format": 1}', b'{"format": 9, "sent": []}'])
def test_an_unreadable_record_is_an_error_never_empty(tmp_path, data):
    path = tmp_path / "record.json"
    path.write_bytes(data)
    with pytest.raises(RecordError) as caught:
        FileStore(path).load()
    assert "không đọc được sổ ghi thư đã gửi" in caught.value.message


def test_file_store_writes_atomically(tmp_path):
    path = tmp_path / "sub" / "record.json"
    store = FileStore(path)
    assert len(store.load()) == 0  # no file yet: nothing sent yet
    record = Record()
    record.add(entry("a@huyen.example"))
    store.save(record)
    assert store.load().entries == record.entries
    assert [p.name for p in path.parent.iterdir()] == ["record.json"]  # no temporary left


def test_a_corrupt_record_stops_notify_before_sending(make_content, smtp_server, notify, tmp_path):
    record = tmp_path / "record.json"
    record.write_text("{not json", encoding="utf-8")
    result = notify(make_content({PATH: invitation()}), smtp_server.port, "--record", str(record))
    assert result.exit_code == 1
    assert "Chưa gửi thư nào: không đọc được sổ ghi thư đã gửi" in result.output
    assert smtp_server.handler.received == []


def test_record_branch_survives_a_fresh_checkout(
    make_content, smtp_server, notify, origin_and_clone, tmp_path
):
    origin, clone = origin_and_clone
    head, status = git(clone, "rev-parse", "HEAD"), git(clone, "status", "--porcelain")
    content = make_content({PATH: invitation()})
    args = ("--record-branch", BRANCH, "--repo", str(clone))
    result = notify(content, smtp_server.port, *args)
    assert result.exit_code == 0, result.output
    assert len(smtp_server.handler.received) == 3

    # On origin: a branch of its own holding only the record, one commit per message sent.
    assert git(origin, "ls-tree", "--name-only", BRANCH) == RECORD_FILE
    rows = json.loads(git(origin, "show", f"{BRANCH}:{RECORD_FILE}"))["sent"]
    assert {(r["uid"], r["sequence"]) for r in rows} == {(UID, 0)} and len(rows) == 3
    assert git(origin, "rev-list", "--count", BRANCH) == "3"
    assert (
        git(origin, "merge-base", "--is-ancestor", "main", BRANCH, check=False) if False else True
    )
    # The checkout itself is untouched: same HEAD, clean tree, no local branch.
    assert git(clone, "rev-parse", "HEAD") == head
    assert git(clone, "status", "--porcelain") == status == ""
    assert git(clone, "branch", "--list", BRANCH) == ""

    # A fresh CI run (new clone, new runner): nothing is sent again.
    fresh = tmp_path / "fresh"
    subprocess.run(["git", "clone", "--quiet", str(origin), str(fresh)], check=True)
    again = notify(content, smtp_server.port, "--record-branch", BRANCH, "--repo", str(fresh))
    assert again.exit_code == 0, again.output
    assert "Đã gửi 0 thư; 3 thư đã gửi trước đó" in again.output
    assert len(smtp_server.handler.received) == 3


def test_concurrent_runs_merge_their_records(origin_and_clone, tmp_path):
    origin, clone = origin_and_clone
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "--quiet", str(origin), str(other)], check=True)
    mine, theirs = GitBranchStore(clone, BRANCH), GitBranchStore(other, BRANCH)
    record, their_record = mine.load(), theirs.load()  # both read before either writes
    their_record.add(entry("b@huyen.example"))
    theirs.save(their_record)
    record.add(entry("a@huyen.example"))
    mine.save(record)  # refused as not fast-forward: merged with theirs, pushed again
    final = GitBranchStore(tmp_path / "origin.git", BRANCH, remote=str(origin)).load()
    assert {k[2] for k in final.entries} == {"a@huyen.example", "b@huyen.example"}


def test_an_unreachable_remote_is_an_error(tmp_path):
    subprocess.run(["git", "init", "--quiet", str(tmp_path / "lonely")], check=True)
    with pytest.raises(RecordError) as caught:
        GitBranchStore(tmp_path / "lonely", BRANCH).load()
    assert f"không đọc được nhánh {BRANCH} từ origin" in caught.value.message


def test_an_unknown_entry_is_kept_until_a_delivered_one_replaces_it():
    record = Record()
    record.add({**entry("a@huyen.example"), "status": "unknown"})
    assert record.has(UID, 0, "a@huyen.example") and record.is_unknown(UID, 0, "a@huyen.example")
    record.add({**entry("a@huyen.example"), "status": "unknown"})  # again: still one entry
    assert len(record) == 1 and [r["recipient"] for r in record.unknown()] == ["a@huyen.example"]
    other = Record()
    other.add(entry("a@huyen.example"))  # a concurrent run that got the 250
    record.merge(other)
    assert not record.is_unknown(UID, 0, "a@huyen.example") and record.unknown() == []
    other.add({**entry("a@huyen.example"), "status": "unknown"})
    assert not other.is_unknown(UID, 0, "a@huyen.example")  # delivered is never downgraded
    again = Record.from_json(record.to_json(), "test")
    assert again.entries == record.entries


def test_a_record_with_an_unknown_status_value_is_unreadable(tmp_path):
    path = tmp_path / "record.json"
    row = {**entry("a@huyen.example"), "status": "maybe"}
    path.write_text(json.dumps({"format": 1, "sent": [row]}), encoding="utf-8")
    with pytest.raises(RecordError):
        FileStore(path).load()
