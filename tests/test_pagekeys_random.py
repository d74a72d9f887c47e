"""Page-level incremental rendering (portal.pagekeys) against cold builds, on random edit
sequences over a copy of the demo: edit a body, a title, a date, a category, the tags; add an
article, delete one, take one down, schedule one into the future, move ``now`` past a date.
After every step the incremental output must equal a cold build of the same state, byte for
byte. Seeded: ``PORTAL_PAGEKEYS_SEQUENCES`` sequences (50) from ``PORTAL_PAGEKEYS_SEED`` (0);
each prints its seed, its steps and the pages kept and rendered.

Affordable: each sequence is a test of its own, so ``pytest -n 2`` runs them on both cores
(each xdist worker builds the demo once, in ``demo_built``); a cold build is made once per
state (content bytes and ``now``): a step that changed nothing (an article taken down twice, a
category set to the one it had) is compared with the cold build of the state it left, and one
that comes back to the demo as built is compared with that worker's cold build of the demo.
Every step is still compared, over every site, with a cold build of exactly its state."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import re
import shutil
from pathlib import Path

import pytest

from portal.build import build
from portal.errors import ContentErrors
from support import DEMO_CONTENT, DEMO_NOW, SETTINGS
from trees import SHOW, differences

SEQUENCES = int(os.environ.get("PORTAL_PAGEKEYS_SEQUENCES", "50"))
FIRST_SEED = int(os.environ.get("PORTAL_PAGEKEYS_SEED", "0"))
OPERATIONS = (
    "body",
    "title",
    "date",
    "category",
    "tags",
    "add",
    "delete",
    "takedown",
    "schedule",
    "time",
)


def _build(content: Path, output: Path, now: dt.datetime, incremental: bool = True):
    return build(content, output, SETTINGS, now=now, search=False, incremental=incremental)


def state(content: Path, now: dt.datetime) -> str:
    """What a build's output depends on besides the code: every content file's path and bytes,
    and ``now``."""
    digest = hashlib.sha256(now.isoformat().encode())
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        digest.update(path.relative_to(content).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def demo_built(tmp_path_factory):
    """The demo built once (pages only); each sequence starts from a copy put back in place.
    Also its state and where its cold build goes (built when a sequence first needs it)."""
    base = tmp_path_factory.mktemp("pagekeys")
    space = base / "space"
    shutil.copytree(DEMO_CONTENT, space / "content")
    _build(space / "content", space / "out", DEMO_NOW)
    template = base / "template"
    space.rename(template)
    return space, template, state(template / "content", DEMO_NOW), base / "template-cold"


class Sequence:
    def __init__(self, root: Path, seed: int):
        self.root = root
        self.content = root / "content"
        self.output = root / "out"
        self.random = random.Random(f"pagekeys-{seed}")
        self.now = DEMO_NOW
        self.count = 0

    def articles(self) -> list[Path]:
        return sorted(self.content.glob("*/articles/*.md"))

    def front(self, path: Path) -> tuple[str, str]:
        text = path.read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        return head, body

    def write(self, path: Path, head: str, body: str) -> None:
        path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")

    def set_field(self, path: Path, name: str, value: str) -> None:
        head, body = self.front(path)
        line = f"{name}: {value}\n"
        if re.search(rf"^{name}:", head, re.M):
            head = re.sub(rf"^{name}:.*\n", line.replace("\\", "\\\\"), head, count=1, flags=re.M)
        else:
            head += line
        self.write(path, head, body)

    def when(self, moment: dt.datetime) -> str:
        return moment.strftime("%Y-%m-%d %H:%M")

    def step(self) -> str:
        """One random edit; its description."""
        self.count += 1
        n = self.count
        operation = self.random.choice(OPERATIONS)
        articles = self.articles()
        path = self.random.choice(articles)
        rel = path.relative_to(self.content).as_posix()
        if operation == "body":
            head, body = self.front(path)
            self.write(path, head, body + f"\nĐoạn bổ sung số {n} cho bài này.\n")
        elif operation == "title":
            head, body = self.front(path)
            self.write(path, head.replace('title: "', f'title: "Sửa {n}: ', 1), body)
        elif operation == "date":
            moment = self.now - dt.timedelta(days=self.random.randint(1, 200), minutes=n)
            self.set_field(path, "date", self.when(moment))
        elif operation == "category":
            site = path.relative_to(self.content).parts[0]
            used = sorted(
                {
                    m.group(1)
                    for other in self.content.glob(f"{site}/articles/*.md")
                    if (m := re.search(r'^category: "(.*)"$', other.read_text("utf-8"), re.M))
                }
            )
            self.set_field(path, "category", f'"{self.random.choice(used)}"')
        elif operation == "tags":
            self.set_field(
                path, "tags", f"[thẻ thử {n}, {self.random.choice(['an ninh', 'y tế'])}]"
            )
        elif operation == "add":
            target = path.with_name(f"{self.when(self.now)[:10]}-bai-moi-{n}.md")
            shutil.copyfile(path, target)
            head, body = self.front(target)
            head = re.sub(
                r"^title:.*\n",
                f'title: "Bài mới số {n} {self.random.random():.6f}"\n',
                head,
                count=1,
                flags=re.M,
            )
            head = re.sub(r"^slug:.*\n", "", head, flags=re.M)
            self.write(target, head, body)
            self.set_field(
                target, "date", self.when(self.now - dt.timedelta(hours=self.random.randint(1, 99)))
            )
            rel = target.relative_to(self.content).as_posix()
        elif operation == "delete":
            path.unlink()
        elif operation == "takedown":
            head, body = self.front(path)
            if "unpublished:" not in head:
                head += (
                    "unpublished:\n  reason: withdrawn\n"
                    f'  note: "Gỡ bỏ thử số {n}."\n  date: {self.now.date().isoformat()}\n'
                )
                self.write(path, head, body)
        elif operation == "schedule":
            moment = self.now + dt.timedelta(days=self.random.randint(1, 4), hours=n)
            self.set_field(path, "date", self.when(moment))
        else:  # time
            self.now += dt.timedelta(
                days=self.random.randint(1, 5), hours=self.random.randint(0, 23)
            )
            rel = ""
        return f"{operation} {rel}".strip()


def run_sequence(demo_built, seed: int) -> None:
    root, template, template_state, template_cold = demo_built
    shutil.copytree(template, root, symlinks=True)
    try:
        sequence = Sequence(root, seed)
        colds = {template_state: template_cold}  # state → its cold build (built or to build)
        steps = sequence.random.randint(1, 3)
        for number in range(steps):
            saved = {p: p.read_bytes() for p in sequence.articles()}
            now = sequence.now
            what = sequence.step()
            try:
                result = _build(sequence.content, sequence.output, sequence.now)
            except ContentErrors:  # an edit the checks refuse (e.g. a redirect's target deleted)
                for path in sequence.articles():
                    if path not in saved:
                        path.unlink()
                for path, data in saved.items():
                    path.write_bytes(data)
                sequence.now = now
                print(f"seed {seed} step {number + 1}: {what}: refused by the checks, undone")
                continue
            kept = sum(s.pages_kept for s in result.sites)
            rendered = sum(s.pages_rendered for s in result.sites)
            cold = colds.setdefault(state(sequence.content, sequence.now), root / f"cold-{number}")
            reused = cold.exists()
            if not reused:  # built aside, then put in place: a failed build is never reused
                _build(sequence.content, root / "cold-building", sequence.now, incremental=False)
                (root / "cold-building").rename(cold)
            problems = differences(cold, sequence.output)
            print(
                f"seed {seed} step {number + 1}: {what}: {rendered} pages rendered, {kept} kept, "
                f"{result.seconds:.1f} s{'; the cold build of an earlier state' if reused else ''}"
            )
            assert not problems, (
                f"seed {seed}, step {number + 1} ({what}): {len(problems)} differences, "
                f"first: {problems[:SHOW]}"
            )
    finally:
        shutil.rmtree(root)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + SEQUENCES))
def test_random_edits_give_the_cold_output(demo_built, seed):
    run_sequence(demo_built, seed)
