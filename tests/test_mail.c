/*
 * test_mail.c - the MIME pieces of `kpi distribute` (distribute/mail.c), the
 * Danish value text of its mail bodies (distribute/danish.c), the loopback rule
 * of distribute/smtp.c and the send log (distribute/sendlog.c). Every expected string
 * is worked out by hand in the comment next to it.
 */
#include "danish.h"
#include "mail.h"
#include "sendlog.h"
#include "smtp.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Runs fn on a fresh buffer and compares the bytes with want. */
#define EXPECT_BUF(want, call)                                               \
    do {                                                                     \
        kpi_mail_buf b_;                                                     \
        kpi_mail_buf_init(&b_);                                              \
        kpi_mail_buf *out = &b_;                                             \
        call;                                                                \
        assert_false(b_.failed);                                             \
        assert_string_equal(b_.data ? b_.data : "", want);                   \
        kpi_mail_buf_free(&b_);                                              \
    } while (0)

static void test_base64_short(void **state)
{
    (void)state;
    EXPECT_BUF("", kpi_mail_base64(out, "", 0));
    /* 'M' 0x4D = 010011 01(0000): T Q, padded. */
    EXPECT_BUF("TQ==\r\n", kpi_mail_base64(out, "M", 1));
    /* "Ma" = 010011 010110 0001(00): T W E = */
    EXPECT_BUF("TWE=\r\n", kpi_mail_base64(out, "Ma", 2));
    EXPECT_BUF("TWFu\r\n", kpi_mail_base64(out, "Man", 3));
    /* Ø = C3 98 = 110000 111001 1000(00): w 5 g = */
    EXPECT_BUF("w5g=\r\n", kpi_mail_base64(out, "\xC3\x98", 2));
}

static void test_base64_lines(void **state)
{
    (void)state;
    /* "aaa" = 011000 010110 000101 100001 = Y W F h; 57 bytes are 19
     * groups = 76 characters, exactly one full line. */
    char a[58];
    memset(a, 'a', sizeof a);
    char line[77] = "";
    for (int i = 0; i < 19; i++)
        strcat(line, "YWFh");
    char want[200];
    snprintf(want, sizeof want, "%s\r\n", line);
    EXPECT_BUF(want, kpi_mail_base64(out, a, 57));
    /* One byte more starts a second line: "a" = Y Q = = */
    snprintf(want, sizeof want, "%s\r\nYQ==\r\n", line);
    EXPECT_BUF(want, kpi_mail_base64(out, a, 58));
}

static void test_qp_basic(void **state)
{
    (void)state;
    /* Å = C3 85; LF becomes CRLF. */
    EXPECT_BUF("Hej =C3=85se\r\n",
               kpi_mail_quoted_printable(out, "Hej \xC3\x85se\n", 9));
    /* '=' is escaped as =3D; CRLF input stays CRLF. */
    EXPECT_BUF("a =3D b\r\nc", kpi_mail_quoted_printable(out, "a = b\r\nc", 8));
    /* A space or tab before a line end is escaped, inside it is not. */
    EXPECT_BUF("x y=20\r\nz=09",
               kpi_mail_quoted_printable(out, "x y \nz\t", 7));
    /* Empty lines survive. */
    EXPECT_BUF("a\r\n\r\nb", kpi_mail_quoted_printable(out, "a\n\nb", 4));
}

static void test_qp_soft_breaks(void **state)
{
    (void)state;
    char a[100];
    memset(a, 'a', sizeof a);
    char want[200];
    /* 76 characters fit on one line exactly: no soft break. */
    memset(want, 'a', 76);
    want[76] = '\0';
    EXPECT_BUF(want, kpi_mail_quoted_printable(out, a, 76));
    /* 77: 75 characters and "=" make a 76-character line, then "aa". */
    memset(want, 'a', 75);
    strcpy(want + 75, "=\r\naa");
    EXPECT_BUF(want, kpi_mail_quoted_printable(out, a, 77));
    /* An escape is never split: 74 'a' then Ø (=C3=98). "=C3" would end
     * at column 77 > 75, so the break comes before it. */
    char in[80];
    memset(in, 'a', 74);
    memcpy(in + 74, "\xC3\x98", 2);
    memset(want, 'a', 74);
    strcpy(want + 74, "=\r\n=C3=98");
    EXPECT_BUF(want, kpi_mail_quoted_printable(out, in, 76));
}

static void test_subject_encoded_words(void **state)
{
    (void)state;
    /* ASCII that fits is left alone. */
    EXPECT_BUF("Subject: Ledelsesinformation oktober 2026\r\n",
               kpi_mail_header_text(out, "Subject",
                                    "Ledelsesinformation oktober 2026"));
    /* 46 bytes of UTF-8 ("–" is E2 80 93, "Ø" C3 98). After "Subject: "
     * (9 columns) 69 are left: (69 - 12) / 4 * 3 = 42 bytes fit in the
     * first word, which ends right after "Team " since the next byte C3
     * starts a character. The first line is 9 + 10 + 56 + 2 = 77 long.
     * The rest, "Øst" = C3 98 73 74, is "w5hzdA==". */
    EXPECT_BUF("Subject: =?UTF-8?B?"
               "TGVkZWxzZXNpbmZvcm1hdGlvbiBva3RvYmVyIDIwMjYg4oCTIFRlYW0g"
               "?=\r\n =?UTF-8?B?w5hzdA==?=\r\n",
               kpi_mail_header_text(out, "Subject",
                                    "Ledelsesinformation oktober 2026 "
                                    "\xE2\x80\x93 Team \xC3\x98st"));
}

static void test_subject_never_splits_a_character(void **state)
{
    (void)state;
    /* 41 'x' then Ø: 42 bytes would cut Ø after C3, so the first word
     * takes 41 bytes and the second starts with C3 98. */
    char s[64];
    memset(s, 'x', 41);
    strcpy(s + 41, "\xC3\x98");
    kpi_mail_buf b;
    kpi_mail_buf_init(&b);
    kpi_mail_header_text(&b, "Subject", s);
    assert_non_null(strstr(b.data, "\r\n =?UTF-8?B?w5g=?=\r\n"));
    kpi_mail_buf_free(&b);
}

static void test_mailbox(void **state)
{
    (void)state;
    EXPECT_BUF("To: anne@example.dk\r\n",
               kpi_mail_header_mailbox(out, "To", NULL, "anne@example.dk"));
    EXPECT_BUF("To: Direktionen <direktion@example.dk>\r\n",
               kpi_mail_header_mailbox(out, "To", "Direktionen",
                                       "direktion@example.dk"));
    /* A comma is a special: quoted string; the quote is escaped. */
    EXPECT_BUF("From: \"LIS, \\\"Eksempel\\\"\" <lis@example.dk>\r\n",
               kpi_mail_header_mailbox(out, "From", "LIS, \"Eksempel\"",
                                       "lis@example.dk"));
    /* "Åse Møller" is 12 bytes: w4VzZSBNw7hsbGVy. */
    EXPECT_BUF("To: =?UTF-8?B?w4VzZSBNw7hsbGVy?= <aase.moeller@example.dk>\r\n",
               kpi_mail_header_mailbox(out, "To", "\xC3\x85se M\xC3\xB8ller",
                                       "aase.moeller@example.dk"));
    /* A long name of atoms is folded at its spaces (issue 20 saw a 176
     * character To: line). "To: " is 4 characters; 8 words of 8 and 7
     * spaces make 4 + 64 + 7 = 75, a ninth (1 + 8) would pass 78, so it
     * starts the continuation line: 1 + 8, then " <x@example.dk>" (15). */
    EXPECT_BUF("To: Abcdefgh Abcdefgh Abcdefgh Abcdefgh Abcdefgh Abcdefgh "
               "Abcdefgh Abcdefgh\r\n Abcdefgh <x@example.dk>\r\n",
               kpi_mail_header_mailbox(out, "To",
                                       "Abcdefgh Abcdefgh Abcdefgh Abcdefgh "
                                       "Abcdefgh Abcdefgh Abcdefgh Abcdefgh "
                                       "Abcdefgh",
                                       "x@example.dk"));
    /* Not atoms and not ASCII: encoded words ("Kommune, Børn og Unge",
     * 22 bytes: 32 base64 characters). */
    EXPECT_BUF("To: =?UTF-8?B?S29tbXVuZSwgQsO4cm4gb2cgVW5nZQ==?= "
               "<x@example.dk>\r\n",
               kpi_mail_header_mailbox(
                   out, "To", "Kommune, B\xC3\xB8rn og Unge", "x@example.dk"));
}

static void test_param(void **state)
{
    (void)state;
    EXPECT_BUF(";\r\n filename=\"lis-fagchef-fagchef-2026-10.xlsx\"",
               kpi_mail_param(out, "filename",
                              "lis-fagchef-fagchef-2026-10.xlsx"));
    /* An ASCII value too long for one line (" filename=\"\";" is 13, with
     * 68 characters 81 > 78) takes RFC 2231's segments: 7 for UTF-8''
     * and 53 of the value make the first 60, the other 15 the second. */
    EXPECT_BUF(";\r\n filename*0*=UTF-8''"
               "lis-afdelingsleder-en-meget-lang-noegle-til-en-leder-"
               ";\r\n filename*1*=aa-2026-10.xlsx",
               kpi_mail_param(out, "filename",
                              "lis-afdelingsleder-en-meget-lang-noegle-til-en-"
                              "leder-aa-2026-10.xlsx"));
    /* RFC 2231: Ø = %C3%98; '.' is an attribute character. */
    EXPECT_BUF(";\r\n filename*=UTF-8''%C3%98st.xlsx",
               kpi_mail_param(out, "filename", "\xC3\x98st.xlsx"));
    /* 12 Ø = 72 encoded characters + 7 for UTF-8'' do not fit one
     * 60-character segment: 8 whole Ø (7 + 48 = 55; a ninth would make
     * 61) then the other 4 in segment 1. */
    char v[32] = "";
    for (int i = 0; i < 12; i++)
        strcat(v, "\xC3\x98");
    EXPECT_BUF(";\r\n f*0*=UTF-8''%C3%98%C3%98%C3%98%C3%98%C3%98%C3%98%C3%98"
               "%C3%98;\r\n f*1*=%C3%98%C3%98%C3%98%C3%98",
               kpi_mail_param(out, "f", v));
}

static void test_date(void **state)
{
    (void)state;
    char buf[32];
    kpi_mail_date(0, buf);
    assert_string_equal(buf, "Thu, 01 Jan 1970 00:00:00 +0000");
    /* 2026-11-01: 56 years since 1970 with 14 leap days = 20454 days,
     * January-October 2026 = 304 days: 20758 days = 1793491200 s; plus
     * 8 hours = 1793520000. 20758 = 7 * 2965 + 3: Thursday + 3 = Sunday. */
    kpi_mail_date((time_t)1793520000, buf);
    assert_string_equal(buf, "Sun, 01 Nov 2026 08:00:00 +0000");
}

static void test_address_valid(void **state)
{
    (void)state;
    assert_int_equal(kpi_email_check("anne@example.dk"), KPI_EMAIL_PLAIN);
    assert_int_equal(kpi_email_check("a.b+c@sub.example.dk"), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check(""), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check("anne"), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check("@example.dk"), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check("anne@"), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check("a@b@c"), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check("anne @example.dk"), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check("Anne <anne@example.dk>"), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check("anne@example.dk, bo@example.dk"), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check("anne@.example.dk"), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check("anne@example..dk"), KPI_EMAIL_PLAIN);
    assert_int_not_equal(kpi_email_check("s\xC3\xB8ren@example.dk"), KPI_EMAIL_PLAIN);
}

static void test_compose(void **state)
{
    (void)state;
    kpi_mail_message m = {
        .from = "lis@example.dk",
        .from_name = "Eksempel Kommune",
        .to = "anne@example.dk",
        .to_name = "Anne",
        .subject = "Test",
        .date = "Sun, 01 Nov 2026 08:00:00 +0000",
        .message_id = "lis.2026-10.anne@example.dk",
        .boundary = "=_b",
        .body = "K\xC3\xA6re Anne\n",
        .attachment_name = "a.xlsx",
        .attachment_type = "application/x-test",
        .attachment = "Man",
        .attachment_len = 3,
    };
    /* æ = C3 A6. The text part ends with its CRLF, then the delimiter
     * CRLF "--=_b"; the attachment's base64 line likewise. */
    EXPECT_BUF("From: Eksempel Kommune <lis@example.dk>\r\n"
               "To: Anne <anne@example.dk>\r\n"
               "Subject: Test\r\n"
               "Date: Sun, 01 Nov 2026 08:00:00 +0000\r\n"
               "Message-ID: <lis.2026-10.anne@example.dk>\r\n"
               "Auto-Submitted: auto-generated\r\n"
               "MIME-Version: 1.0\r\n"
               "Content-Type: multipart/mixed;\r\n boundary=\"=_b\"\r\n"
               "\r\n"
               "This is a MIME message.\r\n"
               "\r\n"
               "--=_b\r\n"
               "Content-Type: text/plain; charset=UTF-8\r\n"
               "Content-Language: da\r\n"
               "Content-Transfer-Encoding: quoted-printable\r\n"
               "\r\n"
               "K=C3=A6re Anne\r\n"
               "\r\n"
               "--=_b\r\n"
               "Content-Type: application/x-test;\r\n name=\"a.xlsx\"\r\n"
               "Content-Disposition: attachment;\r\n filename=\"a.xlsx\"\r\n"
               "Content-Transfer-Encoding: base64\r\n"
               "\r\n"
               "TWFu\r\n"
               "\r\n"
               "--=_b--\r\n",
               kpi_mail_compose(out, &m));
}

/* Every line of a composed message ends in CRLF: no bare LF or CR. */
static void test_compose_crlf_only(void **state)
{
    (void)state;
    char att[300];
    for (size_t i = 0; i < sizeof att; i++)
        att[i] = (char)(i * 7);
    kpi_mail_message m = {
        .from = "lis@example.dk",
        .to = "aase@example.dk",
        .to_name = "\xC3\x85se M\xC3\xB8ller",
        .subject = "Ledelsesinformation oktober 2026 \xE2\x80\x93 Team "
                   "\xC3\x98st",
        .date = "Sun, 01 Nov 2026 08:00:00 +0000",
        .message_id = "x@example.dk",
        .boundary = "=_kpi",
        .body = "line one\nline two\r\n\nlast without newline",
        .attachment_name = "\xC3\x98st.xlsx",
        .attachment_type = "application/octet-stream",
        .attachment = att,
        .attachment_len = sizeof att,
    };
    kpi_mail_buf b;
    kpi_mail_buf_init(&b);
    kpi_mail_compose(&b, &m);
    assert_false(b.failed);
    for (size_t i = 0; i < b.len; i++) {
        if (b.data[i] == '\n')
            assert_true(i > 0 && b.data[i - 1] == '\r');
        if (b.data[i] == '\r')
            assert_true(i + 1 < b.len && b.data[i + 1] == '\n');
    }
    /* And no line is longer than 78 characters. */
    size_t col = 0;
    for (size_t i = 0; i < b.len; i++) {
        if (b.data[i] == '\r')
            col = 0;
        else if (b.data[i] != '\n')
            assert_true(++col <= 78);
    }
    kpi_mail_buf_free(&b);
}

static void test_loopback(void **state)
{
    (void)state;
    assert_true(kpi_smtp_host_is_loopback("localhost"));
    assert_true(kpi_smtp_host_is_loopback("LocalHost."));
    assert_true(kpi_smtp_host_is_loopback("127.0.0.1"));
    assert_true(kpi_smtp_host_is_loopback("127.255.0.9"));
    assert_true(kpi_smtp_host_is_loopback("::1"));
    assert_true(kpi_smtp_host_is_loopback("[::1]"));
    assert_false(kpi_smtp_host_is_loopback("128.0.0.1"));
    assert_false(kpi_smtp_host_is_loopback("127.0.0.256"));
    assert_false(kpi_smtp_host_is_loopback("127.0.0"));
    assert_false(kpi_smtp_host_is_loopback("127.0.0.1.nip.io"));
    assert_false(kpi_smtp_host_is_loopback("localhost.example.dk"));
    assert_false(kpi_smtp_host_is_loopback("smtp.example.dk"));
}

static void test_danish_values(void **state)
{
    (void)state;
    char buf[64];
    kpi_danish_integer(1234567, buf, sizeof buf);
    assert_string_equal(buf, "1.234.567");
    kpi_danish_integer(-1000, buf, sizeof buf);
    assert_string_equal(buf, "-1.000");
    kpi_danish_integer(999, buf, sizeof buf);
    assert_string_equal(buf, "999");
    kpi_danish_integer(INT64_MIN, buf, sizeof buf);
    assert_string_equal(buf, "-9.223.372.036.854.775.808");

    /* 123.456.750 øre = 1.234.567,50 kr., rounded half away from zero. */
    kpi_row r = {.kpi_id = "spend", .stat = "amount", .kind = KPI_VALUE_MONEY,
                 .integer = 123456750};
    kpi_danish_value(&r, KPI_HEADLINE_MONEY, buf, sizeof buf);
    assert_string_equal(buf, "1.234.568 kr.");
    r.integer = -150; /* -1,50 kr. -> -2 */
    kpi_danish_value(&r, KPI_HEADLINE_MONEY, buf, sizeof buf);
    assert_string_equal(buf, "-2 kr.");
    r.integer = -149;
    kpi_danish_value(&r, KPI_HEADLINE_MONEY, buf, sizeof buf);
    assert_string_equal(buf, "-1 kr.");

    r = (kpi_row){.stat = "share", .kind = KPI_VALUE_REAL, .real = 0.815};
    kpi_danish_value(&r, KPI_HEADLINE_PERCENT, buf, sizeof buf);
    assert_string_equal(buf, "81,5 %");
    r = (kpi_row){.stat = "mean_days", .kind = KPI_VALUE_REAL, .real = 1234.56};
    kpi_danish_value(&r, KPI_HEADLINE_DAYS, buf, sizeof buf);
    assert_string_equal(buf, "1.234,6 dage");
    r = (kpi_row){.stat = "count", .kind = KPI_VALUE_COUNT, .integer = 4321};
    kpi_danish_value(&r, KPI_HEADLINE_COUNT, buf, sizeof buf);
    assert_string_equal(buf, "4.321");
    r = (kpi_row){.stat = "status", .kind = KPI_VALUE_TEXT, .text = "red"};
    kpi_danish_value(&r, KPI_HEADLINE_COUNT, buf, sizeof buf);
    assert_string_equal(buf, "r\xC3\xB8" "d");

    /* The headline's format decides, not the stat's name: days in whole
     * numbers, a share shown as a plain decimal. */
    r = (kpi_row){.stat = "count", .kind = KPI_VALUE_COUNT, .integer = 12};
    kpi_danish_value(&r, KPI_HEADLINE_DAYS, buf, sizeof buf);
    assert_string_equal(buf, "12 dage");
    r = (kpi_row){.stat = "share", .kind = KPI_VALUE_REAL, .real = 0.815};
    kpi_danish_value(&r, KPI_HEADLINE_DECIMAL1, buf, sizeof buf);
    assert_string_equal(buf, "0,8");
}

/* The mails write periods with libkpi's formatter in its text style. */
static void test_danish_periods(void **state)
{
    (void)state;
    char buf[64];
    kpi_period_text("2026-10-31", KPI_PERIOD_STYLE_TEXT, buf, sizeof buf);
    assert_string_equal(buf, "31.10.2026");
    kpi_period_text("2026-10", KPI_PERIOD_STYLE_TEXT, buf, sizeof buf);
    assert_string_equal(buf, "oktober 2026");
    kpi_period_text("2026-01..2026-10", KPI_PERIOD_STYLE_TEXT, buf, sizeof buf);
    assert_string_equal(buf, "januar-oktober 2026");
    kpi_period_text("2025-11..2026-10", KPI_PERIOD_STYLE_TEXT, buf, sizeof buf);
    assert_string_equal(buf, "november 2025-oktober 2026");
    kpi_period_text("2026", KPI_PERIOD_STYLE_TEXT, buf, sizeof buf);
    assert_string_equal(buf, "2026");
}

/* true when the log's last record for (month, key, email) is state. */
static bool log_is(const kpi_sendlog *log, const char *month, const char *key,
                   const char *email, kpi_sendlog_state state)
{
    return kpi_sendlog_state_of(log, month, key, email, NULL, NULL) == state;
}

static void test_sendlog(void **state)
{
    (void)state;
    char dir[] = "/tmp/kpi-test-sendlog.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/sendelog.tsv", dir);
    char err[256];
    kpi_sendlog *log = NULL;
    /* --dry-run: a missing log is an empty one, and is not created. */
    assert_int_equal(kpi_sendlog_open(path, true, &log, err, sizeof err), 0);
    assert_true(
        log_is(log, "2026-10", "anne", "anne@example.dk", KPI_SENDLOG_NONE));
    kpi_sendlog_close(log);
    assert_int_equal(access(path, F_OK), -1);

    assert_int_equal(kpi_sendlog_open(path, false, &log, err, sizeof err), 0);
    assert_true(
        log_is(log, "2026-10", "anne", "anne@example.dk", KPI_SENDLOG_NONE));
    /* An attempt alone is uncertain; its "sent" makes it sent. */
    assert_int_equal(kpi_sendlog_append(log, "2026-11-02T08:00:00Z", "2026-10",
                                        "anne", "anne@example.dk", "<a@b>",
                                        "attempt", NULL, NULL),
                     0);
    assert_true(log_is(log, "2026-10", "anne", "anne@example.dk",
                       KPI_SENDLOG_UNCERTAIN));
    assert_int_equal(kpi_sendlog_append(log, "2026-11-02T08:00:01Z", "2026-10",
                                        "anne", "anne@example.dk", "<a@b>",
                                        "sent", "A1", "250 ok\tqueued as A1\r\n"),
                     0);
    const char *when = NULL, *id = NULL;
    assert_int_equal(kpi_sendlog_state_of(log, "2026-10", "anne",
                                          "anne@example.dk", &when, &id),
                     KPI_SENDLOG_SENT);
    assert_string_equal(when, "2026-11-02T08:00:01Z");
    assert_string_equal(id, "<a@b>");
    /* A refused attempt ("failed") is as good as none. */
    assert_int_equal(kpi_sendlog_append(log, "t1", "2026-10", "jens", "j@b",
                                        "<j@b>", "attempt", "", ""),
                     0);
    assert_int_equal(kpi_sendlog_append(log, "t2", "2026-10", "jens", "j@b",
                                        "<j@b>", "failed", NULL, "554 no"),
                     0);
    assert_true(log_is(log, "2026-10", "jens", "j@b", KPI_SENDLOG_NONE));
    assert_int_equal(
        kpi_sendlog_append(log, "t", "2026-10", "a\tb", "e", "m", "sent", NULL,
                           NULL),
        EINVAL);
    kpi_sendlog_close(log);

    /* Read back: the header and the records, the reply's tab and line
     * ends made spaces. A line cut short (no newline) is not a record
     * and is cut off when the log is opened. */
    FILE *fp = fopen(path, "a");
    assert_non_null(fp);
    fputs("2026-11-02T08:00:01Z\t2026-10\tkim\tkim@example.dk", fp);
    fclose(fp);
    assert_int_equal(kpi_sendlog_open(path, false, &log, err, sizeof err), 0);
    assert_true(
        log_is(log, "2026-10", "anne", "anne@example.dk", KPI_SENDLOG_SENT));
    assert_true(
        log_is(log, "2026-09", "anne", "anne@example.dk", KPI_SENDLOG_NONE));
    assert_true(
        log_is(log, "2026-10", "anne", "other@example.dk", KPI_SENDLOG_NONE));
    assert_true(
        log_is(log, "2026-10", "kim", "kim@example.dk", KPI_SENDLOG_NONE));
    kpi_sendlog_close(log);
    fp = fopen(path, "r");
    assert_non_null(fp);
    char text[1024];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = '\0';
    assert_string_equal(
        text,
        "time\tmonth\trecipient\temail\tmessage_id\tstatus\tqueue_id\t"
        "server_reply\n"
        "2026-11-02T08:00:00Z\t2026-10\tanne\tanne@example.dk\t<a@b>\t"
        "attempt\t\t\n"
        "2026-11-02T08:00:01Z\t2026-10\tanne\tanne@example.dk\t<a@b>\tsent\t"
        "A1\t250 ok queued as A1  \n"
        "t1\t2026-10\tjens\tj@b\t<j@b>\tattempt\t\t\n"
        "t2\t2026-10\tjens\tj@b\t<j@b>\tfailed\t\t554 no\n");

    /* A log of an older kpi (five fields: every line a "sent") still
     * reads; a complete line with too few fields is an error naming the
     * line, as is an unknown status. */
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("sent_at\tmonth\trecipient\temail\tmessage_id\n"
          "2026-11-02T08:00:00Z\t2026-10\tanne\tanne@example.dk\t<a@b>\n",
          fp);
    fclose(fp);
    assert_int_equal(kpi_sendlog_open(path, false, &log, err, sizeof err), 0);
    assert_true(
        log_is(log, "2026-10", "anne", "anne@example.dk", KPI_SENDLOG_SENT));
    kpi_sendlog_close(log);
    fp = fopen(path, "a");
    assert_non_null(fp);
    fputs("t\t2026-10\tx\tx@y\t<x@y>\tmaybe\t\t\n", fp);
    fclose(fp);
    assert_int_equal(kpi_sendlog_open(path, false, &log, err, sizeof err),
                     EINVAL);
    assert_non_null(strstr(err, "sendelog.tsv:3: expected"));
    fp = fopen(path, "a");
    assert_non_null(fp);
    fputs("broken line\n", fp);
    fclose(fp);
    assert_int_equal(kpi_sendlog_open(path, false, &log, err, sizeof err),
                     EINVAL);
    assert_null(log);
    unlink(path);
    rmdir(dir);
}

/* The queue id in the reply to the end of the data, as Postfix, Exim and
 * servers without one word it. */
static void test_queue_id(void **state)
{
    (void)state;
    char id[64];
    kpi_smtp_queue_id("250 2.0.0 Ok: queued as 4F3A21C0D9", id, sizeof id);
    assert_string_equal(id, "4F3A21C0D9");
    kpi_smtp_queue_id("250 OK id=1abcDE-000123-AB", id, sizeof id);
    assert_string_equal(id, "1abcDE-000123-AB");
    kpi_smtp_queue_id("250 2.0.0 queued as X7.", id, sizeof id);
    assert_string_equal(id, "X7");
    kpi_smtp_queue_id("250 2.0.0 Message accepted for delivery", id, sizeof id);
    assert_string_equal(id, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base64_short),
        cmocka_unit_test(test_base64_lines),
        cmocka_unit_test(test_qp_basic),
        cmocka_unit_test(test_qp_soft_breaks),
        cmocka_unit_test(test_subject_encoded_words),
        cmocka_unit_test(test_subject_never_splits_a_character),
        cmocka_unit_test(test_mailbox),
        cmocka_unit_test(test_param),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_address_valid),
        cmocka_unit_test(test_compose),
        cmocka_unit_test(test_compose_crlf_only),
        cmocka_unit_test(test_loopback),
        cmocka_unit_test(test_danish_values),
        cmocka_unit_test(test_danish_periods),
        cmocka_unit_test(test_sendlog),
        cmocka_unit_test(test_queue_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
