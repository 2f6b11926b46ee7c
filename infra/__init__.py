"""AWS CDK (Python) app of the Interview Prep API: one small construct per capability."""
