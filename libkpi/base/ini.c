/* ini.c - the one INI reader of kpi (kpi.h): kpi.ini, the workbook
 * templates and the map texts.
 *
 * kpi.ini was read with inih (r55, Debian's build) behind a line reader
 * of kpi's own that numbered the lines, saw every section header and
 * reported malformed lines. This is that pair in one place, line for
 * line, so every kpi.ini message stays as it was: a line is first
 * checked as kpi's reader did (comments, headers, a missing '=', the
 * length), then split as inih split it (its name, its value, its inline
 * comments, and its continuation lines: a line that still starts with
 * white space, a vertical tab, say, after the blanks are gone continues
 * the previous key), and a line with a ':' before its '=' is split at
 * the '=' (an alias such as "Børne- og ungehjem: døgninstitution =
 * doegninstitution" is one key).
 */
#include "base/internal.h"

#include <ctype.h>
#include <stdio.h>

/* inih keeps the previous key in a buffer of this many bytes. */
#define PREV_NAME_MAX 50

typedef struct reader {
    const kpi_ini_options *o;
    kpi_ini_fn fn;
    void *ctx;
    unsigned long line;
    char prev[PREV_NAME_MAX]; /* the last key inih split (continuations) */
    char *buf, *name, *value; /* work copies of the current line */
    size_t cap;
} reader;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_space(char c)
{
    return isspace((unsigned char)c) != 0;
}

/* Moves *b forward and *e back past the blanks at either end of b..e. */
static void trim_blanks(const char **b, const char **e)
{
    while (*b < *e && is_blank(**b))
        (*b)++;
    while (*e > *b && is_blank((*e)[-1]))
        (*e)--;
}

/* b..e without the blanks at either end, as a string in out. */
static void copy_trimmed(char *out, const char *b, const char *e)
{
    trim_blanks(&b, &e);
    memcpy(out, b, (size_t)(e - b));
    out[e - b] = '\0';
}

static kpi_status emit(reader *r, kpi_ini_kind kind, const char *name,
                       const char *value, const char *message)
{
    kpi_ini_item it = {kind, r->line, name, value, message};
    return r->fn(r->ctx, &it);
}

static kpi_status error(reader *r, const char *fmt, ...) KPI_PRINTF(2, 3);

static kpi_status error(reader *r, const char *fmt, ...)
{
    /* As long as a diagnostic's message may be (diag.c), so a consumer
     * that adds it to a kpi_diagnostics list cuts it where it did. */
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return emit(r, KPI_INI_ERROR, NULL, NULL, msg);
}

/* Where an inline comment starts in s[0..len): a ';' after a blank (the
 * line's own test), or len. */
static size_t comment_at(const reader *r, const char *s, size_t len)
{
    if (r->o->inline_comments)
        for (size_t i = 1; i < len; i++)
            if (s[i] == ';' && is_blank(s[i - 1]))
                return i;
    return len;
}

/* inih's find_chars_or_comment: the first of chars (or, with inline
 * comments, a ';' after any white space) in s, or its end. */
static char *find_chars_or_comment(const reader *r, char *s,
                                   const char *chars)
{
    bool was_space = false;
    while (*s && (!chars || !strchr(chars, *s)) &&
           !(r->o->inline_comments && was_space && *s == ';')) {
        was_space = is_space(*s);
        s++;
    }
    return s;
}

static char *rstrip(char *s)
{
    char *p = s + strlen(s);
    while (p > s && is_space(p[-1]))
        *--p = '\0';
    return s;
}

static char *lskip(char *s)
{
    while (*s && is_space(*s))
        s++;
    return s;
}

/* "[name]" (s without indentation). */
static kpi_status section(reader *r, const char *s, size_t len)
{
    const char *close = memchr(s, ']', len);
    kpi_status st;
    if (!close) {
        st = error(r, "section header without ']': '%.*s'", (int)len, s);
        return st != KPI_OK ? st : emit(r, KPI_INI_SECTION, NULL, NULL, NULL);
    }
    const char *rest = close + 1, *end = s + len;
    while (rest < end && is_blank(*rest))
        rest++;
    if (rest < end && *rest != ';' && *rest != '#' &&
        (st = error(r, "unexpected text '%.*s' after the section header",
                    (int)(end - rest), rest)) != KPI_OK)
        return st;
    copy_trimmed(r->name, s + 1, close);
    return emit(r, KPI_INI_SECTION, r->name, NULL, NULL);
}

/* A ':' before the '=' (both before an inline comment): the key and the
 * value are split at the '=' instead (inih splits at the first of the
 * two). raw is the line without indentation. */
static void resplit(reader *r, const char *raw, size_t len,
                    const char **name, const char **value)
{
    const char *s = raw, *end = raw + comment_at(r, raw, len);
    const char *colon = memchr(s, ':', (size_t)(end - s));
    const char *eq = memchr(s, '=', (size_t)(end - s));
    if (!colon || !eq || eq < colon)
        return;
    copy_trimmed(r->name, s, eq); /* s has no indentation */
    copy_trimmed(r->value, eq + 1, end);
    *name = r->name;
    *value = r->value;
}

/* A key line (s without indentation): kpi's checks, then inih's split. */
static kpi_status key(reader *r, const char *s, size_t len)
{
    size_t clen = comment_at(r, s, len);
    if (!memchr(s, '=', clen) && !memchr(s, ':', clen))
        return error(r, "expected 'key = value', not '%.*s'", (int)len, s);
    if (r->o->max_line && len > r->o->max_line)
        return error(r, "the line is longer than %zu characters",
                     r->o->max_line);
    char *line = r->buf;
    memcpy(line, s, len);
    line[len] = '\0';
    char *start = line;
    if (r->line == 1 && len >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0)
        start += 3; /* a second byte order mark */
    start = lskip(rstrip(start));
    const char *name, *value;
    if (*start == ';' || *start == '#' || !*start)
        return KPI_OK;
    if (r->prev[0] && start > line) {
        /* A line that starts with white space continues the previous
         * key (inih's multi-line values); only characters other than
         * blanks can still be there. */
        char *end = find_chars_or_comment(r, start, NULL);
        *end = '\0';
        rstrip(start);
        name = r->prev;
        value = start;
    } else if (*start == '[') {
        if (*find_chars_or_comment(r, start + 1, "]") == ']')
            r->prev[0] = '\0'; /* inih took it for a section header */
        return KPI_OK;
    } else {
        char *end = find_chars_or_comment(r, start, "=:");
        if (*end != '=' && *end != ':')
            return KPI_OK; /* inih skipped it: a comment came first */
        *end = '\0';
        name = rstrip(start);
        char *v = end + 1;
        end = find_chars_or_comment(r, v, NULL);
        *end = '\0';
        v = lskip(v);
        rstrip(v);
        value = v;
        snprintf(r->prev, sizeof r->prev, "%s", name);
    }
    resplit(r, s, len, &name, &value);
    return emit(r, KPI_INI_KEY, name, value, NULL);
}

kpi_status kpi_ini_parse(const char *text, size_t len,
                         const kpi_ini_options *options, kpi_ini_fn fn,
                         void *ctx)
{
    static const kpi_ini_options defaults = {NULL, false, 0};
    if (!fn || (!text && len))
        return KPI_ERR_ARG;
    reader r;
    memset(&r, 0, sizeof r);
    r.o = options ? options : &defaults;
    r.fn = fn;
    r.ctx = ctx;
    const kpi_allocator *a = r.o->allocator;
    kpi_status st = KPI_OK;
    const char *p = text, *end = text + len;
    while (st == KPI_OK && p < end) {
        const char *s = p;
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        p = nl ? nl + 1 : end;
        r.line++;
        if (r.line == 1 && e - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3;
        if (e > s && e[-1] == '\r')
            e--;
        trim_blanks(&s, &e);
        size_t n = (size_t)(e - s);
        if (n == 0 || *s == ';' || *s == '#')
            continue;
        if (n + 1 > r.cap) {
            size_t cap = n + 1;
            char *grown[3] = {NULL, NULL, NULL};
            for (int i = 0; i < 3; i++)
                if (!(grown[i] = kpi_xmalloc(a, cap))) {
                    for (int k = 0; k < i; k++)
                        kpi_xfree(a, grown[k]);
                    st = KPI_ERR_NOMEM;
                    break;
                }
            if (st != KPI_OK)
                break;
            kpi_xfree(a, r.buf);
            kpi_xfree(a, r.name);
            kpi_xfree(a, r.value);
            r.buf = grown[0];
            r.name = grown[1];
            r.value = grown[2];
            r.cap = cap;
        }
        st = *s == '[' ? section(&r, s, n) : key(&r, s, n);
    }
    kpi_xfree(a, r.buf);
    kpi_xfree(a, r.name);
    kpi_xfree(a, r.value);
    return st;
}
