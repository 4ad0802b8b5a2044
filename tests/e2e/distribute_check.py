#!/usr/bin/env python3
"""Checks .eml files written or sent by `kpi distribute` with Python's own
email package (an independent MIME parser) and prints one line per
message: To address, decoded Subject, Message-ID, attachment name.

    python3 distribute_check.py FILE.eml...

Exits 1 with a message on the first file that is not right.
"""
import email
import email.policy
import io
import sys
import zipfile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fail(path, msg):
    print("%s: %s" % (path, msg), file=sys.stderr)
    sys.exit(1)


def check(path):
    raw = open(path, "rb").read()
    if raw.count(b"\n") != raw.count(b"\r\n") or raw.count(b"\r") != raw.count(b"\r\n"):
        fail(path, "a line does not end in CRLF")
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 998:
            fail(path, "line %d is longer than 998 characters" % n)
    m = email.message_from_bytes(raw, policy=email.policy.default)
    for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        if m[h] is None:
            fail(path, "no %s header" % h)
    if m.get_content_type() != "multipart/mixed":
        fail(path, "not multipart/mixed: %s" % m.get_content_type())
    subject = str(m["Subject"])
    if not subject.startswith("Ledelsesinformation "):
        fail(path, "subject %r" % subject)
    body = m.get_body(("plain",))
    if body is None:
        fail(path, "no text/plain part")
    text = body.get_content()
    if not text.startswith("Kære ") or "Hovedtal" not in text:
        fail(path, "body does not read as expected: %r" % text[:80])
    atts = list(m.iter_attachments())
    if len(atts) != 1:
        fail(path, "%d attachments, expected 1" % len(atts))
    att = atts[0]
    if att.get_content_type() != XLSX:
        fail(path, "attachment type %s" % att.get_content_type())
    for line in att.get_payload().splitlines():
        if len(line) > 76:
            fail(path, "a base64 line is longer than 76 characters")
    data = att.get_content()
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        fail(path, "the attachment is not a zip file")
    if "xl/workbook.xml" not in z.namelist():
        fail(path, "the attachment has no xl/workbook.xml")
    if z.testzip() is not None:
        fail(path, "the attachment has a damaged member")
    to = m["To"].addresses[0].addr_spec
    print("%s\t%s\t%s\t%s" % (to, subject, m["Message-ID"], att.get_filename()))


for p in sys.argv[1:]:
    check(p)
