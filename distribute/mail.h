/*
 * mail.h - the pieces of an Internet message (RFC 5322, MIME) that
 * `kpi distribute` writes: base64, quoted-printable, RFC 2047 encoded
 * words, RFC 2231 parameters, RFC 5322 dates and a multipart/mixed
 * message with one text part and one attachment.
 *
 * Everything is written into a growing buffer; every line ends in CRLF
 * (RFC 5322 §2.1), so the bytes can go to an SMTP server or into an .eml
 * file as they are. Deterministic: the same input gives the same bytes
 * (the caller supplies the date, the Message-ID and the boundary).
 *
 *     kpi_mail_buf b;
 *     kpi_mail_buf_init(&b);
 *     kpi_mail_message m = {.from = "lis@example.dk", ...};
 *     if (kpi_mail_compose(&b, &m) && !b.failed)
 *         fwrite(b.data, 1, b.len, fp);
 *     kpi_mail_buf_free(&b);
 */
#ifndef KPI_KPI_MAIL_H
#define KPI_KPI_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* A growing byte buffer, always NUL-terminated when len > 0. After an
 * allocation failure `failed` is set and later appends do nothing, so a
 * caller checks once at the end. */
typedef struct kpi_mail_buf {
    char *data;
    size_t len, cap;
    bool failed;
} kpi_mail_buf;

void kpi_mail_buf_init(kpi_mail_buf *b);
void kpi_mail_buf_free(kpi_mail_buf *b);
void kpi_mail_buf_add(kpi_mail_buf *b, const void *data, size_t n);
void kpi_mail_buf_puts(kpi_mail_buf *b, const char *s);

/* Base64 (RFC 2045 §6.8) of n bytes, in lines of at most 76 characters,
 * each ending in CRLF (none for n == 0). */
void kpi_mail_base64(kpi_mail_buf *out, const void *data, size_t n);

/* Quoted-printable (RFC 2045 §6.7) of UTF-8 text whose lines end in LF
 * or CRLF: hard line breaks become CRLF, lines longer than 76 characters
 * get soft breaks ("=" CRLF) that never split an =XX escape, '=' and
 * every byte outside printable ASCII are escaped, and a space or tab
 * before a line end is escaped so transport cannot strip it. */
void kpi_mail_quoted_printable(kpi_mail_buf *out, const char *text, size_t n);

/* A header field "Name: value" ending in CRLF, for unstructured text
 * (Subject): printable ASCII is written as it is; anything else becomes
 * RFC 2047 encoded words "=?UTF-8?B?...?=" of at most 75 characters
 * each, never splitting a UTF-8 sequence, folded onto continuation lines
 * (CRLF SP) so no line exceeds 78 characters. */
void kpi_mail_header_text(kpi_mail_buf *out, const char *name,
                          const char *utf8);

/* A mailbox header "Name: display <addr>" ending in CRLF (From, To).
 * display may be NULL or "": then only the address. A display name of
 * atoms and spaces is written as it is, other ASCII as a quoted string,
 * non-ASCII as encoded words. */
void kpi_mail_header_mailbox(kpi_mail_buf *out, const char *name,
                             const char *display, const char *addr);

/* A MIME parameter "; name=value" for Content-Type or
 * Content-Disposition: a quoted string when value is printable ASCII
 * (quotes and backslashes escaped), else RFC 2231's extended form
 * name*0*=UTF-8''%C3%98...; name*1*=... in segments that keep each line
 * short, on continuation lines. */
void kpi_mail_param(kpi_mail_buf *out, const char *name, const char *value);

/* An RFC 5322 date in UTC: "Sun, 01 Nov 2026 08:00:00 +0000". buf holds
 * at least 32 bytes. */
void kpi_mail_date(time_t t, char buf[32]);

/* A message: text/plain part (UTF-8, quoted-printable) and one attached
 * file (base64). Every string is UTF-8; body lines end in LF or CRLF. */
typedef struct kpi_mail_message {
    const char *from, *from_name; /* from_name may be NULL */
    const char *to, *to_name;     /* to_name may be NULL */
    const char *subject;
    const char *date;       /* from kpi_mail_date() */
    const char *message_id; /* without the angle brackets */
    const char *boundary;   /* must not occur in the parts; see mail.c */
    const char *body;
    const char *attachment_name; /* file name, may be non-ASCII */
    const char *attachment_type; /* a MIME type */
    const void *attachment;
    size_t attachment_len;
} kpi_mail_message;

/* Writes the whole message (headers, a blank line, the MIME body). */
void kpi_mail_compose(kpi_mail_buf *out, const kpi_mail_message *m);

/* A 64-bit FNV-1a hash, for Message-IDs and boundaries that must be the
 * same from run to run. */
uint64_t kpi_mail_hash(const void *data, size_t n, uint64_t seed);
#define KPI_MAIL_HASH_SEED UINT64_C(0xcbf29ce484222325)

#endif
