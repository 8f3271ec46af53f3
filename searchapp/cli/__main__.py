"""`python -m searchapp.cli`: the same entry point as the `searchapp` console script."""

from searchapp.cli import main

main()
