"""``python -m cleantext``: the command line (see :mod:`cleantext.cli`)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":  # guarded: worker processes import this module too
    sys.exit(main())
