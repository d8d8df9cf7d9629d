"""Pure domain models: no I/O, no framework imports."""
