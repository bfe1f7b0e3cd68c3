#!/usr/bin/env python3
"""Refreshes the frames in the Docs from the program itself.

Every line `<!-- frame: render ARGS -->` in a Markdown file under Docs/ (and README.md) is followed by a
fenced block holding the output of `losslab render ARGS --color never`; this script rewrites those blocks.
Every line `<!-- image: FILE render ARGS -->` names an image (next to the Markdown file) that is the output
of `losslab render ARGS` (e.g. with `--format svg`); this script writes those files.

    swift build && python3 Docs/update-frames.py [path/to/losslab]

The commands run in the repository's root, so a frame can name a file in it (`--data Docs/examples/planets.csv`).
"""
import pathlib
import re
import shlex
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(root / ".build" / "debug" / "losslab")
marker = re.compile(r"^<!-- frame: (.*) -->$")
image = re.compile(r"^<!-- image: (\S+) (render .*) -->$")

files = sorted((root / "Docs").glob("*.md")) + [root / "README.md"]
for path in files:
    lines = path.read_text().split("\n")
    out, i, changed = [], 0, False
    while i < len(lines):
        line = lines[i]
        out.append(line)
        m = marker.match(line)
        i += 1
        picture = image.match(line)
        if picture:
            target = path.parent / picture.group(1)
            data = subprocess.run([binary] + shlex.split(picture.group(2)), check=True, capture_output=True, cwd=root).stdout
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            print("wrote", target.relative_to(root))
        if not m:
            continue
        args = shlex.split(m.group(1)) + ["--color", "never"]
        frame = subprocess.run([binary] + args, check=True, capture_output=True, text=True, cwd=root).stdout.rstrip("\n")
        # Skip an existing block right after the marker.
        if i < len(lines) and lines[i].startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            i = j + 1
        out += ["```text", frame, "```"]
        changed = True
    if changed:
        path.write_text("\n".join(out))
        print("updated", path.relative_to(root))
