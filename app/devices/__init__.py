"""Signature pad drivers: wire decoders, the serial driver, port discovery and a simulator."""
