"""Peak memory of a command, measured so that the test process's own size never leaks into it.

Linux carries a process's peak RSS into a forked child's ru_maxrss, across exec: a command started
straight from a large pytest process would report pytest's peak. So a small launcher process starts
the command and reads the command's own peak from wait4(); the launcher's size is all it inherits.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LAUNCHER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_with_peak_rss(argv: list[str], *, tmp_path: Path, timeout: float = 600, **kwargs
                      ) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``argv`` (a full command line); its CompletedProcess (text output captured) and peak RSS in MB."""
    report = tmp_path / f"peak-rss-{len(list(tmp_path.glob('peak-rss-*')))}.txt"
    done = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, str(report), *map(str, argv)],
                          capture_output=True, text=True, timeout=timeout, **kwargs)
    kb = int(report.read_text()) if report.exists() else 0
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    return done, kb / (2**20 if sys.platform == "darwin" else 2**10)
