from aixiv.cli import main

if __name__ == "__main__":  # a process pool's spawned children import this module too
    main()
