"""Printable forms (ReportLab): Chinese text with an embedded CJK font, drawn
signatures, a verification footer with a QR code, and a PAdES signature."""
