"""Entry point of ``python -m core.cli`` (same as ``python -m core``)."""

import sys

from core.cli import main

sys.exit(main())
