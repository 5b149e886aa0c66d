"""The errors a user can meet, each with the exit code it ends the program with.

Every message names what is wrong and, where there is one, the fix. The CLI maps
these to one line on stderr in one place; anything else is a bug.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from pledgecli.labels import t

EXIT_OK = 0
EXIT_ALERT = 1  # reserved for alerts such as `overdue --fail`
EXIT_USAGE = 2  # bad arguments or bad input values
EXIT_DATABASE = 3  # database missing, unreadable, read-only, locked, newer; or the disk is full
EXIT_NOT_FOUND = 4  # unknown commitment or document id
EXIT_DATA = 5  # a data file (TOML) that cannot be loaded
EXIT_INTERNAL = 70  # a bug in pledge (EX_SOFTWARE)


class PledgeError(Exception):
    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(PledgeError):
    exit_code = EXIT_USAGE


class DatabaseError(PledgeError):
    exit_code = EXIT_DATABASE


class NotFoundError(PledgeError):
    exit_code = EXIT_NOT_FOUND


class DataFileError(PledgeError):
    exit_code = EXIT_DATA


def closest(word: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known ids nearest to `word`, best first."""
    known = list(known)
    hits = difflib.get_close_matches(word, known, n=n, cutoff=0.5)
    hits += [k for k in known if word and word in k and k not in hits]
    return hits[:n]


def unknown(what: str, word: str, known: Iterable[str]) -> NotFoundError:
    hint = closest(word, known)
    suggestion = t("did_you_mean", words=", ".join(hint)) if hint else ""
    return NotFoundError(
        t("unknown_id", what=t(f"{what}_word"), word=repr(word), suggestion=suggestion)
    )


class DiskError(PledgeError):
    """The disk is full or failing: nothing was written."""

    exit_code = EXIT_DATABASE
