"""The command line: parse options, call an action, hand the result to render.

No SQL and no arithmetic here. `app` holds the shared options and the error
mapping; the commands live in `tracking` (init … overdue), `exchange`
(import, template, export, log, undo), `notice` (report) and `letters` (extract).
"""

from pledgecli.cli.app import app, main

# --help lists commands in the order they are registered: tracking, then exchange.
# isort: off
from pledgecli.cli import tracking
from pledgecli.cli import exchange
from pledgecli.cli import notice
from pledgecli.cli import letters

# isort: on

__all__ = ["app", "exchange", "letters", "main", "notice", "tracking"]
