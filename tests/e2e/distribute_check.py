#!/usr/bin/env python3
"""Checks .eml files written or sent by `kpi distribute` with Python's own
email package (an independent MIME parser), every header line at most 78
characters, and prints one line per message: To address, decoded
Subject, Message-ID, attachment name, decoded To display name.

    python3 distribute_check.py FILE.eml...

Exits 1 with a message on the first file that is not right.
"""
import email
import email.header
import email.policy
import email.utils
import io
import sys
import zipfile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fail(path, msg):
    print("%s: %s" % (path, msg), file=sys.stderr)
    sys.exit(1)


def display_name(raw):
    """The To: display name decoded as RFC 2047 §6.2 says: white space
    between two encoded words is dropped. (Python 3.11's structured header
    parser keeps it, so its display_name splits a word that was folded.)"""
    to = email.message_from_bytes(raw)["To"]
    name, _ = email.utils.parseaddr(" ".join(to.split()))
    return str(email.header.make_header(email.header.decode_header(name)))


def check(path):
    raw = open(path, "rb").read()
    if raw.count(b"\n") != raw.count(b"\r\n") or raw.count(b"\r") != raw.count(b"\r\n"):
        fail(path, "a line does not end in CRLF")
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 998:
            fail(path, "line %d is longer than 998 characters" % n)
    m = email.message_from_bytes(raw, policy=email.policy.default)
    # Every header line, of the message and of its MIME parts, at most 78
    # characters (RFC 5322 §2.1.1; docs/DISTRIBUTION.md promises it).
    boundary = m.get_boundary()
    if boundary is None:
        fail(path, "no MIME boundary")
    in_header = True
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if line == b"--" + boundary.encode():
            in_header = True
            continue
        if not line:
            in_header = False
            continue
        if in_header and len(line) > 78:
            fail(path, "header line %d has %d characters: %r"
                 % (n, len(line), line[:90]))
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
    print("%s\t%s\t%s\t%s\t%s" % (to, subject, m["Message-ID"], att.get_filename(),
                                display_name(raw)))


for p in sys.argv[1:]:
    check(p)
