/*
 * compare_input.h - the comparison input of issue 18, internal: the files
 * in sammenligning/ of a dataset folder, read into one list of values by
 * municipality (or the whole country), year and figure.
 *
 * Two kinds of file are read (docs/COMPARE.md):
 *  - Danmarks Statistik's Statistikbank tables as the API's data call
 *    writes them with format=BULK (or CSV): ';'-separated, a header row of
 *    the table's variable ids (OMRÅDE;ALDER;TID;INDHOLD), one row per
 *    observation, the value in INDHOLD; which table a file holds is read
 *    from its name (ANBAAR7.csv, ISBU02-2024.csv, FOLK1A.csv), since the
 *    rows do not say it (compare_dst.c);
 *  - another municipality's `kpi export --level fagudvalg` file
 *    (compare_shared.c), told apart by its header.
 * A value a file marks instead of giving it (Danmarks Statistik's ".."
 * for discretion, "." for not available, kpi's "<5" and "..") is kept as
 * missing with its mark, never as 0.
 */
#ifndef KPI_COMPARE_INPUT_H
#define KPI_COMPARE_INPUT_H

#include "base/internal.h"

/* What a value counts. DST's definitions (docs/COMPARE.md): stocks on
 * 31 December, age at the end of the year, 0-22 with the young adults. */
typedef enum kpi_cmp_measure {
    KPI_CMP_PLACED = 0,         /* placed on 31 December, 0-22 */
    KPI_CMP_PLACED_0_17 = 1,    /* of those, aged 0-17 at the end of the year */
    KPI_CMP_NEW_PLACEMENTS = 2, /* placements begun in the year, 0-22 */
    KPI_CMP_PREVENTIVE = 3,     /* children with a preventive measure during
                                   the year, 0-22 */
    KPI_CMP_CHILDREN_0_17 = 4,  /* population at the end of the year */
    KPI_CMP_CHILDREN_0_22 = 5,
    KPI_CMP_SPEND = 6, /* øre: the year's expected outturn (forecast) */
} kpi_cmp_measure;
#define KPI_CMP_MEASURE_COUNT 7

/* The code of a measure in messages and the export ("placed"). */
const char *kpi_cmp_measure_code(kpi_cmp_measure m);

typedef struct kpi_cmp_value {
    char *area;   /* as the file names it: "Hele landet", "101", "Aarhus" */
    bool country; /* the whole country (DST's 000 / "Hele landet") */
    int year;
    kpi_cmp_measure measure;
    bool present;  /* false: the file marks the value instead */
    int64_t value; /* a count, or øre for KPI_CMP_SPEND */
    char mark[4];  /* "..", ".", "<5" when !present */
    size_t source; /* index into kpi_cmp_input.sources */
    unsigned long line;
} kpi_cmp_value;

typedef struct kpi_cmp_source {
    char *file;   /* the name in sammenligning/ */
    char *origin; /* "Danmarks Statistik, statistikbanken.dk/ANBAAR7" or
                     "kpi export (fagudvalg), Aarhus Kommune" */
    int first_year, last_year; /* of the values read; 0 when none */
    char date[11];  /* the file's date (modified, local time), YYYY-MM-DD:
                       a Statistikbank table's download; "" unknown */
    char month[8];  /* a kpi export: its report month, YYYY-MM; else "" */
} kpi_cmp_source;

typedef struct kpi_cmp_input {
    const kpi_allocator *a;
    kpi_cmp_source *sources;
    size_t n_sources, cap_sources;
    kpi_cmp_value *values;
    size_t n_values, cap_values;
} kpi_cmp_input;

/* Reads one file of sammenligning/ (path; label names it in messages)
 * into in, by its header: a kpi export or a Statistikbank table. Problems
 * go to diags as "label:line: column: message". KPI_ERR_INPUT when the
 * file gave an error, KPI_ERR_IO when it cannot be read, KPI_ERR_NOMEM. */
kpi_status kpi_cmp_read_file(kpi_cmp_input *in, const char *path,
                             const char *label, kpi_diagnostics *diags);

/* The two readers kpi_cmp_read_file chooses between. */
kpi_status kpi_cmp_read_dst(kpi_cmp_input *in, const char *path,
                            const char *label, kpi_diagnostics *diags);
kpi_status kpi_cmp_read_shared(kpi_cmp_input *in, const char *path,
                               const char *label, kpi_diagnostics *diags);

/* Adds a source (strings copied); its index in *index. */
kpi_status kpi_cmp_add_source(kpi_cmp_input *in, const char *file,
                              const char *origin, size_t *index);
/* Adds a value (area copied); widens its source's years. */
kpi_status kpi_cmp_add_value(kpi_cmp_input *in, const kpi_cmp_value *v);

/* The value of area (matched as kpi_text_fold folds it; NULL: the whole
 * country), year and measure, or NULL when no file gives it. */
const kpi_cmp_value *kpi_cmp_find(const kpi_cmp_input *in, const char *area,
                                  int year, kpi_cmp_measure measure);

/* Where a reader's problems go, and how many errors it found. */
typedef struct kpi_cmp_report {
    const char *label;
    kpi_diagnostics *diags;
    kpi_status st; /* KPI_ERR_NOMEM once a message could not be added */
    size_t errors;
} kpi_cmp_report;

/* Adds an error "label:line: column: message" to r. */
void kpi_cmp_problem(kpi_cmp_report *r, unsigned long line, const char *column,
                     const char *fmt, ...) KPI_PRINTF(4, 5);

/* Reads path with kpi's CSV reader (callbacks get ctx) and folds r's
 * errors into the status. */
kpi_status kpi_cmp_read_csv(kpi_cmp_input *in, const char *path,
                            kpi_cmp_report *r, kpi_csv_record_fn header,
                            kpi_csv_record_fn row, void *ctx);

/* Frees what in holds and empties it; in may be NULL. */
void kpi_cmp_input_free(kpi_cmp_input *in);

#endif /* KPI_COMPARE_INPUT_H */
