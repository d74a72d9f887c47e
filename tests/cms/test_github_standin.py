"""The GitHub API stand-in (tests/github_standin.py) without a browser: what the form editor's
workflow test relies on. A save is a real commit on a real branch of the bare repository, a
stale head is refused as GitHub refuses it, and a merged pull request moves ``main``."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request

import pytest
from github_standin import GitHubStandIn, bare_clone_of

from support import DEMO_CONTENT

HEAD = """query($owner: String!, $repo: String!, $branch: String!) {
  repository(owner: $owner, name: $repo) { ref(qualifiedName: $branch) {
    target { ... on Commit { oid history(first: 1) { nodes { oid message } } } } } } }"""
CREATE_REF = "mutation($input: CreateRefInput!) { createRef(input: $input) { ref { name } } }"
COMMIT = """mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) {
  commit { oid file_0: file(path: "content/tinh-lam-giang/articles/moi.md") { oid } } } }"""


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    standin = GitHubStandIn(bare_clone_of(DEMO_CONTENT, tmp_path_factory.mktemp("bare"))).start()
    try:
        yield standin
    finally:
        standin.stop()


def call(api: GitHubStandIn, method: str, path: str, body: dict | None = None):
    request = urllib.request.Request(
        api.url + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"token {api.token}"},
    )
    try:
        with urllib.request.urlopen(request) as response:
            data = response.read()
            return response.status, json.loads(data) if data else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def graphql(api: GitHubStandIn, query: str, **variables) -> dict:
    variables.setdefault("owner", "lamgiang")
    variables.setdefault("repo", "portal")
    return call(api, "POST", "/api/graphql", {"query": query, "variables": variables})[1]


def commit_input(head: str, text: bytes) -> dict:
    contents = base64.b64encode(text).decode()
    return {
        "branch": {"repositoryNameWithOwner": "lamgiang/portal", "branchName": "cms/moi"},
        "expectedHeadOid": head,
        "fileChanges": {
            "additions": [{"path": "content/tinh-lam-giang/articles/moi.md", "contents": contents}]
        },
        "message": {"headline": "Create moi"},
    }


def test_a_save_is_a_commit_on_a_branch_and_a_stale_head_is_refused(api):
    assert call(api, "GET", "/api/v3/user")[1]["login"] == "ctv"
    head = graphql(api, HEAD, branch="main")["data"]["repository"]["ref"]["target"]["oid"]
    made = graphql(
        api, CREATE_REF, input={"repositoryId": "R", "name": "refs/heads/cms/moi", "oid": head}
    )
    assert made == {"data": {"createRef": {"ref": {"name": "cms/moi"}}}}
    answer = graphql(api, COMMIT, input=commit_input(head, b"---\ntitle: Moi\n---\n"))
    commit = answer["data"]["createCommitOnBranch"]["commit"]
    assert api.git.rev("refs/heads/cms/moi") == commit["oid"]
    assert api.git.run("rev-parse", f"{commit['oid']}^") == f"{head}\n".encode()
    shown = api.git.run("show", "refs/heads/cms/moi:content/tinh-lam-giang/articles/moi.md")
    assert shown == b"---\ntitle: Moi\n---\n"
    assert commit["file_0"]["oid"] == api.git.object_id(
        "refs/heads/cms/moi:content/tinh-lam-giang/articles/moi.md"
    )
    stale = graphql(api, COMMIT, input=commit_input(head, b"again\n"))  # head moved since
    assert stale["data"]["createCommitOnBranch"] is None
    assert "Expected branch to point to" in stale["errors"][0]["message"]
    assert api.git.rev("refs/heads/cms/moi") == commit["oid"]

    status, pr = call(
        api,
        "POST",
        "/api/v3/repos/lamgiang/portal/pulls",
        {"title": "Moi", "head": "cms/moi", "base": "main", "draft": True},
    )
    assert status == 201
    path = f"/api/v3/repos/lamgiang/portal/issues/{pr['number']}/labels"
    call(api, "POST", path, {"labels": ["decap-cms/draft"]})
    status, merged = call(
        api,
        "PUT",
        f"/api/v3/repos/lamgiang/portal/pulls/{pr['number']}/merge",
        {"merge_method": "merge"},
    )
    assert status == 200 and merged["merged"]
    assert api.git.run("show", "refs/heads/main:content/tinh-lam-giang/articles/moi.md") == shown
    assert call(api, "GET", "/api/v3/repos/lamgiang/portal/nothing")[0] == 404
