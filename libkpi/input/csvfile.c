/* csvfile.c - one CSV file: encoding, separator, records, CPR refusal.
 *
 * libcsv splits the fields and undoes the quoting. It does not count lines,
 * so this file first cuts the text into records itself (a newline ends a
 * record unless it is inside quotes) and feeds libcsv one record at a
 * time: every record then knows the physical line it starts on. */
/* madvise(MADV_DONTNEED) is not POSIX (posix_madvise's DONTNEED is a
 * no-op in glibc); Linux and the BSDs have it. */
#define _DEFAULT_SOURCE
#include "base/internal.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__) && !defined(KPI_NO_SIMD)
#include <emmintrin.h>
#define SPLIT_SSE2 1
#endif

/* Per-column CPR evidence (SPEC §7). */
typedef struct cpr_column {
    bool reported;              /* one error per column is enough */
    bool all_ten;               /* every non-empty value is ten CPR digits */
    unsigned long first_ten;    /* line of the first such value; 0 = none */
} cpr_column;

typedef struct reader {
    const kpi_csv_options *o;
    struct csv_parser parser;
    bool parser_live;

    /* The fields of the record being collected: bytes with a NUL after
     * each field, and where each starts. Reused for every record. */
    char *buf;
    size_t buf_len, buf_cap;
    size_t *starts;
    size_t n_fields, cap_starts;
    kpi_csv_field *out;
    size_t cap_out;
    bool too_long;
    /* The separators of a plain record (scan_plain), as offsets in it. */
    size_t *seps;
    size_t cap_seps;

    unsigned long line; /* where the current record starts */
    bool have_header;
    size_t header_n;
    char **header_names; /* as written, for CPR messages */
    cpr_column *cpr;

    /* A mapped file (kpi_csv_read_file): its first `released` bytes
     * are given back to the kernel once read, so that the file's pages
     * do not stay in memory beside what is built from them. NULL for a
     * buffer. */
    const char *map;
    size_t map_len, released;
    size_t page; /* sysconf's page size, asked once: release_to runs per
                    record */

    bool errors;  /* this file added an error */
    bool stopped; /* a callback asked to stop */
    kpi_status fatal; /* NOMEM from anywhere */
} reader;

static void report(reader *r, unsigned long line, const char *column,
                   const char *fmt, ...) KPI_PRINTF(4, 5);

static void report(reader *r, unsigned long line, const char *column,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (kpi_diag_vadd(r->o->diags, KPI_SEVERITY_ERROR, r->o->label, line,
                      column, fmt, ap) != KPI_OK)
        r->fatal = KPI_ERR_NOMEM;
    va_end(ap);
    r->errors = true;
}

/* ---- CPR shapes ------------------------------------------------------ */

/* ddmmyy with a day that exists in that month (29 February is let through:
 * the century is unknown, so the year might be a leap year). */
static bool valid_ddmmyy(const char *s)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    int d = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[2] - '0') * 10 + (s[3] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

static bool is_digit_at(const char *s, size_t len, size_t i)
{
    return i < len && s[i] >= '0' && s[i] <= '9';
}

/* ddmmyy-xxxx somewhere in s, not part of a longer run of digits. */
static bool cpr_hyphen(const char *s, size_t len)
{
    const char *p = s;
    while (len >= 11 && (p = memchr(p, '-', len - (size_t)(p - s))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i < 6 || i + 5 > len)
            continue;
        const char *a = s + i - 6;
        if (!kpi_text_digits(a, 6) || !kpi_text_digits(s + i + 1, 4))
            continue;
        if ((i > 6 && is_digit_at(s, len, i - 7)) ||
            is_digit_at(s, len, i + 5))
            continue;
        if (valid_ddmmyy(a))
            return true;
    }
    return false;
}

static bool cpr_ten(const char *s, size_t len)
{
    return len == 10 && kpi_text_digits(s, 10) && valid_ddmmyy(s);
}

bool kpi_csv_looks_like_cpr(const char *s, size_t len)
{
    while (len && (s[0] == ' ' || s[0] == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return cpr_ten(s, len) || cpr_hyphen(s, len);
}

static void cpr_message(reader *r, unsigned long line, size_t col)
{
    r->cpr[col].reported = true;
    report(r, line, r->header_names[col],
           "column '%s' looks like CPR numbers (ddmmyy-xxxx); kpi refuses "
           "personal identity numbers: replace them with pseudonyms",
           r->header_names[col]);
}

/* Checks a record; false when it holds a ddmmyy-xxxx value (the record is
 * then not passed on, so no later message can quote the number). */
static bool cpr_check(reader *r, const kpi_csv_field *f, size_t n)
{
    bool clean = true;
    for (size_t i = 0; i < n; i++) {
        cpr_column *c = &r->cpr[i];
        if (f[i].len == 0)
            continue;
        if (f[i].len >= 11 && memchr(f[i].s, '-', f[i].len) &&
            cpr_hyphen(f[i].s, f[i].len)) {
            clean = false;
            if (!c->reported)
                cpr_message(r, r->line, i);
            continue;
        }
        if (c->all_ten) {
            if (cpr_ten(f[i].s, f[i].len)) {
                if (!c->first_ten)
                    c->first_ten = r->line;
            } else {
                c->all_ten = false;
            }
        }
    }
    return clean;
}

/* ---- records ------------------------------------------------------- */

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->fatal)
        return;
    if (len > KPI_CSV_MAX_FIELD) {
        r->too_long = true;
        len = 0;
    }
    /* The room is nearly always there already: the test before the two
     * calls saves them for each of the file's fields. */
    bool room = r->n_fields + 1 <= r->cap_starts &&
                r->buf_len + len + 1 <= r->buf_cap;
    if (!room &&
        (kpi_grow(r->o->alloc, (void **)&r->starts, &r->cap_starts,
                  r->n_fields + 1, sizeof *r->starts) != KPI_OK ||
         kpi_grow(r->o->alloc, (void **)&r->buf, &r->buf_cap,
                  r->buf_len + len + 1, 1) != KPI_OK)) {
        r->fatal = KPI_ERR_NOMEM;
        return;
    }
    r->starts[r->n_fields++] = r->buf_len;
    if (len)
        memcpy(r->buf + r->buf_len, s, len);
    r->buf_len += len;
    r->buf[r->buf_len++] = '\0';
}

static kpi_status take_header(reader *r, const kpi_csv_field *f, size_t n)
{
    const kpi_allocator *a = r->o->alloc;
    r->header_names = kpi_xcalloc(a, n, sizeof *r->header_names);
    r->cpr = kpi_xcalloc(a, n, sizeof *r->cpr);
    if (!r->header_names || !r->cpr)
        return KPI_ERR_NOMEM;
    r->header_n = n;
    for (size_t i = 0; i < n; i++) {
        r->header_names[i] = kpi_xstrndup(a, f[i].s, f[i].len);
        if (!r->header_names[i])
            return KPI_ERR_NOMEM;
        r->cpr[i].all_ten = true;
    }
    r->have_header = true;
    return KPI_OK;
}

static void on_record(int c, void *data)
{
    reader *r = data;
    (void)c;
    size_t n = r->n_fields;
    size_t used = r->buf_len;
    r->n_fields = 0; /* the next record reuses the buffers */
    r->buf_len = 0;
    if (r->fatal || r->stopped)
        return;
    if (r->too_long) {
        r->too_long = false;
        report(r, r->line, NULL,
               "a field is longer than %d bytes: this does not look like a "
               "CSV export",
               KPI_CSV_MAX_FIELD);
        return;
    }
    if (kpi_grow(r->o->alloc, (void **)&r->out, &r->cap_out, n,
                 sizeof *r->out) != KPI_OK) {
        r->fatal = KPI_ERR_NOMEM;
        return;
    }
    bool empty = true;
    for (size_t i = 0; i < n; i++) {
        r->out[i].s = r->buf + r->starts[i];
        r->out[i].len = (i + 1 < n ? r->starts[i + 1] : used) -
                        r->starts[i] - 1;
        if (r->out[i].len)
            empty = false;
    }
    if (empty) {
        /* A blank line carries nothing; a row of empty fields (";;;",
         * what a spreadsheet saves for an empty row) is an input row, and
         * SPEC §3.2 wants every row used or reported: a warning. */
        if (r->o->warn_empty_rows && n > 1 && r->have_header &&
            kpi_diag_add(r->o->diags, KPI_SEVERITY_WARNING, r->o->label,
                         r->line, NULL,
                         "row has no values (an empty spreadsheet row); "
                         "skipped") != KPI_OK)
            r->fatal = KPI_ERR_NOMEM;
        return;
    }

    kpi_status st;
    if (!r->have_header) {
        st = take_header(r, r->out, n);
        if (st == KPI_OK && r->o->header)
            st = r->o->header(r->o->ctx, r->line, r->out, n);
    } else if (n != r->header_n) {
        report(r, r->line, NULL, "row has %zu fields, the header has %zu", n,
               r->header_n);
        return;
    } else if (!cpr_check(r, r->out, n)) {
        return;
    } else {
        st = r->o->row ? r->o->row(r->o->ctx, r->line, r->out, n) : KPI_OK;
    }
    if (st == KPI_ERR_NOMEM)
        r->fatal = st;
    else if (st != KPI_OK)
        r->stopped = true;
}

/* ---- encoding and separator ---------------------------------------- */

/* How much of a mapped file is read between two releases. */
#define RELEASE_STEP ((size_t)16 << 20)

/* Gives the pages of r->map before upto back (MADV_DONTNEED: they are
 * read again from the file if touched again, so nothing changes but the
 * resident size), every RELEASE_STEP bytes, or all of them when all. */
static void release_to(reader *r, const char *upto, bool all)
{
    if (!r->map || upto < r->map || upto > r->map + r->map_len)
        return;
    size_t to =
        all ? r->map_len : (size_t)(upto - r->map) & ~(r->page - 1);
    if (to < r->released + (all ? 1 : RELEASE_STEP))
        return;
    madvise((void *)(uintptr_t)(r->map + r->released), to - r->released,
            MADV_DONTNEED);
    r->released = to;
}

/* The separator of the header line: the most frequent of ';', TAB and ','
 * outside quotes. Ties go to ';', then TAB: Danish exports use ';'
 * because ',' is the decimal mark. */
static unsigned char detect_separator(const char *s, size_t len)
{
    size_t semi = 0, tab = 0, comma = 0;
    bool quoted = false;
    bool seen = false; /* past the empty lines before the header */
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == '\n' && seen)
            break;
        else if (c == ';')
            semi++;
        else if (c == '\t')
            tab++;
        else if (c == ',')
            comma++;
        if (c != '\n' && c != '\r' && c != ' ')
            seen = true;
    }
    if (comma > semi && comma > tab)
        return ',';
    if (tab > semi)
        return '\t';
    return ';';
}

static int space_only(unsigned char c)
{
    return c == ' ';
}

static kpi_status parser_start(reader *r, unsigned char sep)
{
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return KPI_ERR_NOMEM;
    csv_set_delim(&r->parser, sep);
    csv_set_space_func(&r->parser, space_only);
    csv_set_blk_size(&r->parser, 65536);
    r->parser_live = true;
    return KPI_OK;
}

static void parser_stop(reader *r)
{
    if (r->parser_live)
        csv_free(&r->parser);
    r->parser_live = false;
}

static unsigned long count_lines(const char *s, size_t len)
{
    unsigned long n = 0;
    const char *end = s + len;
    while (s < end && (s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
        n++;
        s++;
    }
    return n;
}

static bool blank_line(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != '\r' && s[i] != ' ')
            return false;
    return true;
}

/* Bit k set when p[k] (k < 16) is sep, a quote, CR or LF; p[0..16)
 * must be readable. SSE2 (every x86-64 has it) tests the sixteen at
 * once; elsewhere, or built with KPI_NO_SIMD, one byte at a time. */
static unsigned specials16(const char *p, char sep)
{
#ifdef SPLIT_SSE2
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i m = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(sep)),
                     _mm_cmpeq_epi8(x, _mm_set1_epi8('"'))),
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\r')),
                     _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))));
    return (unsigned)_mm_movemask_epi8(m);
#else
    unsigned m = 0;
    for (unsigned k = 0; k < 16; k++)
        if (p[k] == sep || p[k] == '"' || p[k] == '\r' || p[k] == '\n')
            m |= 1u << k;
    return m;
#endif
}

/* The index of the lowest bit set in m (m != 0). */
static unsigned lowest_bit(unsigned m)
{
#ifdef __GNUC__
    return (unsigned)__builtin_ctz(m);
#else
    unsigned k = 0;
    while (!(m & 1u)) {
        m >>= 1;
        k++;
    }
    return k;
#endif
}

/* Whether the record at text[pos..len) is plain: no quote and no CR but
 * the one before its newline, as nearly every record of a large export.
 * Then *end is where the next record starts (past the newline, or len)
 * and r->seps[0..*n_seps) are the offsets of its separators. One pass
 * over the record, sixteen bytes at a time: the memchr calls for the
 * newline, the quotes, a CR and each separator that were here were the
 * largest part of the reading thread. */
static bool scan_plain(reader *r, const char *text, size_t len, size_t pos,
                       char sep, size_t *end, size_t *n_seps)
{
    size_t i = pos, n = 0;
    for (;;) {
        size_t base = i;
        unsigned m = 0;
        if (len - i >= 16) {
            m = specials16(text + i, sep);
            i += 16;
        } else {
            for (unsigned k = 0; i < len; i++, k++)
                if (text[i] == sep || text[i] == '"' || text[i] == '\r' ||
                    text[i] == '\n')
                    m |= 1u << k;
        }
        for (; m; m &= m - 1) {
            size_t at = base + lowest_bit(m);
            char c = text[at];
            if (c == sep) {
                if (n == r->cap_seps &&
                    kpi_grow(r->o->alloc, (void **)&r->seps, &r->cap_seps,
                             n + 1, sizeof *r->seps) != KPI_OK) {
                    r->fatal = KPI_ERR_NOMEM;
                    return false;
                }
                r->seps[n++] = at - pos;
            } else if (c == '\n') {
                *end = at + 1;
                *n_seps = n;
                return true;
            } else if (c != '\r' || at + 1 == len || text[at + 1] != '\n') {
                return false; /* a quote, or a CR inside the record */
            }
        }
        if (i == len) {
            *end = len;
            *n_seps = n;
            return true;
        }
    }
}

/* A plain record s[0..len) (scan_plain), split here rather than by
 * libcsv, whose byte-by-byte state machine was the larger part of the
 * reading time. The result is what libcsv gives (fields split at the
 * separators, spaces around them removed). */
static void split_plain(reader *r, const char *s, size_t len, size_t n_seps)
{
    if (len && s[len - 1] == '\n')
        len--;
    if (len && s[len - 1] == '\r')
        len--;
    size_t from = 0;
    for (size_t k = 0; k <= n_seps; k++) {
        size_t to = k < n_seps ? r->seps[k] : len;
        size_t fs = from, fe = to;
        while (fs < fe && s[fs] == ' ')
            fs++;
        while (fe > fs && s[fe - 1] == ' ')
            fe--;
        on_field((void *)(uintptr_t)(s + fs), fe - fs, r);
        from = to + 1;
    }
    on_record('\n', r);
}

/* Cuts text into records and feeds them to libcsv. */
static void parse_text(reader *r, const char *text, size_t len)
{
    unsigned char sep = (unsigned char)detect_separator(text, len);
    if (parser_start(r, sep) != KPI_OK) {
        r->fatal = KPI_ERR_NOMEM;
        return;
    }
    size_t pos = 0;
    unsigned long line = 1;
    while (pos < len && !r->fatal && !r->stopped) {
        release_to(r, text + pos, false);
        size_t end, n_seps;
        if (scan_plain(r, text, len, pos, (char)sep, &end, &n_seps)) {
            bool complete = text[end - 1] == '\n';
            if (blank_line(text + pos, end - pos - (complete ? 1 : 0))) {
                line += complete ? 1 : 0;
            } else {
                r->line = line;
                split_plain(r, text + pos, end - pos, n_seps);
                line++;
            }
            pos = end;
            continue;
        }
        if (r->fatal)
            break;
        /* Find the end of the record starting at pos: the first newline
         * outside quotes (a quote or a CR inside it: libcsv reads it). */
        end = pos;
        unsigned long lines_in = 0;       /* newlines inside the record */
        unsigned long quote_line = 0;     /* where the open quote started */
        bool quoted = false;
        bool complete = false;
        while (end < len) {
            const char *nl = memchr(text + end, '\n', len - end);
            size_t stop = nl ? (size_t)(nl - text) : len;
            for (const char *q = text + end;
                 (q = memchr(q, '"', stop - (size_t)(q - text))) != NULL;
                 q++) {
                quoted = !quoted;
                if (quoted)
                    quote_line = line + lines_in;
            }
            end = nl ? stop + 1 : len;
            if (!nl)
                break;
            if (!quoted) {
                complete = true;
                break;
            }
            lines_in++;
        }
        if (!quoted && blank_line(text + pos, end - pos - (complete ? 1 : 0))) {
            pos = end;
            line += complete ? 1 : 0;
            continue;
        }
        r->line = line;
        /* libcsv grows its field buffer a block at a time, which is
         * quadratic for a field of megabytes. A record longer than this
         * must hold a field over the limit (a quoted field is at most
         * twice its text plus its quotes), so refuse it unparsed. */
        size_t fields = r->have_header ? r->header_n : 64;
        if (end - pos > (2 * (size_t)KPI_CSV_MAX_FIELD + 4) * fields) {
            report(r, line, NULL,
                   "a field is longer than %d bytes: this does not look "
                   "like a CSV export",
                   KPI_CSV_MAX_FIELD);
            if (quoted)
                break; /* runs to the end of the file */
            line += lines_in + 1;
            pos = end;
            continue;
        }
        size_t done = csv_parse(&r->parser, text + pos, end - pos, on_field,
                                on_record, r);
        if (done < end - pos) {
            unsigned long at = line + count_lines(text + pos, done);
            if (csv_error(&r->parser) == CSV_EPARSE) {
                report(r, at, NULL,
                       "malformed quoting (a quote must open and close a "
                       "field; write \"\" for a quote inside it)");
            } else {
                r->fatal = KPI_ERR_NOMEM;
                return;
            }
            /* Start afresh on the line after the bad one. */
            parser_stop(r);
            r->n_fields = 0;
            r->buf_len = 0;
            r->too_long = false;
            if (parser_start(r, sep) != KPI_OK) {
                r->fatal = KPI_ERR_NOMEM;
                return;
            }
            const char *nl = memchr(text + pos + done, '\n',
                                    len - (pos + done));
            pos = nl ? (size_t)(nl - text) + 1 : len;
            line = at + 1;
            continue;
        }
        if (quoted) {
            /* The file ends inside quotes: cut off or a stray quote. */
            report(r, quote_line, NULL,
                   "unterminated quoted field starting on line %lu",
                   quote_line);
            r->n_fields = 0;
            r->buf_len = 0;
            parser_stop(r);
            return;
        }
        if (!complete) /* the last line has no newline */
            csv_fini(&r->parser, on_field, on_record, r);
        line += lines_in + (complete ? 1 : 0);
        pos = end;
    }
    parser_stop(r);
    if (r->fatal || !r->have_header)
        return;
    for (size_t i = 0; i < r->header_n; i++) {
        const cpr_column *c = &r->cpr[i];
        if (!c->reported && c->all_ten && c->first_ten)
            cpr_message(r, c->first_ten, i);
    }
}

#ifdef SPLIT_SSE2
/* kpi_text_check sixteen bytes at a time, from *i while sixteen are
 * left and each sixteen are plain (no binary byte and, while utf8, only
 * ASCII and valid two-byte characters: a Danish letter every 50 bytes of
 * an export). The two-byte characters are valid when the continuation
 * bytes (0x80-0xBF) are exactly the bytes after the lead bytes
 * (0xC2-0xDF): no branch for them. The offset of a binary byte, or
 * (size_t)-1 with *i where it stopped, on the first byte of a
 * character. */
static size_t check16(const unsigned char *p, size_t len, bool utf8,
                      size_t *i)
{
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i c0 = _mm_set1_epi8((char)-64); /* 0xC0 */
    const __m128i c1 = _mm_set1_epi8((char)-63); /* 0xC1 */
    const __m128i e0 = _mm_set1_epi8((char)-32); /* 0xE0 */
    unsigned carry = 0; /* the last sixteen ended with a lead byte */
    size_t at = *i;
    while (len - at >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + at));
        /* signed: below 0x20, or 0x80 and up */
        unsigned hi = (unsigned)_mm_movemask_epi8(x);
        unsigned low =
            (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, space)) & ~hi;
        for (; low; low &= low - 1) {
            size_t k = lowest_bit(low);
            unsigned char c = p[at + k];
            if (!kpi_text_control_allowed(c))
                return at + k;
        }
        if (!utf8 || !(hi | carry)) {
            at += 16;
            continue;
        }
        unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, c0));
        unsigned lead = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(x, c1), _mm_cmplt_epi8(x, e0)));
        if (hi & ~(cont | lead) || cont != (((lead << 1) | carry) & 0xFFFF))
            break;
        carry = lead >> 15;
        at += 16;
    }
    *i = carry ? at - 1 : at;
    return (size_t)-1;
}
#endif

/* kpi_text_check of s[0..len), which ends before a character. With
 * SSE2, check16 reads what it can, and kpi_text_check a few bytes (to
 * the next character) where it stops: 0.08 s of the million's 188 MB
 * became 0.055 s, and the pass runs alone before the parsing, so this is
 * wall time. (kpi_text_check stays portable C: text.c is built for the
 * LibreOffice add-in on Windows too.) */
static size_t check_text(const char *s, size_t len, bool *utf8)
{
#ifdef SPLIT_SSE2
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    for (;;) {
        size_t bin = check16(p, len, *utf8, &i);
        if (bin != (size_t)-1)
            return bin;
        size_t e = len - i > 32 ? i + 32 : len;
        while (e < len && (p[e] & 0xC0) == 0x80)
            e++;
        bin = kpi_text_check(s + i, e - i, utf8);
        if (bin != (size_t)-1)
            return i + bin;
        if (e == len)
            return (size_t)-1;
        i = e;
    }
#else
    return kpi_text_check(s, len, utf8);
#endif
}

/* The checks of the whole file (check_text), RELEASE_STEP bytes at a
 * time (released behind): *bin the first binary byte ((size_t)-1:
 * none), and *utf8 whether the data is UTF-8 (a byte order mark is). The
 * pieces end before a character, so they are UTF-8 exactly when the
 * whole is. */
static void check_bytes(reader *r, const char *data, size_t len,
                        size_t *bin, bool *utf8)
{
    *bin = (size_t)-1;
    *utf8 = true;
    size_t i = 0;
    while (i < len) {
        size_t e = len - i > RELEASE_STEP ? i + RELEASE_STEP : len;
        while (e < len && e > i && ((unsigned char)data[e] & 0xC0) == 0x80)
            e--;
        if (e == i) /* only continuation bytes: not UTF-8 anyway */
            e = len - i > RELEASE_STEP ? i + RELEASE_STEP : len;
        size_t b = check_text(data + i, e - i, utf8);
        if (b != (size_t)-1) {
            *bin = i + b;
            return;
        }
        i = e;
        release_to(r, data + i, false);
    }
}

static void reader_free(reader *r)
{
    const kpi_allocator *a = r->o->alloc;
    parser_stop(r);
    kpi_xfree(a, r->buf);
    kpi_xfree(a, r->starts);
    kpi_xfree(a, r->seps);
    kpi_xfree(a, r->out);
    if (r->header_names)
        for (size_t i = 0; i < r->header_n; i++)
            kpi_xfree(a, r->header_names[i]);
    kpi_xfree(a, r->header_names);
    kpi_xfree(a, r->cpr);
}

/* kpi_csv_read_buffer, for a buffer or (map true) a mapped file. */
static kpi_status read_text(const kpi_csv_options *o, const char *data,
                            size_t len, bool map)
{
    if (!o || (!data && len))
        return KPI_ERR_ARG;
    reader r;
    memset(&r, 0, sizeof r);
    r.o = o;
    if (map) {
        r.map = data;
        r.map_len = len;
        r.page = (size_t)sysconf(_SC_PAGESIZE);
    }
    char *converted = NULL;

    const char *text = data;
    size_t text_len = len;
    size_t bad;
    bool utf8;
    if (len == 0) {
        report(&r, 0, NULL, "file is empty");
        goto done;
    }
    bool bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
    check_bytes(&r, data, len, &bad, &utf8);
    r.released = 0; /* parsing reads the pages again */
    if (bad != (size_t)-1) {
        report(&r, count_lines(data, bad) + 1, NULL,
               "not a text file (binary data at byte %zu)", bad + 1);
        goto done;
    }
    if (bom) {
        text += 3;
        text_len -= 3;
        if (!utf8) {
            report(&r, 0, NULL,
                   "the file starts with a UTF-8 byte order mark but is not "
                   "valid UTF-8");
            goto done;
        }
    } else if (!utf8) {
        size_t conv_len;
        kpi_status st = kpi_text_cp1252_to_utf8(o->alloc, text, text_len,
                                                &converted, &conv_len, &bad);
        if (st == KPI_ERR_INPUT) {
            report(&r, count_lines(text, bad) + 1, NULL,
                   "neither UTF-8 nor Windows-1252 text (byte 0x%02X at "
                   "byte %zu)",
                   (unsigned)(unsigned char)text[bad], bad + 1);
            goto done;
        }
        if (st != KPI_OK) {
            r.fatal = KPI_ERR_NOMEM;
            goto done;
        }
        text = converted;
        text_len = conv_len;
        release_to(&r, data, true); /* the copy is read from now on */
    }
    parse_text(&r, text, text_len);
    if (!r.fatal && !r.have_header && !r.errors)
        report(&r, 0, NULL, "file is empty (no header line)");

done:
    kpi_xfree(o->alloc, converted);
    reader_free(&r);
    if (r.fatal)
        return r.fatal;
    return r.errors || r.stopped ? KPI_ERR_INPUT : KPI_OK;
}

kpi_status kpi_csv_read_buffer(const kpi_csv_options *o, const char *data,
                               size_t len)
{
    return read_text(o, data, len, false);
}

static kpi_status read_error(const kpi_csv_options *o, int err)
{
    char msg[128] = "unknown error";
    strerror_r(err, msg, sizeof msg);
    if (kpi_diag_add(o->diags, KPI_SEVERITY_ERROR, o->label, 0, NULL,
                     "cannot read the file: %s", msg) != KPI_OK)
        return KPI_ERR_NOMEM;
    return KPI_ERR_IO;
}

kpi_status kpi_csv_read_file(const kpi_csv_options *o, const char *path)
{
    if (!o || !path)
        return KPI_ERR_ARG;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return read_error(o, errno);
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        (uintmax_t)sb.st_size < SIZE_MAX) {
        /* Map a regular file rather than copy it: a million-row export is
         * 100-150 MB, and reading it into a buffer cost a tenth of the
         * load time. */
        size_t len = (size_t)sb.st_size;
        void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map != MAP_FAILED) {
            close(fd);
            kpi_status st = read_text(o, map, len, true);
            munmap(map, len);
            return st;
        }
    }
    /* Not a regular file (a pipe), empty, or not mappable: read it. */
    char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (kpi_grow(o->alloc, (void **)&data, &cap, len + 65536, 1) !=
            KPI_OK) {
            close(fd);
            kpi_xfree(o->alloc, data);
            return KPI_ERR_NOMEM;
        }
        ssize_t got = read(fd, data + len, cap - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int err = errno;
            close(fd);
            kpi_xfree(o->alloc, data);
            return read_error(o, err);
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    kpi_status st = kpi_csv_read_buffer(o, data, len);
    kpi_xfree(o->alloc, data);
    return st;
}
