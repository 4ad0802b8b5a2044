/*
 * rowindex.c - finds kpi's rows by kpi_id, period, breakdown and stat.
 *
 * A workbook looks up thousands of cells; a sorted array of keys and a
 * binary search keep that fast without a hash table. Rows a recipient
 * may not see (row_visible) are left out here, so no table can show
 * them.
 *
 * Why not libkpi's kpi_figures_find: the index holds only the rows the
 * recipient may see (a table must not even find a hidden row), it finds
 * rows of a second dimension ("result=not_approved,reason=...") by the
 * template's breakdown text, and it answers whether a figure has any
 * visible row at all (kpi_xlsx_rowindex_has_figure). The one-row lookups
 * outside the tables (the headlines) use kpi_figures_find.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *make_key(const char *kpi_id, const char *period,
                      const char *breakdown, const char *stat)
{
    size_t n = strlen(kpi_id) + strlen(period) + strlen(breakdown) +
               strlen(stat) + 4;
    char *k = malloc(n);
    if (k)
        snprintf(k, n, "%s\x1f%s\x1f%s\x1f%s", kpi_id, period, breakdown,
                 stat);
    return k;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(((const row_key *)a)->key, ((const row_key *)b)->key);
}

size_t kpi_xlsx_input_row_count(const kpi_book_input *in)
{
    return kpi_figures_row_count(in->figures) +
           kpi_comparison_row_count(in->comparison);
}

const kpi_row *kpi_xlsx_input_row(const kpi_book_input *in, size_t i)
{
    size_t n = kpi_figures_row_count(in->figures);
    return i < n ? kpi_figures_row(in->figures, i)
                 : kpi_comparison_row(in->comparison, i - n);
}

kpi_status kpi_xlsx_rowindex_build(render *r)
{
    size_t n = kpi_xlsx_input_row_count(r->in);
    r->index = calloc(n ? n : 1, sizeof *r->index);
    if (!r->index)
        return KPI_ERR_NOMEM;
    char bd[512];
    for (size_t i = 0; i < n; i++) {
        const kpi_row *row = kpi_xlsx_input_row(r->in, i);
        if (r->in->row_visible && !r->in->row_visible(row, r->in->hook_ctx))
            continue;
        kpi_row_format_breakdown(row, bd, sizeof bd);
        char *k = make_key(row->kpi_id, row->period, bd, row->stat);
        if (!k)
            return KPI_ERR_NOMEM;
        r->index[r->n_index].key = k;
        r->index[r->n_index].row = row;
        r->n_index++;
    }
    /* Keys are unique: libkpi writes each kpi_id/period/breakdown/stat
     * once. */
    qsort(r->index, r->n_index, sizeof *r->index, cmp_key);
    return KPI_OK;
}

void kpi_xlsx_rowindex_free(render *r)
{
    for (size_t i = 0; i < r->n_index; i++)
        free(r->index[i].key);
    free(r->index);
    r->index = NULL;
    r->n_index = 0;
}

const kpi_row *kpi_xlsx_rowindex_find(const render *r, const char *kpi_id,
                                      const char *period, const char *breakdown,
                                      const char *stat)
{
    char *k = make_key(kpi_id, period, breakdown, stat);
    if (!k)
        return NULL;
    row_key probe = {k, NULL};
    const row_key *hit =
        bsearch(&probe, r->index, r->n_index, sizeof *r->index, cmp_key);
    free(k);
    return hit ? hit->row : NULL;
}

bool kpi_xlsx_rowindex_has_figure(const render *r, const char *kpi_id)
{
    /* The first key not below "kpi_id\x1f": keys of that figure start
     * with it and sort together. */
    size_t len = strlen(kpi_id), lo = 0, hi = r->n_index;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *k = r->index[mid].key;
        int c = strncmp(k, kpi_id, len);
        if (c == 0)
            c = (unsigned char)k[len] - (unsigned char)'\x1f';
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->n_index && !strncmp(r->index[lo].key, kpi_id, len) &&
           r->index[lo].key[len] == '\x1f';
}
