"""Printed documents: receipts, loan acknowledgements, trip sheets and QR label sheets.

Everything here turns plain data (dicts, dataclasses) into PDF bytes with
ReportLab; nothing here opens the database or imports Qt. The services in
:mod:`app.services.documents` load the records, archive the PDFs and send
them to a printer.
"""
