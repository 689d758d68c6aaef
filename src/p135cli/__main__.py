from p135cli.launch import main

main()
