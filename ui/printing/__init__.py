"""Printing through Qt's print support (``QPrinterInfo``, ``QPrinter``): the desk-side
printer backend, used by the desk and, on demand, by the command line."""
