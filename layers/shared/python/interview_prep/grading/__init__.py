"""Answer grading: the offline grader, the gate, the request to the provider chain."""
