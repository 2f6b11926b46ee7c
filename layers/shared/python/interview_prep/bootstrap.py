"""``python -m interview_prep.bootstrap``: the set-up command (in ``interview_prep.ops``)."""

import sys

from interview_prep.ops.bootstrap import main

if __name__ == "__main__":
    sys.exit(main())
