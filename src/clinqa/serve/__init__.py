"""The HTTP service and web page (`clinqa serve`)."""
