#!/usr/bin/env python
"""Django's command-line utility for Safeboard."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    if sys.argv[1:2] == ["spc"]:
        # `spc` only reads a file and computes: it runs without loading the apps, which is most
        # of the cost of a one-file run (docs/decisions/0024-fast-exact-spc.md).
        from safeboard.performance.management.commands.spc import Command

        Command().run_from_argv(sys.argv)
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
