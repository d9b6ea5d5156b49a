#!/usr/bin/env python
"""Django's command-line utility; the same as the `palaute` console script."""

from palaute.cli import main

if __name__ == "__main__":
    main()
