"""Running the real command line in a subprocess, as a user or a script would."""

import subprocess
import sys


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m core ARGS…``: exit status, standard output and error as text."""
    return subprocess.run(
        [sys.executable, "-m", "core", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
