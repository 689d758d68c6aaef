from p135cli.cli import main

main()
