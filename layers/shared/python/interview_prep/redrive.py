"""``python -m interview_prep.redrive``: the redrive command (in ``interview_prep.ops``)."""

import sys

from interview_prep.ops.redrive import main

if __name__ == "__main__":
    sys.exit(main())
