"""`python -m extract`: the same as the `extract` command."""

from extract.cli import main

main()
