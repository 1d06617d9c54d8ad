"""`python -m app`: the command line with no window (for servers and scripts)."""

import sys

from app.cli import main

sys.exit(main())
