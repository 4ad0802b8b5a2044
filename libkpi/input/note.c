/* note.c - the administration's note for a report month (kpi.h:
 * kpi_note_read): bemaerkninger-YYYY-MM.txt in the dataset folder, the
 * explanations, proposed actions and status of agreed savings that KL's
 * råd 9 asks to stand beside the quarterly figures. The packs of the
 * fagudvalg and the direktion print it on their first page. */
#include "base/internal.h"

#include <errno.h>
#include <stdio.h>

/* The 1-based line of offset in s. */
static unsigned long note_line(const char *s, size_t offset)
{
    unsigned long line = 1;
    for (size_t i = 0; i < offset; i++)
        line += s[i] == '\n';
    return line;
}

/* The first offset at which s[0..len) stops being UTF-8 (len: none).
 * Checked a line at a time, so the line can be told. */
static size_t first_bad(const char *s, size_t len)
{
    size_t start = 0;
    while (start < len) {
        const char *nl = memchr(s + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - s) : len;
        if (memchr(s + start, '\0', end - start) ||
            !kpi_text_is_utf8(s + start, end - start))
            return start;
        start = end + 1;
    }
    return len;
}

/* Drops a byte order mark, CRs before LF and trailing white space, in
 * place; returns the new length. */
static size_t normalise(char *s, size_t len)
{
    size_t from = 0, to = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        from = 3;
    for (; from < len; from++) {
        if (s[from] == '\r' && from + 1 < len && s[from + 1] == '\n')
            continue;
        s[to++] = s[from];
    }
    while (to > 0 && (s[to - 1] == '\n' || s[to - 1] == ' ' ||
                      s[to - 1] == '\t' || s[to - 1] == '\r'))
        to--;
    s[to] = '\0';
    return to;
}

kpi_status kpi_note_read(const kpi_allocator *a, const char *dataset_dir,
                         kpi_month m, char **text, unsigned long *bad_line)
{
    if (text)
        *text = NULL;
    if (bad_line)
        *bad_line = 0;
    char code[16], path[4096];
    if (!dataset_dir || !text ||
        kpi_period_format(KPI_PERIOD_MONTH, m, KPI_PERIOD_STYLE_CODE, code,
                          sizeof code) != KPI_OK)
        return KPI_ERR_ARG;
    int n = snprintf(path, sizeof path, "%s/" KPI_NOTE_FILE, dataset_dir, code);
    if (n < 0 || (size_t)n >= sizeof path)
        return KPI_ERR_ARG;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? KPI_OK : KPI_ERR_IO;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    kpi_status st = KPI_OK;
    for (;;) {
        st = kpi_grow(a, (void **)&buf, &cap, len + 4096, 1);
        if (st != KPI_OK)
            break;
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0) {
            st = ferror(f) ? KPI_ERR_IO : KPI_OK;
            break;
        }
    }
    fclose(f);
    if (st == KPI_OK) {
        size_t bad = first_bad(buf, len);
        if (bad < len) {
            if (bad_line)
                *bad_line = note_line(buf, bad);
            st = KPI_ERR_INPUT;
        }
    }
    if (st != KPI_OK || normalise(buf, len) == 0) {
        kpi_xfree(a, buf);
        return st;
    }
    *text = buf;
    return KPI_OK;
}
