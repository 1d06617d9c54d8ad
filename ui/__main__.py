"""`python -m ui`: the same as the `kyo` command."""

import sys

from ui.launcher import main

sys.exit(main())
