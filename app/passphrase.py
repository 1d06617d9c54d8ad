"""Where the command line gets passphrases: a hidden prompt, or standard input for scripts."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import TextIO

from app.errors import InvalidInput, UsageError
from app.i18n import _


class PassphraseSource:
    def __init__(
        self,
        from_stdin: bool,
        stdin: TextIO,
        prompt: Callable[[str], str] = getpass.getpass,
    ) -> None:
        self._from_stdin = from_stdin
        self._stdin = stdin
        self._prompt = prompt

    def read(self, prompt: str) -> str:
        """One passphrase: the next line of stdin, or typed at a hidden prompt."""
        if self._from_stdin:
            line = self._stdin.readline()
            if not line:
                raise UsageError(_("Expected a passphrase on standard input, found none."))
            return line.removesuffix("\n").removesuffix("\r")
        if not self._stdin.isatty():
            raise UsageError(
                _(
                    "There is no terminal to ask for the passphrase. Use --passphrase-stdin and "
                    "give it on standard input, one per line."
                )
            )
        return self._prompt(prompt)

    def read_new(self, prompt: str, again: str) -> str:
        """A new passphrase; typed twice when it comes from a person."""
        first = self.read(prompt)
        if not self._from_stdin and self.read(again) != first:
            raise InvalidInput(_("The two passphrases differ. Nothing was changed."))
        return first
