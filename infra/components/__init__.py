"""The constructs the stack composes; each owns one capability."""
