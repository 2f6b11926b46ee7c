import sys

from interview_prep.local.stack import main

sys.exit(main())
