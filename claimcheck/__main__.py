"""``python -m claimcheck`` runs the command line."""

import sys

from claimcheck.cli import main

sys.exit(main())
