"""``python -m interview_prep.keys``: the key command (in ``interview_prep.ops``)."""

import sys

from interview_prep.ops.keys import main

if __name__ == "__main__":
    sys.exit(main())
