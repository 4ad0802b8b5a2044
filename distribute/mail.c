/*
 * mail.c - MIME encodings and message composition for `kpi distribute`.
 *
 * Written from the RFCs (5322, 2045, 2047, 2231), not from a library:
 * the messages are simple (one text part, one attachment) and must be
 * byte-for-byte reproducible, which rules out anything that adds dates,
 * random boundaries or host names of its own.
 */
#include "mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RFC 5322 §2.1.1: lines SHOULD be at most 78 characters. */
#define LINE_MAX_CHARS 78
/* RFC 2045: encoded lines at most 76 characters. */
#define ENCODED_LINE 76

void kpi_mail_buf_init(kpi_mail_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

void kpi_mail_buf_free(kpi_mail_buf *b)
{
    free(b->data);
    kpi_mail_buf_init(b);
}

void kpi_mail_buf_add(kpi_mail_buf *b, const void *data, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) {
            if (cap > SIZE_MAX / 2) {
                b->failed = true;
                return;
            }
            cap *= 2;
        }
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void kpi_mail_buf_puts(kpi_mail_buf *b, const char *s)
{
    kpi_mail_buf_add(b, s, strlen(s));
}

static void add_char(kpi_mail_buf *b, char c)
{
    kpi_mail_buf_add(b, &c, 1);
}

/* ------------------------------------------------------------------ */
/* base64                                                              */

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 without line breaks. */
static void base64_raw(kpi_mail_buf *out, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        char q[4] = {b64_alphabet[(v >> 18) & 63], b64_alphabet[(v >> 12) & 63],
                     i + 1 < n ? b64_alphabet[(v >> 6) & 63] : '=',
                     i + 2 < n ? b64_alphabet[v & 63] : '='};
        kpi_mail_buf_add(out, q, 4);
    }
}

void kpi_mail_base64(kpi_mail_buf *out, const void *data, size_t n)
{
    /* 57 input bytes make exactly 76 characters. */
    const size_t per_line = ENCODED_LINE / 4 * 3;
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i += per_line) {
        base64_raw(out, p + i, n - i < per_line ? n - i : per_line);
        kpi_mail_buf_puts(out, "\r\n");
    }
}

/* ------------------------------------------------------------------ */
/* quoted-printable                                                    */

static const char hex_digits[] = "0123456789ABCDEF";

void kpi_mail_quoted_printable(kpi_mail_buf *out, const char *text, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* One line: [i, end) without its line end. */
        size_t end = i;
        while (end < n && text[end] != '\n')
            end++;
        bool has_lf = end < n;
        size_t stop = end;
        if (stop > i && text[stop - 1] == '\r')
            stop--;
        size_t col = 0;
        for (size_t k = i; k < stop; k++) {
            unsigned char c = (unsigned char)text[k];
            bool last = k + 1 == stop;
            char tok[3];
            size_t tlen = 1;
            /* A space or tab at the end of a line would be eaten by
             * transports that strip trailing white space. */
            bool plain = (c >= 33 && c <= 126 && c != '=') ||
                         ((c == ' ' || c == '\t') && !last);
            if (plain) {
                tok[0] = (char)c;
            } else {
                tok[0] = '=';
                tok[1] = hex_digits[c >> 4];
                tok[2] = hex_digits[c & 15];
                tlen = 3;
            }
            /* The last token may fill the line to 76; any other must
             * leave room for the soft break's "=". */
            size_t limit = last ? ENCODED_LINE : ENCODED_LINE - 1;
            if (col + tlen > limit) {
                kpi_mail_buf_puts(out, "=\r\n");
                col = 0;
            }
            kpi_mail_buf_add(out, tok, tlen);
            col += tlen;
        }
        if (has_lf)
            kpi_mail_buf_puts(out, "\r\n");
        i = has_lf ? end + 1 : end;
    }
}

/* ------------------------------------------------------------------ */
/* Header fields                                                       */

static bool printable_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 32 || (unsigned char)*s > 126)
            return false;
    return true;
}

/* Writes s as encoded words starting at column *col, each on a line of
 * its own after the first, so no line passes LINE_MAX_CHARS. */
static void encoded_words(kpi_mail_buf *out, size_t *col, const char *s)
{
    static const char open[] = "=?UTF-8?B?";
    const size_t overhead = sizeof open - 1 + 2; /* "=?UTF-8?B?" "?=" */
    size_t n = strlen(s);
    size_t i = 0;
    for (;;) {
        size_t room = *col < LINE_MAX_CHARS ? LINE_MAX_CHARS - *col : 0;
        /* An encoded word is at most 75 characters (RFC 2047 §2). */
        if (room > 75)
            room = 75;
        size_t max_bytes = room > overhead ? (room - overhead) / 4 * 3 : 0;
        if (max_bytes < 12 && *col > 1) {
            /* Too little room left after the field name: start afresh
             * on a continuation line. */
            kpi_mail_buf_puts(out, "\r\n ");
            *col = 1;
            continue;
        }
        size_t take = n - i < max_bytes ? n - i : max_bytes;
        /* Never split a UTF-8 sequence: back off over the continuation
         * bytes (10xxxxxx) the next word would otherwise start with. */
        size_t whole = take;
        while (take > 0 && i + take < n &&
               ((unsigned char)s[i + take] & 0xC0) == 0x80)
            take--;
        if (take == 0)
            take = whole; /* not UTF-8 after all: split anywhere */
        kpi_mail_buf_puts(out, open);
        size_t before = out->len;
        base64_raw(out, (const unsigned char *)s + i, take);
        kpi_mail_buf_puts(out, "?=");
        *col += sizeof open - 1 + (out->len - before);
        i += take;
        if (i >= n)
            break;
        /* White space between encoded words is not part of the text
         * (RFC 2047 §6.2), so a fold between them adds nothing. */
        kpi_mail_buf_puts(out, "\r\n ");
        *col = 1;
    }
}

void kpi_mail_header_text(kpi_mail_buf *out, const char *name, const char *utf8)
{
    kpi_mail_buf_puts(out, name);
    kpi_mail_buf_puts(out, ": ");
    size_t col = strlen(name) + 2;
    if (printable_ascii(utf8) && !strstr(utf8, "=?") &&
        col + strlen(utf8) <= LINE_MAX_CHARS)
        kpi_mail_buf_puts(out, utf8);
    else
        encoded_words(out, &col, utf8);
    kpi_mail_buf_puts(out, "\r\n");
}

static bool is_atext(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* A display name of atoms joined by single spaces whose every word fits
 * a line of its own: it can be written as it is and folded at its
 * spaces. */
static bool foldable_atoms(const char *display, size_t col)
{
    if (strstr(display, "=?") || display[0] == ' ' || strstr(display, "  "))
        return false;
    size_t word = 0;
    bool first = true;
    for (const char *p = display;; p++) {
        if (*p == ' ' || !*p) {
            /* The first word after "To: ", the others after " ". */
            if (word == 0 || (first ? col : 1) + word > LINE_MAX_CHARS)
                return false;
            first = false;
            word = 0;
            if (!*p)
                return true;
        } else if (!is_atext((unsigned char)*p)) {
            return false;
        } else {
            word++;
        }
    }
}

/* Writes display's words, folding (CRLF SP in place of a space) before a
 * word that would pass LINE_MAX_CHARS; unfolding gives display back. */
static void folded_atoms(kpi_mail_buf *out, size_t *col, const char *display)
{
    const char *p = display;
    bool first = true;
    while (*p) {
        size_t n = strcspn(p, " ");
        if (!first) {
            bool fold = *col + 1 + n > LINE_MAX_CHARS;
            kpi_mail_buf_puts(out, fold ? "\r\n " : " ");
            *col = fold ? 1 : *col + 1;
        }
        kpi_mail_buf_add(out, p, n);
        *col += n;
        first = false;
        p += n;
        if (*p == ' ')
            p++;
    }
}

void kpi_mail_header_mailbox(kpi_mail_buf *out, const char *name,
                             const char *display, const char *addr)
{
    kpi_mail_buf_puts(out, name);
    kpi_mail_buf_puts(out, ": ");
    size_t col = strlen(name) + 2;
    if (display && *display) {
        size_t quoted = 2;
        for (const char *p = display; *p; p++)
            quoted += *p == '"' || *p == '\\' ? 2 : 1;
        if (foldable_atoms(display, col)) {
            folded_atoms(out, &col, display);
        } else if (printable_ascii(display) && !strstr(display, "=?") &&
                   col + quoted <= LINE_MAX_CHARS) {
            add_char(out, '"');
            for (const char *p = display; *p; p++) {
                if (*p == '"' || *p == '\\')
                    add_char(out, '\\');
                add_char(out, *p);
            }
            add_char(out, '"');
            col += quoted;
        } else {
            /* Non-ASCII, or a quoted string too long for one line:
             * encoded words, which fold anywhere (RFC 2047 §5(3)). */
            encoded_words(out, &col, display);
        }
        if (col + 3 + strlen(addr) > LINE_MAX_CHARS)
            kpi_mail_buf_puts(out, "\r\n <");
        else
            kpi_mail_buf_puts(out, " <");
        kpi_mail_buf_puts(out, addr);
        kpi_mail_buf_puts(out, ">\r\n");
        return;
    }
    kpi_mail_buf_puts(out, addr);
    kpi_mail_buf_puts(out, "\r\n");
}

/* RFC 2231 §7 / RFC 5987: the characters that need no %-escape. */
static bool is_attr_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || (c && strchr("!#$&+-.^_`|~", c));
}

/* Appends one character's %-encoding (c is a byte of UTF-8). */
static void percent_encode(kpi_mail_buf *out, unsigned char c)
{
    if (is_attr_char(c)) {
        add_char(out, (char)c);
    } else {
        char esc[3] = {'%', hex_digits[c >> 4], hex_digits[c & 15]};
        kpi_mail_buf_add(out, esc, 3);
    }
}

/* The byte length of the UTF-8 sequence starting at s (1 for a stray
 * byte), never past the terminating NUL. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC0 ? 2 : 1;
    for (size_t k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return k;
    return n;
}

void kpi_mail_param(kpi_mail_buf *out, const char *name, const char *value)
{
    /* " name=\"value\";": the ';' of a following parameter ends the line. */
    size_t quoted = strlen(name) + 5;
    for (const char *p = value; *p; p++)
        quoted += *p == '"' || *p == '\\' ? 2 : 1;
    if (printable_ascii(value) && quoted <= LINE_MAX_CHARS) {
        kpi_mail_buf_puts(out, ";\r\n ");
        kpi_mail_buf_puts(out, name);
        kpi_mail_buf_puts(out, "=\"");
        for (const char *p = value; *p; p++) {
            if (*p == '"' || *p == '\\')
                add_char(out, '\\');
            add_char(out, *p);
        }
        add_char(out, '"');
        return;
    }
    /* RFC 2231 §3, §4: segments of at most SEGMENT encoded characters,
     * each ending between whole UTF-8 characters so that a reader that
     * decodes segment by segment sees no broken character. One segment
     * needs no number. */
    enum { SEGMENT = 60 };
    static const char charset[] = "UTF-8''";
    const unsigned char *v = (const unsigned char *)value;
    size_t total = sizeof charset - 1;
    for (const unsigned char *p = v; *p; p++)
        total += is_attr_char(*p) ? 1 : 3;
    char num[32];
    if (total <= SEGMENT) {
        kpi_mail_buf_puts(out, ";\r\n ");
        kpi_mail_buf_puts(out, name);
        kpi_mail_buf_puts(out, "*=");
        kpi_mail_buf_puts(out, charset);
        for (const unsigned char *p = v; *p; p++)
            percent_encode(out, *p);
        return;
    }
    size_t used = SEGMENT + 1; /* forces the first segment's start */
    unsigned k = 0;
    for (const unsigned char *p = v; *p;) {
        size_t n = utf8_len(p);
        size_t enc = 0;
        for (size_t j = 0; j < n; j++)
            enc += is_attr_char(p[j]) ? 1 : 3;
        if (used + enc > SEGMENT) {
            snprintf(num, sizeof num, "*%u*=", k);
            kpi_mail_buf_puts(out, ";\r\n ");
            kpi_mail_buf_puts(out, name);
            kpi_mail_buf_puts(out, num);
            used = 0;
            if (k == 0) {
                kpi_mail_buf_puts(out, charset);
                used = sizeof charset - 1;
            }
            k++;
        }
        for (size_t j = 0; j < n; j++)
            percent_encode(out, p[j]);
        used += enc;
        p += n;
    }
}

void kpi_mail_date(time_t t, char buf[32])
{
    static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed",
                                    "Thu", "Fri", "Sat"};
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr",
                                       "May", "Jun", "Jul", "Aug",
                                       "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    /* English names of our own: strftime's %a and %b follow the locale. */
    if (!gmtime_r(&t, &tm)) {
        snprintf(buf, 32, "Thu, 01 Jan 1970 00:00:00 +0000");
        return;
    }
    /* Years past 9999 do not fit RFC 5322's four digits anyway; the
     * wide buffer only quiets the compiler's worst case. */
    char wide[96];
    snprintf(wide, sizeof wide, "%s, %02d %s %04d %02d:%02d:%02d +0000",
             days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
             tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    snprintf(buf, 32, "%.31s", wide);
}

/* ------------------------------------------------------------------ */
/* The message                                                         */

void kpi_mail_compose(kpi_mail_buf *out, const kpi_mail_message *m)
{
    kpi_mail_header_mailbox(out, "From", m->from_name, m->from);
    kpi_mail_header_mailbox(out, "To", m->to_name, m->to);
    kpi_mail_header_text(out, "Subject", m->subject);
    kpi_mail_buf_puts(out, "Date: ");
    kpi_mail_buf_puts(out, m->date);
    /* A long id goes on a line of its own (it cannot be folded). */
    kpi_mail_buf_puts(out, strlen("Message-ID: <>") + strlen(m->message_id) >
                                   LINE_MAX_CHARS
                               ? "\r\nMessage-ID:\r\n <"
                               : "\r\nMessage-ID: <");
    kpi_mail_buf_puts(out, m->message_id);
    kpi_mail_buf_puts(out, ">\r\n");
    /* RFC 3834: tells autoresponders (out-of-office) not to answer. */
    kpi_mail_buf_puts(out, "Auto-Submitted: auto-generated\r\n"
                           "MIME-Version: 1.0\r\n"
                           "Content-Type: multipart/mixed;\r\n boundary=\"");
    kpi_mail_buf_puts(out, m->boundary);
    kpi_mail_buf_puts(out, "\"\r\n\r\n"
                           "This is a MIME message.\r\n\r\n--");
    kpi_mail_buf_puts(out, m->boundary);
    kpi_mail_buf_puts(out, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                           "Content-Language: da\r\n"
                           "Content-Transfer-Encoding: quoted-printable\r\n"
                           "\r\n");
    size_t body_len = strlen(m->body);
    kpi_mail_quoted_printable(out, m->body, body_len);
    /* The boundary delimiter begins with the CRLF that ends the part. */
    if (out->len < 2 || memcmp(out->data + out->len - 2, "\r\n", 2) != 0)
        kpi_mail_buf_puts(out, "\r\n");
    kpi_mail_buf_puts(out, "\r\n--");
    kpi_mail_buf_puts(out, m->boundary);
    /* "Content-Type: " and a long type with its ';' pass 78 characters:
     * fold before the type. */
    kpi_mail_buf_puts(out, strlen("Content-Type: ") +
                                       strlen(m->attachment_type) + 1 >
                                   LINE_MAX_CHARS
                               ? "\r\nContent-Type:\r\n "
                               : "\r\nContent-Type: ");
    kpi_mail_buf_puts(out, m->attachment_type);
    /* Content-Type's name is what older Outlook versions show. */
    kpi_mail_param(out, "name", m->attachment_name);
    kpi_mail_buf_puts(out, "\r\nContent-Disposition: attachment");
    kpi_mail_param(out, "filename", m->attachment_name);
    kpi_mail_buf_puts(out, "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    kpi_mail_base64(out, m->attachment, m->attachment_len);
    kpi_mail_buf_puts(out, "\r\n--");
    kpi_mail_buf_puts(out, m->boundary);
    kpi_mail_buf_puts(out, "--\r\n");
}

uint64_t kpi_mail_hash(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}
