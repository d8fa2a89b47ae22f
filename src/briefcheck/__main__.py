"""`python -m briefcheck` runs the command line."""

from __future__ import annotations

from briefcheck.cli import main

if __name__ == "__main__":
    main()
