"""The newsletter's reports: what each issue brought, where sign-ups came from.

* `issues`: an issue's deliveries, feedback, opens and clicks (`issue_report`),
  and the same as CSV.
* `signups`: confirmed sign-ups by story and by block over a period, with
  the list's size over time (`signup_report`).
* `charts`: the SVG charts both draw, each with the table behind it.

Imports go one way: `issues` and `signups` import `charts` and the models,
never the reverse. The admin screens are in `newsletter.admin.reports`.
"""

from .issues import IssueReport, issue_report, write_issue_report_csv
from .signups import SignupReport, signup_report

__all__ = [
    "IssueReport",
    "SignupReport",
    "issue_report",
    "signup_report",
    "write_issue_report_csv",
]
