import sys

from nnscratch.cli import main

sys.exit(main())
