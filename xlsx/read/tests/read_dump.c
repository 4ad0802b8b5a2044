/* read_dump.c - prints what kpi reads from a workbook, for the round-trip
 * scripts:
 *   kpi-read-dump cells FILE [--no-soffice]   every cell: sheet!A1 type value
 *   kpi-read-dump budget DIR [--no-soffice]   the budget lines of DIR
 *   kpi-read-dump stat FILE [--no-soffice]    sheets, cells, text bytes
 *   kpi-read-dump corpus FILE DIR [--no-soffice]
 *       one real file: "read ..." or "refused<TAB>MESSAGE" from the sheet
 *       reader, then "budget ..." from loading DIR (whose budget is the
 *       file) as kpi check does; exit 3 when a reader failed without
 *       saying why, or ran out of memory: xlsx/read/tests/corpus.sh
 * DIR is loaded as a dataset (kpi_dataset_load with kpi_budget_read), as
 * the kpi command loads it, so it needs a measures.csv.
 * Diagnostics go to stderr; exit 1 when there were errors. */
#include "kpi/read.h"

#include <stdio.h>
#include <string.h>

static const char *type_name(kpi_cell_type t)
{
    switch (t) {
    case KPI_CELL_EMPTY: return "empty";
    case KPI_CELL_NUMBER: return "number";
    case KPI_CELL_TEXT: return "text";
    case KPI_CELL_BOOL: return "bool";
    case KPI_CELL_DATE: return "date";
    case KPI_CELL_FORMULA: return "formula";
    case KPI_CELL_ERROR: return "error";
    }
    return "?";
}

static void print_diags(const kpi_diagnostics *d)
{
    for (size_t i = 0; i < kpi_diagnostics_count(d); i++)
        kpi_diagnostic_print(kpi_diagnostics_get(d, i), stderr);
}

static kpi_status open_book(const char *path, const char *soffice,
                            kpi_sheets **book, kpi_diagnostics *d)
{
    kpi_sheets_options o;
    memset(&o, 0, sizeof o);
    o.soffice = soffice;
    return kpi_sheets_open(path, &o, book, d);
}

static int dump_cells(const char *path, const char *soffice)
{
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_sheets *book = NULL;
    kpi_status st = open_book(path, soffice, &book, d);
    print_diags(d);
    int rc = st == KPI_OK ? 0 : 1;
    if (st == KPI_OK && kpi_sheets_converted(book))
        printf("# converted with LibreOffice\n");
    for (size_t s = 0; s < kpi_sheets_count(book); s++) {
        const kpi_sheet *sh = kpi_sheets_get(book, s);
        for (size_t i = 0; i < sh->n_cells; i++) {
            const kpi_cell *c = &sh->cells[i];
            char name[16], date[11];
            kpi_cell_name(c->row, c->col, name);
            printf("%s!%s %s%s ", sh->name, name, type_name(c->type),
                   c->formula ? "=" : "");
            if (c->type == KPI_CELL_TEXT || c->type == KPI_CELL_ERROR)
                printf("%s\n", c->text);
            else if (c->type == KPI_CELL_DATE) {
                kpi_date_format(c->date, date);
                printf("%s\n", date);
            } else
                printf("%.15g\n", c->number);
        }
    }
    kpi_sheets_free(book);
    kpi_diagnostics_free(d);
    return rc;
}

static int dump_budget(const char *dir, const char *soffice)
{
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_budget_options bo = {soffice, 0};
    kpi_load_options lo = {0};
    lo.budget_reader = kpi_budget_read;
    lo.budget_reader_ctx = &bo;
    kpi_dataset *ds = NULL;
    kpi_status st = kpi_dataset_load(dir, &lo, &ds, d);
    print_diags(d);
    kpi_budget_info b;
    for (size_t i = 0; kpi_dataset_budget(ds, i, &b); i++) {
        char m[32];
        kpi_money_format(b.annual, m);
        printf("row %lu: %s annual=%s", b.row, b.measure_type, m);
        if (b.has_recipients)
            printf(" recipients=%g", b.recipients);
        if (b.has_price) {
            kpi_money_format(b.price, m);
            printf(" price=%s", m);
        }
        if (b.has_months) {
            printf(" months=");
            for (int k = 0; k < 12; k++) {
                kpi_money_format(b.months[k], m);
                printf("%s%s", k ? "," : "", m);
            }
        }
        printf("\n");
    }
    int rc = st == KPI_OK ? 0 : 1;
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    return rc;
}

/* The first diagnostic's message without its "LABEL: " (the file). */
static const char *first_message(const kpi_diagnostics *d)
{
    if (!kpi_diagnostics_count(d))
        return "(no message)";
    return kpi_diagnostics_get(d, 0)->message;
}

static int stat_or_corpus(const char *path, const char *dir,
                          const char *soffice)
{
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_sheets *book = NULL;
    kpi_status st = open_book(path, soffice, &book, d);
    int rc = 0;
    if (st == KPI_OK) {
        size_t cells = 0, unread = 0, text = 0;
        for (size_t s = 0; s < kpi_sheets_count(book); s++) {
            const kpi_sheet *sh = kpi_sheets_get(book, s);
            cells += sh->n_cells;
            for (size_t i = 0; i < sh->n_cells; i++) {
                unread += sh->cells[i].type == KPI_CELL_FORMULA;
                text += sh->cells[i].len;
            }
        }
        printf("read\t%zu sheets\t%zu cells\t%zu unread formulas\t%zu "
               "bytes of text shown%s\n",
               kpi_sheets_count(book), cells, unread, text,
               kpi_sheets_converted(book) ? "\tconverted" : "");
    } else if (st == KPI_ERR_INPUT ||
               (st == KPI_ERR_IO && kpi_diagnostics_count(d))) {
        /* IO: a conversion with LibreOffice failed, and said so. */
        printf("refused\t%s\n", first_message(d));
    } else {
        printf("failed\t%s: %s\n", kpi_strerror(st), first_message(d));
        rc = 3;
    }
    kpi_sheets_free(book);
    kpi_diagnostics_free(d);
    if (!dir)
        return rc;
    /* The budget as kpi check reads it: kpi_budget_read on DIR. */
    d = kpi_diagnostics_new(NULL);
    kpi_budget_options bo = {soffice, 0};
    kpi_load_options lo = {0};
    lo.budget_reader = kpi_budget_read;
    lo.budget_reader_ctx = &bo;
    kpi_dataset *ds = NULL;
    st = kpi_dataset_load(dir, &lo, &ds, d);
    kpi_budget_info b;
    size_t lines = 0;
    while (kpi_dataset_budget(ds, lines, &b))
        lines++;
    if (st == KPI_OK || st == KPI_ERR_INPUT ||
        (st == KPI_ERR_IO && kpi_diagnostics_count(d))) {
        printf("budget\t%zu lines\t%zu messages\n", lines,
               kpi_diagnostics_count(d));
    } else {
        printf("failed\tbudget: %s: %s\n", kpi_strerror(st),
               first_message(d));
        rc = 3;
    }
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "corpus") == 0 && argc < 4)) {
        fputs("usage: kpi-read-dump cells FILE | budget DIR | stat FILE | "
              "corpus FILE DIR [--no-soffice]\n",
              stderr);
        return 2;
    }
    int opt = strcmp(argv[1], "corpus") == 0 ? 4 : 3;
    const char *soffice = argc > opt && strcmp(argv[opt], "--no-soffice") == 0
                              ? ""
                              : NULL;
    if (strcmp(argv[1], "stat") == 0)
        return stat_or_corpus(argv[2], NULL, soffice);
    if (strcmp(argv[1], "corpus") == 0)
        return stat_or_corpus(argv[2], argv[3], soffice);
    if (strcmp(argv[1], "cells") == 0)
        return dump_cells(argv[2], soffice);
    if (strcmp(argv[1], "budget") == 0)
        return dump_budget(argv[2], soffice);
    return 2;
}
