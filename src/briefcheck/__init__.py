"""briefcheck: a house-style linter for submitted policy-analysis articles."""

from __future__ import annotations

__version__ = "0.1.0"

# Configuration files, closest first in each folder (briefcheck.config reads them).
CONFIG_FILES = ("briefcheck.yaml", ".briefcheck.yaml", "pyproject.toml")
