"""A stand-in for the GitHub API, as the form editor (Sveltia CMS's ``github`` backend) uses it,
answered from a real bare git repository in a tmp dir.

Contract: ``GitHubStandIn(bare, repo="owner/name", login="ctv")`` serves on 127.0.0.1:0 (``start``,
``stop``; ``url`` is its base; the CMS's ``api_root`` is ``url + "/api/v3"`` and
``graphql_api_root`` is ``url + "/api/graphql"``). The repository's content, branches and commits
are the bare repository's (git plumbing: ``ls-tree``, ``cat-file``, ``hash-object -w``,
``update-index`` on a private index, ``write-tree``, ``commit-tree``, ``update-ref`` with the
expected old value); pull requests and their labels live in memory (``pulls``). Every call is
recorded in ``calls`` as ``(method, path)``; GraphQL calls as ``("POST", "graphql: <first
field>")``.

REST: ``GET /user``, ``GET /repos/<r>/collaborators/<login>`` (204), ``GET /repos/<r>``,
``GET /repos/<r>/git/trees/<rev>?recursive=1``, ``GET /repos/<r>/git/blobs/<sha>`` (raw or
base64 JSON), ``POST /repos/<r>/pulls``, ``GET|PATCH /repos/<r>/pulls/<n>``,
``GET /repos/<r>/pulls/<n>/files``, ``PUT /repos/<r>/pulls/<n>/merge`` (a real merge commit on the
base branch), ``GET|PATCH /repos/<r>/issues/<n>``, ``POST /repos/<r>/issues/<n>/labels``,
``PATCH|DELETE /repos/<r>/git/refs/heads/<branch>``. Anything else: 404, recorded.

GraphQL (graphql-core, a schema of the part of GitHub's that Sveltia queries, so its aliased
and fragment-built queries are parsed and validated as GitHub would): ``repository { id,
defaultBranchRef, ref(qualifiedName) { target { ... on Commit { oid message committedDate
history(first, path) } } }, refs(refPrefix), object(oid | expression) { ... on Blob }, pullRequests(
states, labels, headRefName) }``, ``node(id) { ... on PullRequest }`` and the mutations
``createRef``, ``createCommitOnBranch`` (``expectedHeadOid`` enforced),
``convertPullRequestToDraft``, ``markPullRequestReadyForReview``.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import subprocess
import tempfile
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graphql import build_schema, graphql_sync

SDL = """
type Query {
  repository(owner: String!, name: String!): Repository
  node(id: ID!): Node
}
type Mutation {
  createCommitOnBranch(input: CreateCommitOnBranchInput!): CreateCommitOnBranchPayload
  createRef(input: CreateRefInput!): CreateRefPayload
  convertPullRequestToDraft(input: ConvertPullRequestToDraftInput!): PullRequestPayload
  markPullRequestReadyForReview(input: MarkPullRequestReadyForReviewInput!): PullRequestPayload
}
interface Node { id: ID! }
interface GitObject { oid: String! }
interface Actor { login: String! avatarUrl: String }
enum PullRequestState { OPEN CLOSED MERGED }
enum IssueOrderField { CREATED_AT UPDATED_AT COMMENTS }
enum OrderDirection { ASC DESC }
enum RepositoryAffiliation { OWNER COLLABORATOR ORGANIZATION_MEMBER }
enum PatchStatus { ADDED DELETED RENAMED COPIED MODIFIED CHANGED }
input IssueOrder { field: IssueOrderField! direction: OrderDirection! }
type Repository implements Node {
  id: ID!
  nameWithOwner: String!
  owner: User!
  defaultBranchRef: Ref
  ref(qualifiedName: String!): Ref
  refs(refPrefix: String!, first: Int): RefConnection
  object(oid: String, expression: String): GitObject
  pullRequests(states: [PullRequestState!], labels: [String!], first: Int, orderBy: IssueOrder,
               headRefName: String): PullRequestConnection!
  forks(ownerAffiliations: [RepositoryAffiliation], first: Int): RepositoryConnection!
}
type RepositoryConnection { nodes: [Repository!]! }
type Ref { name: String! target: GitObject }
type RefConnection { nodes: [Ref!]! }
type Commit implements GitObject {
  oid: String!
  message: String!
  committedDate: String!
  author: GitActor
  history(first: Int, path: String): CommitHistoryConnection!
  file(path: String!): TreeEntry
}
type CommitHistoryConnection { nodes: [Commit!]! }
type TreeEntry { oid: String! path: String }
type Blob implements GitObject {
  oid: String! text: String isTruncated: Boolean! byteSize: Int! isBinary: Boolean
}
type GitActor { name: String email: String user: User }
type User implements Actor & Node {
  id: ID! login: String! avatarUrl: String name: String email: String databaseId: Int
}
type Label { name: String! }
type LabelConnection { nodes: [Label!]! }
type PullRequestChangedFile { path: String! changeType: PatchStatus! }
type PullRequestChangedFileConnection { nodes: [PullRequestChangedFile!]! }
type PullRequest implements Node {
  id: ID! number: Int! title: String! url: String! isDraft: Boolean! isCrossRepository: Boolean!
  createdAt: String! updatedAt: String! headRefName: String! headRefOid: String!
  state: PullRequestState! author: Actor
  labels(first: Int): LabelConnection!
  files(first: Int): PullRequestChangedFileConnection!
}
type PullRequestConnection { totalCount: Int! nodes: [PullRequest!]! }
input CommittableBranch { repositoryNameWithOwner: String branchName: String id: ID }
input FileAddition { path: String! contents: String! }
input FileDeletion { path: String! }
input FileChanges { additions: [FileAddition!] deletions: [FileDeletion!] }
input CommitMessage { headline: String! body: String }
input CreateCommitOnBranchInput {
  branch: CommittableBranch! expectedHeadOid: String! fileChanges: FileChanges
  message: CommitMessage! clientMutationId: String
}
type CreateCommitOnBranchPayload { commit: Commit }
input CreateRefInput { repositoryId: ID! name: String! oid: String! clientMutationId: String }
type CreateRefPayload { ref: Ref }
input ConvertPullRequestToDraftInput { pullRequestId: ID! clientMutationId: String }
input MarkPullRequestReadyForReviewInput { pullRequestId: ID! clientMutationId: String }
type PullRequestPayload { pullRequest: PullRequest }
"""

SCHEMA = build_schema(SDL)
for _name in ("Node", "GitObject", "Actor"):
    SCHEMA.type_map[_name].resolve_type = lambda obj, *_: obj.typename  # type: ignore[attr-defined]

GIT_DATE = "%Y-%m-%dT%H:%M:%SZ"


def _now() -> str:
    return datetime.now(UTC).strftime(GIT_DATE)


class Git:
    """Plumbing on the bare repository."""

    def __init__(self, bare: Path):
        self.bare = bare
        self.lock = threading.Lock()  # one writer at a time, as GitHub serialises a ref's updates

    def run(self, *args: str, data: bytes | None = None, env: dict | None = None) -> bytes:
        return subprocess.run(
            ["git", "-C", str(self.bare), *args],
            input=data,
            capture_output=True,
            check=True,
            env={**os.environ, **(env or {})},
        ).stdout

    def rev(self, rev: str) -> str | None:
        try:
            return self.run("rev-parse", "--verify", "-q", f"{rev}^{{commit}}").decode().strip()
        except subprocess.CalledProcessError:
            return None

    def tree(self, rev: str) -> list[dict]:
        out = self.run("ls-tree", "-r", "-l", "-z", rev).decode()
        entries = []
        for line in filter(None, out.split("\0")):
            meta, path = line.split("\t", 1)
            mode, kind, sha, size = meta.split()
            entries.append(
                {"path": path, "mode": mode, "type": kind, "sha": sha, "size": int(size)}
            )
        return entries

    def blob(self, sha: str) -> bytes:
        return self.run("cat-file", "blob", sha)

    def object_id(self, expression: str) -> str | None:
        try:
            return self.run("rev-parse", "--verify", "-q", expression).decode().strip()
        except subprocess.CalledProcessError:
            return None

    def commit(self, sha: str) -> dict:
        out = self.run("show", "-s", "--format=%H%x00%B%x00%an%x00%ae%x00%cI", sha).decode()
        oid, message, name, email, date = out.rstrip("\n").split("\0")
        when = datetime.fromisoformat(date).astimezone(UTC).strftime(GIT_DATE)
        return {"oid": oid, "message": message.strip(), "name": name, "email": email, "date": when}

    def last_commit(self, rev: str, path: str | None) -> str | None:
        out = self.run("log", "-1", "--format=%H", rev, *(["--", path] if path else [])).decode()
        return out.strip() or None

    def write_commit(self, head: str, additions: list, deletions: list, message: str, user) -> str:
        """A commit on top of ``head`` with the files added (base64 contents) and deleted."""
        with tempfile.TemporaryDirectory() as scratch:
            env = {
                "GIT_INDEX_FILE": str(Path(scratch) / "index"),
                "GIT_AUTHOR_NAME": user["name"],
                "GIT_AUTHOR_EMAIL": user["email"],
                "GIT_COMMITTER_NAME": user["name"],
                "GIT_COMMITTER_EMAIL": user["email"],
            }
            self.run("read-tree", head, env=env)
            for path in deletions:
                self.run("update-index", "--force-remove", "--", path, env=env)
            for path, contents in additions:
                sha = self.run("hash-object", "-w", "--stdin", data=contents).decode().strip()
                self.run("update-index", "--add", "--cacheinfo", f"100644,{sha},{path}", env=env)
            tree = self.run("write-tree", env=env).decode().strip()
            return (
                self.run("commit-tree", tree, "-p", head, "-m", message, env=env).decode().strip()
            )

    def move(self, branch: str, new: str, old: str | None) -> None:
        """``refs/heads/<branch>`` to ``new`` if it still is ``old`` (None: must not exist)."""
        self.run("update-ref", f"refs/heads/{branch}", new, old or "0" * 40)


class Refused(Exception):
    """A GraphQL or REST call GitHub would refuse; its message is GitHub's kind of message."""


class GitObjectView:
    def __init__(self, api: GitHubStandIn, oid: str):
        self.api, self.oid = api, oid


class CommitView(GitObjectView):
    typename = "Commit"

    def _data(self) -> dict:
        return self.api.git.commit(self.oid)

    def message(self, info) -> str:
        return self._data()["message"]

    def committedDate(self, info) -> str:
        return self._data()["date"]

    def author(self, info) -> dict:
        data = self._data()
        user = self.api.user_node() if data["email"] == self.api.user["email"] else None
        return {"name": data["name"], "email": data["email"], "user": user}

    def history(self, info, first: int = 1, path: str | None = None) -> dict:
        found = self.api.git.last_commit(self.oid, path)
        return {"nodes": [CommitView(self.api, found)] if found and first else []}

    def file(self, info, path: str) -> dict | None:
        oid = self.api.git.object_id(f"{self.oid}:{path}")
        return {"oid": oid, "path": path} if oid else None


class BlobView(GitObjectView):
    typename = "Blob"

    def _bytes(self) -> bytes:
        return self.api.git.blob(self.oid)

    def text(self, info) -> str | None:
        data = self._bytes()
        try:
            return data.decode()
        except UnicodeDecodeError:
            return None

    def isTruncated(self, info) -> bool:
        return False

    def byteSize(self, info) -> int:
        return len(self._bytes())

    def isBinary(self, info) -> bool:
        return self.text(info) is None


class PullRequestView:
    typename = "PullRequest"

    def __init__(self, api: GitHubStandIn, pr: dict):
        self.api, self.pr = api, pr
        self.id, self.number, self.title = pr["node_id"], pr["number"], pr["title"]
        self.url, self.isDraft, self.isCrossRepository = pr["html_url"], pr["draft"], False
        self.createdAt, self.updatedAt = pr["created_at"], pr["updated_at"]
        self.headRefName, self.state = pr["head"]["ref"], pr["state"].upper()
        if pr.get("merged"):
            self.state = "MERGED"
        self.headRefOid = api.git.rev(f"refs/heads/{self.headRefName}") or pr["head"]["sha"]
        self.author = api.user_node()

    def labels(self, info, first: int = 100) -> dict:
        return {"nodes": [{"name": name} for name in self.pr["labels"]][:first]}

    def files(self, info, first: int = 100) -> dict:
        return {
            "nodes": [
                {"path": f["filename"], "changeType": f["status"].upper()}
                for f in self.api.pr_files(self.pr)
            ][:first]
        }


class RepositoryView:
    typename = "Repository"

    def __init__(self, api: GitHubStandIn):
        self.api = api
        self.id, self.nameWithOwner = "R_standin", api.repo

    def owner(self, info) -> dict:
        return self.api.user_node()

    def _ref(self, name: str) -> dict | None:
        name = name.removeprefix("refs/heads/")
        oid = self.api.git.rev(f"refs/heads/{name}")
        return {"name": name, "target": CommitView(self.api, oid)} if oid else None

    def defaultBranchRef(self, info) -> dict | None:
        return self._ref(self.api.default_branch)

    def ref(self, info, qualifiedName: str) -> dict | None:
        return self._ref(qualifiedName)

    def refs(self, info, refPrefix: str, first: int = 100) -> dict:
        out = self.api.git.run("for-each-ref", "--format=%(refname)", refPrefix).decode().split()
        return {"nodes": [self._ref(r) for r in out[:first]]}

    def object(self, info, oid: str | None = None, expression: str | None = None):
        found = self.api.git.object_id(oid or expression or "")
        if not found:
            return None
        kind = self.api.git.run("cat-file", "-t", found).decode().strip()
        return {"blob": BlobView, "commit": CommitView}.get(kind, lambda *_: None)(self.api, found)

    def pullRequests(
        self,
        info,
        states=None,
        labels=None,
        first=100,
        orderBy=None,
        headRefName=None,
    ) -> dict:
        found = [
            PullRequestView(self.api, pr)
            for pr in sorted(self.api.pulls.values(), key=lambda p: p["updated_at"], reverse=True)
            if (not labels or set(labels) & set(pr["labels"]))
            and (headRefName is None or pr["head"]["ref"] == headRefName)
        ]
        found = [pr for pr in found if not states or pr.state in states]
        return {"totalCount": len(found), "nodes": found[:first]}

    def forks(self, info, **_) -> dict:
        return {"nodes": []}


class Root:
    def __init__(self, api: GitHubStandIn):
        self.api = api

    def repository(self, info, owner: str, name: str):
        return RepositoryView(self.api) if f"{owner}/{name}" == self.api.repo else None

    def node(self, info, id: str):
        pr = next((p for p in self.api.pulls.values() if p["node_id"] == id), None)
        return PullRequestView(self.api, pr) if pr else None

    def createCommitOnBranch(self, info, input: dict) -> dict:
        api = self.api
        branch = input["branch"]
        if branch.get("repositoryNameWithOwner") not in (None, api.repo):
            raise Refused("Could not resolve to a Repository")
        name = branch["branchName"].removeprefix("refs/heads/")
        with api.git.lock:
            head = api.git.rev(f"refs/heads/{name}")
            if head is None:
                raise Refused(f'A ref named "{name}" does not exist')
            if head != input["expectedHeadOid"]:
                raise Refused(
                    f'Expected branch to point to "{input["expectedHeadOid"]}" but it did not. '
                    "Pull and try again."
                )
            changes = input.get("fileChanges") or {}
            additions = [
                (a["path"], base64.b64decode(a["contents"])) for a in changes.get("additions") or []
            ]
            deletions = [d["path"] for d in changes.get("deletions") or []]
            message = input["message"]["headline"]
            if input["message"].get("body"):
                message += "\n\n" + input["message"]["body"]
            new = api.git.write_commit(head, additions, deletions, message, api.user)
            api.git.move(name, new, head)
        api.commits.append((name, new, [p for p, _ in additions], deletions))
        return {"commit": CommitView(api, new)}

    def createRef(self, info, input: dict) -> dict:
        name = input["name"].removeprefix("refs/heads/")
        with self.api.git.lock:
            try:
                self.api.git.move(name, input["oid"], None)
            except subprocess.CalledProcessError as error:
                raise Refused("Reference already exists") from error
        return {"ref": {"name": name, "target": CommitView(self.api, input["oid"])}}

    def _draft(self, id_: str, draft: bool) -> dict:
        pr = next(p for p in self.api.pulls.values() if p["node_id"] == id_)
        pr["draft"] = draft
        pr["updated_at"] = _now()
        return {"pullRequest": PullRequestView(self.api, pr)}

    def convertPullRequestToDraft(self, info, input: dict) -> dict:
        return self._draft(input["pullRequestId"], True)

    def markPullRequestReadyForReview(self, info, input: dict) -> dict:
        return self._draft(input["pullRequestId"], False)


class GitHubStandIn:
    """See the module's docstring."""

    def __init__(
        self,
        bare: Path,
        repo: str = "lamgiang/portal",
        login: str = "ctv",
        default_branch: str = "main",
    ):
        self.git = Git(bare)
        self.repo, self.default_branch = repo, default_branch
        self.user = {
            "id": 1,
            "login": login,
            "name": "Cộng tác viên",
            "email": f"{login}@example.vn",
        }
        self.pulls: dict[int, dict] = {}
        self.commits: list[tuple[str, str, list[str], list[str]]] = []
        self.calls: list[tuple[str, str]] = []
        self._numbers = itertools.count(1)
        self.server: ThreadingHTTPServer | None = None
        self.url = ""

    # --- data -------------------------------------------------------------------------------

    def user_node(self) -> dict:
        user = self.user
        node = {"id": "U_1", "databaseId": user["id"], "avatarUrl": "", **user}
        return type("UserView", (), {"typename": "User", **node})()

    def pr_files(self, pr: dict) -> list[dict]:
        base, head = pr["base"]["ref"], pr["head"]["ref"]
        if pr.get("merged"):
            return pr["files"]
        out = self.git.run("diff", "--name-status", "-z", f"refs/heads/{base}...refs/heads/{head}")
        words = out.decode().split("\0")
        names = {"A": "added", "M": "modified", "D": "removed"}
        return [
            {"filename": path, "status": names.get(status[0], "modified"), "sha": None}
            for status, path in zip(words[::2], words[1::2], strict=False)
            if path
        ]

    def pr_json(self, pr: dict) -> dict:
        pr["head"]["sha"] = self.git.rev(f"refs/heads/{pr['head']['ref']}") or pr["head"]["sha"]
        return {**pr, "labels": [{"name": name} for name in pr["labels"]]}

    # --- REST -------------------------------------------------------------------------------

    def rest(self, method: str, path: str, query: str, body: dict | None, accept: str):
        """(status, JSON or bytes) for one REST call."""
        repo = f"/api/v3/repos/{self.repo}"
        if path == "/api/v3/user" and method == "GET":
            return 200, {**self.user, "avatar_url": "", "html_url": ""}
        if path == f"{repo}/collaborators/{self.user['login']}" and method == "GET":
            return 204, b""
        if path == repo and method == "GET":
            return 200, {
                "full_name": self.repo,
                "default_branch": self.default_branch,
                "permissions": {"push": True, "admin": False},
                "fork": False,
            }
        if m := re.fullmatch(rf"{repo}/git/trees/(.+)", path):
            rev = self.git.rev(m[1]) or self.git.rev(f"refs/heads/{m[1]}")
            if rev is None:
                return 404, {"message": "Not Found"}
            tree = [
                {
                    "path": e["path"],
                    "mode": e["mode"],
                    "type": e["type"],
                    "sha": e["sha"],
                    "size": e["size"],
                }
                for e in self.git.tree(rev)
            ]
            return 200, {"sha": rev, "tree": tree, "truncated": False}
        if m := re.fullmatch(rf"{repo}/git/blobs/([0-9a-f]{{40}})", path):
            data = self.git.blob(m[1])
            if "raw" in accept:
                return 200, data
            return 200, {
                "sha": m[1],
                "size": len(data),
                "encoding": "base64",
                "content": base64.b64encode(data).decode(),
            }
        if path == f"{repo}/pulls" and method == "POST":
            return self.open_pull(body or {})
        if m := re.fullmatch(rf"{repo}/(pulls|issues)/(\d+)(/files|/merge|/labels)?", path):
            pr = self.pulls.get(int(m[2]))
            if pr is None:
                return 404, {"message": "Not Found"}
            return self.on_pull(pr, method, m[1], m[3] or "", body or {})
        if m := re.fullmatch(rf"{repo}/git/refs/heads/(.+)", path):
            branch, head = m[1], self.git.rev(f"refs/heads/{m[1]}")
            if head is None:
                return 422, {"message": "Reference does not exist"}
            with self.git.lock:
                if method == "DELETE":
                    self.git.run("update-ref", "-d", f"refs/heads/{branch}", head)
                    return 204, b""
                if method == "PATCH":
                    self.git.run("update-ref", f"refs/heads/{branch}", body["sha"])
                    return 200, {"ref": f"refs/heads/{branch}", "object": {"sha": body["sha"]}}
        return 404, {"message": "Not Found"}

    def open_pull(self, body: dict):
        head = body["head"].split(":")[-1]
        sha = self.git.rev(f"refs/heads/{head}")
        if sha is None:
            return 422, {"message": "Validation Failed", "errors": [{"field": "head"}]}
        if any(p["head"]["ref"] == head and p["state"] == "open" for p in self.pulls.values()):
            return 422, {"message": f"A pull request already exists for {head}."}
        number, now = next(self._numbers), _now()
        pr = {
            "number": number,
            "node_id": f"PR_{number}",
            "title": body["title"],
            "body": body.get("body", ""),
            "state": "open",
            "draft": bool(body.get("draft")),
            "merged": False,
            "html_url": f"{self.url}/{self.repo}/pull/{number}",
            "head": {"ref": head, "sha": sha},
            "base": {"ref": body["base"]},
            "labels": [],
            "created_at": now,
            "updated_at": now,
            "user": {"login": self.user["login"]},
        }
        self.pulls[number] = pr
        return 201, self.pr_json(pr)

    def on_pull(self, pr: dict, method: str, kind: str, tail: str, body: dict):
        if tail == "/files" and method == "GET":
            return 200, self.pr_files(pr)
        if tail == "/labels" and method == "POST":
            pr["labels"] += [name for name in body.get("labels", []) if name not in pr["labels"]]
            pr["updated_at"] = _now()
            return 200, [{"name": name} for name in pr["labels"]]
        if tail == "/merge" and method == "PUT":
            return self.merge(pr, body)
        if tail == "" and method == "GET":
            return 200, self.pr_json(pr)
        if tail == "" and method == "PATCH":
            if "labels" in body:
                pr["labels"] = [n if isinstance(n, str) else n["name"] for n in body["labels"]]
            if "state" in body:
                pr["state"] = body["state"]
            if "title" in body:
                pr["title"] = body["title"]
            pr["updated_at"] = _now()
            return 200, self.pr_json(pr)
        return 404, {"message": "Not Found"}

    def merge(self, pr: dict, body: dict):
        if pr["state"] != "open" or pr["merged"]:
            return 405, {"message": "Pull Request is not mergeable"}
        base, head = pr["base"]["ref"], pr["head"]["ref"]
        with self.git.lock:
            files = self.pr_files(pr)
            old, theirs = self.git.rev(f"refs/heads/{base}"), self.git.rev(f"refs/heads/{head}")
            tree = self.git.run("merge-tree", "--write-tree", old, theirs).decode().split()[0]
            title = body.get("commit_title") or pr["title"]
            env = {
                "GIT_AUTHOR_NAME": self.user["name"],
                "GIT_AUTHOR_EMAIL": self.user["email"],
                "GIT_COMMITTER_NAME": self.user["name"],
                "GIT_COMMITTER_EMAIL": self.user["email"],
            }
            parents = (
                ["-p", old] if body.get("merge_method") == "squash" else ["-p", old, "-p", theirs]
            )
            new = self.git.run("commit-tree", tree, *parents, "-m", title, env=env).decode().strip()
            self.git.move(base, new, old)
        pr.update(state="closed", merged=True, merge_commit_sha=new, files=files, updated_at=_now())
        return 200, {"sha": new, "merged": True, "message": "Pull Request successfully merged"}

    # --- GraphQL ----------------------------------------------------------------------------

    def graphql(self, body: dict) -> dict:
        result = graphql_sync(
            SCHEMA,
            body.get("query", ""),
            root_value=Root(self),
            variable_values=body.get("variables"),
        )
        out: dict = {"data": result.data}
        if result.errors:
            out["errors"] = [{"message": e.message, "path": e.path} for e in result.errors]
        return out

    # --- server -----------------------------------------------------------------------------

    def start(self) -> GitHubStandIn:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, payload) -> None:
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                kind = (
                    "application/octet-stream" if isinstance(payload, bytes) else "application/json"
                )
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header(
                    "Access-Control-Allow-Headers", "Authorization, Content-Type, Accept"
                )
                self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
                self.send_header("Access-Control-Expose-Headers", "*")
                self.end_headers()
                if status != 204:
                    self.wfile.write(data)

            def do_OPTIONS(self) -> None:
                self._send(204, b"")

            def _handle(self) -> None:
                path, _, query = self.path.partition("?")
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                if self.headers.get("Authorization") != f"token {api.token}" and not (
                    (self.headers.get("Authorization") or "").endswith(api.token)
                ):
                    api.calls.append((self.command, path + " (no token)"))
                    self._send(401, {"message": "Bad credentials"})
                    return
                try:
                    if path == "/api/graphql":
                        first = re.search(r"\{\s*(\w+)", (body or {}).get("query", ""))
                        api.calls.append(("POST", f"graphql: {first[1] if first else '?'}"))
                        self._send(200, api.graphql(body or {}))
                        return
                    api.calls.append((self.command, path))
                    status, payload = api.rest(
                        self.command, path, query, body, self.headers.get("Accept") or ""
                    )
                except Refused as error:
                    status, payload = 422, {"message": str(error)}
                self._send(status, payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        return self

    token = "github_pat_standin"

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self._thread.join(timeout=5)
            self.server = None


def bare_clone_of(content: Path, where: Path, branch: str = "main") -> Path:
    """A bare repository whose ``branch`` has one commit: ``content`` under ``content/``."""
    work, bare = where / "work", where / "repo.git"
    env = {
        "GIT_AUTHOR_NAME": "portal",
        "GIT_AUTHOR_EMAIL": "portal@example.vn",
        "GIT_COMMITTER_NAME": "portal",
        "GIT_COMMITTER_EMAIL": "portal@example.vn",
    }
    subprocess.run(["git", "init", "-q", "-b", branch, str(work)], check=True)
    subprocess.run(["cp", "-r", str(content), str(work / "content")], check=True)
    for args in (["add", "-A"], ["commit", "-q", "-m", "Nội dung ban đầu"]):
        subprocess.run(["git", "-C", str(work), *args], check=True, env={**os.environ, **env})
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    return bare
