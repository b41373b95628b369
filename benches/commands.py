#!/usr/bin/env python3
"""Whole-command benchmark: each CLI step as a process, as a user runs it.

Generates a corpus of N articles (600 words each) with a project of 5 mentions
and 0.1 stances per article and two more coders' versions, then times every
step against `cat` of the corpus files, interleaved (cat, step, cat, step…),
and prints the median of the per-pair ratios and the step's peak memory
(maximum resident set, from wait4) as a Markdown table.

    cargo build --release
    python3 benches/commands.py --docs 20000 --work /tmp/sm-bench

The generated folder is kept between runs (delete it to regenerate).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(cmd, cwd=None, ok=(0,)):
    """Runs `cmd`, returns (seconds, peak RSS in bytes)."""
    # stderr to a file: a pipe nobody reads would stop a long report.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        sys.exit(f"{' '.join(map(str, cmd))} exited {code}:\n{err[-2000:]}")
    return seconds, usage.ru_maxrss * 1024


def tree_bytes(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default="/tmp/stancemark-commands")
    ap.add_argument("--bin", default="target/release/stancemark")
    ap.add_argument("--only", default="", help="comma-separated step names")
    args = ap.parse_args()
    exe = str(Path(args.bin).resolve())
    work = Path(args.work) / f"{args.docs}"
    gen = work / "gen"
    corpus = gen / "corpus"
    project = gen / "project.ron"
    if not project.exists():
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        subprocess.run(
            [exe, "generate", gen, "--docs", str(args.docs), "--mentions", str(args.docs * 5),
             "--stances", str(args.docs // 10), "--coders", "2"],
            check=True)
        # Exit 1: the stances a spaCy file cannot carry are listed.
    if not (work / "in.jsonl").exists():
        subprocess.run([exe, "export", project, "--format", "spacy", "--out", work / "in.jsonl"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    saves = work / "saves"
    if not (saves / "team.ron").exists():
        saves.mkdir(exist_ok=True)
        for name in ["project", "coder-2", "coder-3"]:
            shutil.copy(gen / f"{name}.ron", saves / f"{name}.ron")
        subprocess.run([exe, "team", "init", "--corpus", corpus, "--annotators",
                        "synthetic,coder-2,coder-3", "--team", saves / "team.ron"], check=True)
    files = [str(p) for p in sorted(corpus.rglob("*.txt"))]
    corpus_bytes = sum(os.path.getsize(f) for f in files)
    project_bytes = project.stat().st_size
    out = work / "out"

    trash = work / "trash"
    trash.mkdir(exist_ok=True)

    def fresh(*paths):
        # Moved aside, deleted after the runs: deleting tens of thousands of
        # files just before a step would slow the step's own writes.
        def prepare():
            for p in paths:
                if p.exists():
                    p.rename(trash / f"{len(list(trash.iterdir()))}")
        return prepare

    def copy_ours():
        shutil.copy(gen / "coder-2.ron", out / "ours.ron")

    out.mkdir(exist_ok=True)
    steps = [
        ("stats", [exe, "stats", project], None),
        ("validate --corpus", [exe, "validate", project, "--corpus", corpus], None),
        ("import (spaCy JSONL)", [exe, "import", "--corpus", corpus, "--format", "spacy",
                                  "--from", work / "in.jsonl", "--out", out / "imported.ron",
                                  "--annotator", "imp"], fresh(out / "imported.ron")),
    ]
    for fmt, target in [("spacy", "x.jsonl"), ("doccano", "x.doccano.jsonl"),
                        ("conll", "x.conll"), ("hf", "hf"), ("brat", "brat"),
                        ("labelstudio", "x.ls.json"), ("webanno", "webanno"),
                        ("w3c", "x.w3c.json")]:
        steps.append((f"export {fmt}", [exe, "export", project, "--format", fmt,
                                        "--out", out / target], fresh(out / target)))
    for fmt in ["brat", "webanno"]:
        steps.append((f"export {fmt} --force over the last", [
            exe, "export", project, "--format", fmt, "--out", out / f"{fmt}-again", "--force"],
            None))
    coders = [project, gen / "coder-2.ron", gen / "coder-3.ron"]
    steps += [
        ("agree (3 coders)", [exe, "agree", *coders], None),
        ("merge --strategy majority (3)", [exe, "merge", *coders, "--strategy", "majority",
                                           "--out", out / "gold.ron", "--force"], None),
        ("merge-file", [exe, "merge-file", project, out / "ours.ron", gen / "coder-3.ron"],
         copy_ours),
        ("team status (3 saves)", [exe, "team", "status", "--corpus", corpus,
                                   "--saves", work / "saves"], None),
    ]
    only = {s for s in args.only.split(",") if s}
    if only:
        steps = [s for s in steps if s[0] in only]
    # The --force steps replace an export made once beforehand.
    for fmt in ["brat", "webanno"]:
        again = out / f"{fmt}-again"
        if not again.exists():
            run([exe, "export", project, "--format", fmt, "--out", again], ok=(0, 1))

    cat = ["cat", *files]

    def cat_run():
        start = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            # xargs-like batches keep the argument list within limits.
            for i in range(0, len(files), 2000):
                subprocess.run(["cat", *files[i:i + 2000]], stdout=sink, check=True)
        return time.perf_counter() - start

    del cat
    cat_run()  # warm the page cache
    print(f"{len(files)} articles, corpus {corpus_bytes / 2**20:.0f} MiB, "
          f"project {project_bytes / 2**20:.0f} MiB, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.2f}")
    largest = max(corpus_bytes, project_bytes)
    print()
    print("| step | seconds | ratio to reading the files | peak memory | ÷ largest input |")
    print("|---|---|---|---|---|")
    for name, cmd, prepare in steps:
        ratios, secs, peak = [], [], 0
        for _ in range(args.runs):
            c = cat_run()
            if prepare:
                prepare()
            # Exit 1 is a finding, not a failure: an export or import that
            # lists what it cannot carry, a merge that records conflicts.
            s, rss = run(cmd, ok=(0, 1))
            ratios.append(s / c)
            secs.append(s)
            peak = max(peak, rss)
        print(f"| {name} | {statistics.median(secs):.2f} | {statistics.median(ratios):.2f}× "
              f"| {peak / 2**20:.0f} MiB | {peak / largest:.2f}× |", flush=True)
    c = statistics.median(cat_run() for _ in range(args.runs))
    print(f"\nreading the files (cat): {c:.2f} s")
    shutil.rmtree(trash, ignore_errors=True)


if __name__ == "__main__":
    main()
