"""The newsletter's admin: lists and readers (`lists`), issues and sending (`issues`),
and the reports (`reports`).

Importing the modules registers their admins.
"""

from . import issues, lists

__all__ = ["issues", "lists"]
