"""The `clinqa` command line: `main(argv) -> int`, one module per command."""
