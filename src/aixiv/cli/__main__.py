from aixiv.cli import main

main()
