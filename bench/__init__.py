"""Loan Kiosk benchmark suite (issue 7): ``python -m bench [--quick] [--json FILE] [--ci]``.

Every row times one thing the desk does, next to a *floor*: the plainest fast
code doing the same work on the same data, in the same run, on the same
machine. The table reports ours / floor against a target ratio.
See ``docs/performance.md`` for what each floor is and the latest numbers.
"""
