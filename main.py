"""Start gdsim: ``python main.py [ARGS]`` is ``gdsim [ARGS]``."""

import sys

from gdsim.cli import main

if __name__ == "__main__":
    sys.exit(main())
