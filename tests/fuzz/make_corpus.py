#!/usr/bin/env python3
"""Writes the fuzz corpus (tests/fuzz/corpus/<target>/) from the bundled
plans, the fixture site, the import seeds and the shared search queries,
trimmed so each entry is small. Run from the crate root; the output is
checked in, so run it again only to refresh the seeds."""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parents[2]
out = root / "tests/fuzz/corpus"


def write(target, name, data):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (d / name).write_bytes(data)


def split(text):
    m = re.match(r"---\n(.*?\n)---\n(.*)", text, re.S)
    return (m.group(1), m.group(2)) if m else ("", text)


def cut(text, n):
    """At most n characters, ending at a line end when one is near."""
    if len(text) <= n:
        return text
    i = text.rfind("\n", 0, n)
    return text[: i + 1 if i > n // 2 else n]


# Generated entries are replaced; hand-written ones (`zz-*`, and the
# index target's) are kept.
for target in ["frontmatter", "markdown", "import", "query"]:
    for f in (out / target).glob("*"):
        if not f.name.startswith("zz-"):
            f.unlink()

plans = sorted((root / "content/plans").glob("*/index*.md"))
fixtures = sorted((root / "tests/fixtures").glob("**/*.md"))
for p in plans + fixtures:
    text = p.read_text(encoding="utf-8", errors="replace")
    name = "-".join(p.relative_to(root).parts[-3:]).replace(".md", "")
    front, body = split(text)
    # Front matter whole (it holds the indicators), the body's first lines.
    write("frontmatter", name + ".md", "---\n" + cut(front, 5000) + "---\n" + cut(body, 800))
    if p in plans:
        # Bodies: the start, a table when there is one, and a middle piece.
        write("markdown", name + "-start.md", cut(body, 2500))
        t = body.find("\n|")
        if t >= 0:
            write("markdown", name + "-table.md", cut(body[t + 1 :], 2000))
        mid = body.find("\n#", len(body) // 2)
        if mid >= 0:
            write("markdown", name + "-middle.md", cut(body[mid + 1 :], 2500))
    else:
        write("markdown", name + ".md", cut(body, 2500))

for p in sorted((root / "tests/fixtures/seeds").glob("*.txt")):
    text = p.read_text(encoding="utf-8")
    write("import", p.stem + "-start.txt", cut(text, 3000))
    write("import", p.stem + "-middle.txt", cut(text[len(text) // 2 :], 2000))
gansu = cut((root / "tests/fixtures/seeds/gansu.txt").read_text(encoding="utf-8"), 1500)
write("import", "gansu-gb18030.txt", gansu.encode("gb18030"))
write("import", "gansu-utf16le.txt", b"\xff\xfe" + gansu.encode("utf-16-le"))
write("import", "gansu-utf16be.txt", b"\xfe\xff" + gansu.encode("utf-16-be"))
write("import", "gansu-bom-crlf.txt", b"\xef\xbb\xbf" + gansu.replace("\n", "\r\n").encode())

queries = json.loads((root / "tests/search/queries.json").read_text(encoding="utf-8"))
for i, q in enumerate(queries):
    write("query", f"{i:02}-{q['lang']}.txt", q["q"])
for i, q in enumerate(['"知识产权 保护"', "patent pledge", "IP-intensive", "第十四个五年", "  ", "“质押”"]):
    write("query", f"extra-{i}.txt", q)
