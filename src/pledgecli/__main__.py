from pledgecli.cli import main

main()
