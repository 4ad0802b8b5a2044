/*
 * kpi.h - the public interface of libkpi.
 *
 * libkpi loads a dataset folder (SPEC §3), applies the conventions of
 * SPEC §4 and computes the key figures of SPEC §5 as rows in long form
 * (SPEC §8). It knows nothing about spreadsheets, mail or user interfaces.
 *
 * Conventions of this header:
 * - Every fallible function returns a kpi_status; kpi_strerror() names it.
 * - Objects returned through an out pointer are owned by the caller and are
 *   freed with the matching kpi_*_free(); kpi_*_free(NULL) does nothing.
 * - Strings passed in are copied; strings returned stay owned by the object
 *   they came from and live as long as it does.
 * - The library never prints, exits or aborts; problems with input data are
 *   collected in a kpi_diagnostics list owned by the caller.
 * - There is no global mutable state: the library may be used from several
 *   threads as long as each object is used by one thread at a time.
 *
 * Example:
 *
 *     kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
 *     kpi_dataset *ds = NULL;
 *     kpi_status st = kpi_dataset_load("examples/eksempel", NULL, &ds, diags);
 *     if (st == KPI_OK) {
 *         kpi_month m = {2026, 10};
 *         kpi_figures *f = NULL;
 *         if (kpi_figures_compute(ds, m, NULL, &f) == KPI_OK)
 *             kpi_export_write(f, stdout);
 *         kpi_figures_free(f);
 *     }
 *     kpi_dataset_free(ds);
 *     kpi_diagnostics_free(diags);
 */
#ifndef KPI_H
#define KPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KPI_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Status codes. Append only: the numbers are part of the ABI.        */

typedef enum kpi_status {
    KPI_OK = 0,
    KPI_ERR_NOMEM = 1,         /* an allocation failed */
    KPI_ERR_INPUT = 2,         /* the input data is invalid; see diagnostics */
    KPI_ERR_IO = 3,            /* a file could not be read or written */
    KPI_ERR_ARG = 4,           /* a function was called with a bad argument */
    KPI_ERR_RANGE = 5,         /* a value is out of range (date, overflow) */
    KPI_ERR_NOT_AVAILABLE = 6, /* the inputs needed are not present */
} kpi_status;

/* A short English description of a status. Never NULL; static storage. */
const char *kpi_strerror(kpi_status status);

/* ------------------------------------------------------------------ */
/* Allocation. Every allocation libkpi makes goes through one of these */
/* so tests can make any allocation fail. NULL means malloc/free.     */

typedef struct kpi_allocator {
    void *(*malloc)(size_t size, void *ctx);
    void *(*realloc)(void *ptr, size_t size, void *ctx);
    void (*free)(void *ptr, void *ctx);
    void *ctx;
} kpi_allocator;

/* ------------------------------------------------------------------ */
/* Civil dates. A date is the number of days since 1970-01-01 in the   */
/* proleptic Gregorian calendar; KPI_DATE_NONE marks an empty date     */
/* (an open end).                                                      */

typedef int32_t kpi_date;
#define KPI_DATE_NONE INT32_MIN

typedef struct kpi_month {
    int year;  /* 1..9999 */
    int month; /* 1..12 */
} kpi_month;

bool kpi_date_is_leap(int year);
int kpi_date_days_in_month(int year, int month); /* 0 for a bad month */
int kpi_date_days_in_year(int year);

/* Builds a date; KPI_ERR_RANGE when the day does not exist (31-02) or the
 * year is outside 1..9999. */
kpi_status kpi_date_from_ymd(int year, int month, int day, kpi_date *out);
void kpi_date_to_ymd(kpi_date date, int *year, int *month, int *day);

/* Parses a date as Danish exports write it: 2026-10-31, 31-10-2026,
 * 31.10.2026 or 31/10/2026 (day first, never month first; one- or
 * two-digit day and month). Surrounding spaces are ignored, and so is a
 * time of day of midnight ("2026-10-31 00:00:00"). KPI_ERR_INPUT when the
 * text is not a date, KPI_ERR_RANGE when it names a day that does not exist.
 * len may be (size_t)-1 for a NUL-terminated string. */
kpi_status kpi_date_parse(const char *text, size_t len, kpi_date *out);

/* Writes "YYYY-MM-DD" and a NUL into buf (11 bytes). */
void kpi_date_format(kpi_date date, char buf[11]);

/* Completed years on `on` for someone born on `birth`; -1 when on < birth.
 * A person born on 29 February completes a year on 1 March in a year that
 * is not a leap year. */
int kpi_date_age(kpi_date birth, kpi_date on);

/* Parses "YYYY-MM". */
kpi_status kpi_month_parse(const char *text, kpi_month *out);
kpi_date kpi_month_first_day(kpi_month m);
kpi_date kpi_month_last_day(kpi_month m);

/* The Danish name of a month, as workbooks and mails write it in running
 * text: "januar" .. "december" for 1..12, "" otherwise. Static storage.
 * The one table of month names: templates and mails use it. */
const char *kpi_month_name(int month);

/* ------------------------------------------------------------------ */
/* Periods: the periods of a report month and their text. The one      */
/* formatter of periods: the export's codes, the mails' and the        */
/* workbooks' Danish text.                                             */

/* A period of report month M (of year Y). */
typedef enum kpi_period_kind {
    KPI_PERIOD_NONE = 0,      /* no period */
    KPI_PERIOD_DAY = 1,       /* D, the last day of M: a stock on D */
    KPI_PERIOD_MONTH = 2,     /* M */
    KPI_PERIOD_TO_DATE = 3,   /* January..M of Y */
    KPI_PERIOD_YEAR = 4,      /* the whole of Y */
    KPI_PERIOD_REST = 5,      /* M+1..December of Y; none in December */
    KPI_PERIOD_NEXT_YEAR = 6, /* the whole of Y+1 */
} kpi_period_kind;

/* How a period is written. For October 2026:
 *              DAY          MONTH          TO_DATE                YEAR
 * CODE         2026-10-31   2026-10        2026-01..2026-10       2026
 * TEXT         31.10.2026   oktober 2026   januar-oktober 2026    2026
 * WORKBOOK     31-10-2026   oktober 2026   januar–oktober 2026    2026
 * CODE is the export's (a row's period); TEXT is plain running text (the
 * mails); WORKBOOK has an en dash between the months and writes a range
 * of one month as that month ("januar 2026"). A range over two years
 * names both: "november 2025-januar 2026". */
typedef enum kpi_period_style {
    KPI_PERIOD_STYLE_CODE = 0,
    KPI_PERIOD_STYLE_TEXT = 1,
    KPI_PERIOD_STYLE_WORKBOOK = 2,
} kpi_period_style;

/* Writes period `kind` of report month m in `style` into buf (size bytes
 * with the NUL). KPI_ERR_ARG for a bad kind, month or buffer;
 * KPI_ERR_NOT_AVAILABLE (and "") for KPI_PERIOD_NONE and for the rest of
 * the year in December; KPI_ERR_RANGE when the text was truncated. */
kpi_status kpi_period_format(kpi_period_kind kind, kpi_month m,
                             kpi_period_style style, char *buf, size_t size);

/* Writes a row's period (an export code: "2026-10-31", "2026-10",
 * "2026-01..2026-10", "2026") in `style` into buf. A text that is not
 * such a code is written as it is and gives KPI_ERR_INPUT; KPI_ERR_RANGE
 * when the text was truncated, KPI_ERR_ARG for a NULL argument. */
kpi_status kpi_period_text(const char *code, kpi_period_style style,
                           char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Money. Amounts are exact integers in øre (1/100 kr.).               */

typedef int64_t kpi_money;

typedef enum kpi_unit {
    KPI_UNIT_MONTH = 0, /* price per whole calendar month */
    KPI_UNIT_DAY = 1,   /* døgntakst */
    KPI_UNIT_WEEK = 2,
    KPI_UNIT_YEAR = 3,
} kpi_unit;

/* Parses "month", "day", "week", "year" and the Danish måned/md./dag/døgn/
 * uge/år (case-insensitive). */
kpi_status kpi_unit_parse(const char *text, kpi_unit *out);

/* num / den rounded half away from zero; den must be > 0. */
int64_t kpi_div_round(int64_t num, int64_t den);

/* Parses an amount as exports write it: "1.234,50", "1234,50", "1234.50",
 * "-75", "10.250 kr.", "10250 DKK". A dot followed by exactly three digits
 * with no comma in the value is a thousands separator ("10.250" is 10250 kr.).
 * KPI_ERR_INPUT when it is not an amount, KPI_ERR_RANGE on overflow or
 * more than two decimals that are not zero. */
kpi_status kpi_money_parse(const char *text, size_t len, kpi_money *out);

/* Writes kroner with two decimals and a decimal point ("-1234.50").
 * buf must hold 32 bytes. */
void kpi_money_format(kpi_money amount, char buf[32]);

/* The amount a measure commits in one calendar month (SPEC §4): price x
 * the days in the month on which the measure is active / the days of the
 * unit, rounded half away from zero to whole øre. end may be KPI_DATE_NONE
 * (active to the end of the month). */
kpi_money kpi_measure_month_amount(kpi_money price, kpi_unit unit,
                                   kpi_date start, kpi_date end,
                                   int year, int month);

/* The sum of kpi_measure_month_amount over the twelve months of year:
 * what the measure disposes in that year. end KPI_DATE_NONE = ongoing
 * through the end of the year. KL's example: 10.250 kr. a month from
 * 2010-10-01 to 2011-04-30 gives 30.750 kr. in 2010 and 41.000 kr. in 2011. */
kpi_money kpi_measure_year_amount(kpi_money price, kpi_unit unit,
                                  kpi_date start, kpi_date end, int year);

/* Full-year recipients (helårspersoner) of n date ranges over from..to
 * (inclusive): the days of each range inside from..to, summed, divided by
 * the days of from..to. ends[i] may be KPI_DATE_NONE (open). Every range
 * is a person of its own: overlapping ranges are not merged (for that,
 * kpi_full_year_persons). KPI_ERR_ARG when to < from or a range ends
 * before it starts. */
kpi_status kpi_full_year(const kpi_date *starts, const kpi_date *ends,
                         size_t n, kpi_date from, kpi_date to, double *out);

/* Full-year recipients of the date ranges of persons: as kpi_full_year,
 * but the ranges of one person (persons[i], compared bytewise as text) are
 * merged first, so a person counts once on a day however many of their
 * ranges cover it - as the recipients_price figure counts a child with
 * two overlapping measures once (SPEC §4). persons NULL: every range is a
 * person of its own (kpi_full_year). The strings are not kept.
 * KPI_ERR_ARG as kpi_full_year and for a NULL persons[i], KPI_ERR_NOMEM.
 * Example: 2026-01-01..2026-06-30 and 2026-03-01..2026-12-31 of one child
 * over 2026 are 365 days, one full-year recipient (not 181 + 306). */
kpi_status kpi_full_year_persons(const kpi_date *starts, const kpi_date *ends,
                                 const char *const *persons, size_t n,
                                 kpi_date from, kpi_date to, double *out);

/* The split of a deviation in SPEC §5 recipients_price, in øre:
 * quantity effect (n - nb) x pb and price effect (p - pb) x n, rounded half
 * away from zero. n and nb are full-year recipients; p and pb prices. */
kpi_money kpi_quantity_effect(double n, double nb, kpi_money pb);
kpi_money kpi_price_effect(kpi_money p, kpi_money pb, double n);

/* State reimbursement of particularly expensive single cases (BL § 198).
 * Thresholds ascend; rates[i] applies to the part of the cost between
 * thresholds[i] and thresholds[i+1] (the last band has no upper bound). */
#define KPI_REIMBURSEMENT_BANDS 3
typedef struct kpi_reimbursement_rule {
    kpi_money thresholds[KPI_REIMBURSEMENT_BANDS];
    double rates[KPI_REIMBURSEMENT_BANDS];
} kpi_reimbursement_rule;

/* The 2022 level: 860.000 / 1.680.000 / 2.120.000 kr. at 25 / 50 / 75 %. */
kpi_reimbursement_rule kpi_reimbursement_default(void);

/* The reimbursement of one family's yearly cost, rounded to whole øre.
 * rule NULL means kpi_reimbursement_default(). */
kpi_money kpi_reimbursement(kpi_money cost, const kpi_reimbursement_rule *rule);

/* ------------------------------------------------------------------ */
/* Diagnostics: every problem found in the input, in the order found.  */

typedef enum kpi_severity {
    KPI_SEVERITY_ERROR = 0,   /* stops the run: nothing is written */
    KPI_SEVERITY_WARNING = 1, /* reported in data_quality and on stderr */
} kpi_severity;

typedef struct kpi_diagnostic {
    kpi_severity severity;
    const char *file;    /* as given by the caller; never NULL */
    unsigned long line;  /* 1-based; 0 when the problem is the whole file */
    const char *column;  /* canonical column or ini key; NULL for none */
    const char *message; /* English, with the offending value quoted */
} kpi_diagnostic;

typedef struct kpi_diagnostics kpi_diagnostics;

/* A new, empty list; NULL when out of memory. allocator may be NULL. */
kpi_diagnostics *kpi_diagnostics_new(const kpi_allocator *allocator);
void kpi_diagnostics_free(kpi_diagnostics *diags);
size_t kpi_diagnostics_count(const kpi_diagnostics *diags);
size_t kpi_diagnostics_error_count(const kpi_diagnostics *diags);
/* The i-th diagnostic; owned by the list. */
const kpi_diagnostic *kpi_diagnostics_get(const kpi_diagnostics *diags,
                                          size_t i);
/* Writes "file:line: column: message" (the parts that are present) and a
 * newline; warnings get "warning: " before the message. */
void kpi_diagnostic_print(const kpi_diagnostic *d, FILE *out);

/* ------------------------------------------------------------------ */
/* The dataset: every input file of a folder, validated.               */

typedef struct kpi_dataset kpi_dataset;

typedef struct kpi_load_options {
    const kpi_allocator *allocator; /* NULL: malloc */
    /* Optional: loads the budget (SPEC §3.9) in place of libkpi's own
     * budget.csv reader, so a program that can read workbooks (the kpi
     * command, through kpiread's kpi_budget_load) reads budget.xlsx,
     * budget.xls and budget.csv alike. It finds the file itself (kpi.ini
     * [files] budget, else budget.xlsx, budget.xls, budget.csv), appends
     * the budget lines to ds and its problems to diags, and returns
     * KPI_OK, KPI_ERR_INPUT, KPI_ERR_IO or KPI_ERR_NOMEM. NULL: budget.csv
     * only. */
    kpi_status (*load_budget)(void *ctx, const char *dir, kpi_dataset *ds,
                              kpi_diagnostics *diags);
    void *load_budget_ctx;
} kpi_load_options;

/* Loads the dataset folder dir: kpi.ini (optional), measures.csv
 * (required) and every other file of SPEC §3 that is present. All problems
 * of all files are added to diags. Returns KPI_ERR_INPUT when at least one
 * error was found (then *out is NULL), KPI_ERR_IO when a file cannot be
 * read, KPI_ERR_NOMEM. On success *out owns the dataset: kpi_dataset_free(). */
kpi_status kpi_dataset_load(const char *dir, const kpi_load_options *options,
                            kpi_dataset **out, kpi_diagnostics *diags);
void kpi_dataset_free(kpi_dataset *dataset);

/* The municipality's name from kpi.ini, or "" when none is given. */
const char *kpi_dataset_municipality(const kpi_dataset *dataset);
size_t kpi_dataset_measure_count(const kpi_dataset *dataset);

/* The Danish name of the measure type whose code is `code` (the default
 * catalogue's or kpi.ini's) and, when category is not NULL, its category
 * code ("placement" / "preventive") in *category. NULL (and *category
 * untouched) when the dataset has no type with that exact code. The
 * strings are owned by the dataset. */
const char *kpi_dataset_measure_type_name(const kpi_dataset *dataset,
                                          const char *code,
                                          const char **category);

/* ------------------------------------------------------------------ */
/* Key figures, computed for a report month, as rows in long form.     */

typedef enum kpi_value_kind {
    KPI_VALUE_COUNT = 0, /* an integer count (also days) in `integer` */
    KPI_VALUE_MONEY = 1, /* øre in `integer`; exported as kroner */
    KPI_VALUE_REAL = 2,  /* a share, mean, or full-year recipients in `real` */
    KPI_VALUE_TEXT = 3,  /* a word in `text`: a target status green/yellow/red */
} kpi_value_kind;

/* One row of the long export (SPEC §8). All strings are owned by the
 * kpi_figures the row belongs to. */
typedef struct kpi_row {
    const char *kpi_id;    /* "placed_children" */
    const char *period;    /* "2026-10-31", "2026-10", "2026-01..2026-10", "2026" */
    const char *dimension; /* NULL for the total, else "measure_type", ... */
    const char *member;    /* the breakdown value (a code); NULL for the total */
    /* A second dimension, only where a figure is broken down by a pair
     * (provider_prices: provider within measure type). Exported as
     * "measure_type=X,provider=Y"; the first member is always a code
     * without commas, so the first comma splits the pair. NULL otherwise. */
    const char *dimension2;
    const char *member2;
    const char *stat;      /* "count", "amount", ... */
    kpi_value_kind kind;
    int64_t integer;
    double real;
    const char *text;      /* KPI_VALUE_TEXT only, else NULL */
} kpi_row;

typedef struct kpi_figures kpi_figures;

typedef struct kpi_compute_options {
    const kpi_allocator *allocator; /* NULL: malloc */
} kpi_compute_options;

/* Computes every key figure of the catalogue for month m. On success *out
 * owns the result: kpi_figures_free(). A figure whose inputs are missing
 * has no rows (it is not available, never zero). */
kpi_status kpi_figures_compute(const kpi_dataset *dataset, kpi_month m,
                               const kpi_compute_options *options,
                               kpi_figures **out);
void kpi_figures_free(kpi_figures *figures);

size_t kpi_figures_row_count(const kpi_figures *figures);
/* The i-th row, in export order; owned by figures. */
const kpi_row *kpi_figures_row(const kpi_figures *figures, size_t i);

/* The row of figure kpi_id for period, breakdown and stat: the total
 * when dimension is NULL, else the row of dimension=member (rows with a
 * second dimension are not found here). NULL when the figures have no
 * such row (the figure, period or member is not available). The row is
 * owned by figures. The one lookup the command, the mail and the
 * workbooks use instead of scanning the rows themselves. */
const kpi_row *kpi_figures_find(const kpi_figures *figures, const char *kpi_id,
                                const char *period, const char *dimension,
                                const char *member, const char *stat);

/* One row of KL's disposition table (SPEC §5 disposed): what one measure
 * commits in the fiscal year and the next. Strings owned by the figures. */
typedef struct kpi_disposition {
    const char *measure_id;
    const char *child_id;
    const char *measure_type; /* code */
    const char *caseworker;
    const char *team;         /* "" when none */
    kpi_date start;
    kpi_date end;             /* KPI_DATE_NONE when ongoing */
    kpi_date assumed_end;     /* the end the forecast assumes (SPEC §4) */
    kpi_money price;
    kpi_unit unit;
    kpi_money monthly;        /* price per whole month (a 30-day month for
                                 day and week prices, a twelfth of a year) */
    kpi_money this_year;      /* disposed in the fiscal year */
    kpi_money next_year;      /* disposed in the year after */
} kpi_disposition;

size_t kpi_figures_disposition_count(const kpi_figures *figures);
const kpi_disposition *kpi_figures_disposition(const kpi_figures *figures,
                                               size_t i);

/* One registration problem of the data_quality figure (SPEC §5, §3.2):
 * which check found it ("warning", "overlapping_placements",
 * "closed_case_active_measure", "price_outlier"), the input file and line
 * it comes from, and an English message. Strings owned by the figures. */
typedef struct kpi_issue {
    const char *check;
    const char *file;   /* "measures.csv", or kpi.ini's [files] name */
    unsigned long line; /* 1-based; 0 when it concerns the whole file */
    const char *message;
} kpi_issue;

/* The issues in order: by check, then file, then line. */
size_t kpi_figures_issue_count(const kpi_figures *figures);
const kpi_issue *kpi_figures_issue(const kpi_figures *figures, size_t i);

/* Writes the long export: the header "kpi_id;period;breakdown;stat;value"
 * and one line per row, UTF-8, LF line ends. KPI_ERR_IO on a write error. */
kpi_status kpi_export_write(const kpi_figures *figures, FILE *out);

/* Formats a row's value as the export does (amounts in kroner with two
 * decimals, a decimal point, no thousands separator). buf holds 48 bytes. */
void kpi_row_format_value(const kpi_row *row, char buf[48]);

/* ------------------------------------------------------------------ */
/* Service-level targets (SPEC §5): a figure with a [target.ID] in     */
/* kpi.ini gets a row with stat "status" whose text is the code of its */
/* status.                                                             */

typedef enum kpi_target_status {
    KPI_TARGET_NONE = 0, /* not a status row, or no target */
    KPI_TARGET_GREEN = 1,
    KPI_TARGET_YELLOW = 2,
    KPI_TARGET_RED = 3,
} kpi_target_status;

/* "green", "yellow", "red" (the export's codes); "" for NONE. */
const char *kpi_target_status_code(kpi_target_status s);
/* The Danish name: "Grøn", "Gul", "Rød"; "" for NONE. Static storage. */
const char *kpi_target_status_name(kpi_target_status s);
/* The status a row carries: its code when the row is a status row
 * (KPI_VALUE_TEXT, stat "status"), else KPI_TARGET_NONE. */
kpi_target_status kpi_row_target_status(const kpi_row *row);

/* ------------------------------------------------------------------ */
/* The key-figure catalogue (SPEC §5).                                 */

typedef enum kpi_theme {
    KPI_THEME_OUTCOMES = 0,       /* Faglig indsats og resultater */
    KPI_THEME_ECONOMY = 1,        /* Økonomi */
    KPI_THEME_ADMINISTRATION = 2, /* Administration */
    KPI_THEME_QUALITY = 3,        /* Datakvalitet */
} kpi_theme;

/* How a headline value is shown. */
typedef enum kpi_headline_format {
    KPI_HEADLINE_COUNT = 0,    /* a whole number */
    KPI_HEADLINE_MONEY = 1,    /* whole kroner */
    KPI_HEADLINE_PERCENT = 2,  /* a share 0-1, in percent */
    KPI_HEADLINE_DECIMAL1 = 3, /* one decimal */
    KPI_HEADLINE_DAYS = 4,     /* days */
} kpi_headline_format;

/* A figure's headline: the one value of it that the recipient overview
 * and the mails show, the total (or one member) of one stat in one period
 * of the report month. A figure without a single value has period
 * KPI_PERIOD_NONE and stat and label NULL. */
typedef struct kpi_headline {
    kpi_period_kind period;
    const char *stat;        /* "count"; NULL without a headline */
    const char *dimension;   /* NULL for the total, else with member: */
    const char *member;      /* "result" = "approved" */
    kpi_headline_format format;
    /* Danish, with the placeholders {as_of} (31-10-2026), {month_name}
     * (oktober 2026), {to_date_name} (januar–oktober 2026) and {year}
     * (2026): kpi_headline_label() fills them in. */
    const char *label;
} kpi_headline;

/* One row of the catalogue: everything that defines a key figure apart
 * from its computation (libkpi/figures/<id>.c) and its texts in the
 * workbooks. */
typedef struct kpi_figure_info {
    const char *id;          /* "placed_children" */
    const char *name;        /* Danish, from Socialstyrelsen's table */
    kpi_theme theme;
    const char *breakdowns;  /* comma-separated dimension names */
    bool implemented;        /* false: computed by a later version */
    /* The recipient groups that get the figure in SPEC §6's default map:
     * bit (1u << g) for each kpi_group g. kpi_map_new() starts from it. */
    unsigned default_groups;
    kpi_headline headline;
} kpi_figure_info;

size_t kpi_catalog_figure_count(void);
/* The i-th figure of the catalogue; static storage. NULL past the end. */
const kpi_figure_info *kpi_catalog_figure(size_t i);
const kpi_figure_info *kpi_catalog_figure_find(const char *id);

/* The headline row of figure kpi_id in figures computed for report month
 * m (kpi_figure_info.headline, found with kpi_figures_find): NULL when the
 * figure is unknown, has no headline, or the figures have no such row
 * (not available). The row is owned by figures. */
const kpi_row *kpi_figures_headline(const kpi_figures *figures,
                                    const char *kpi_id, kpi_month m);

/* The label of a headline for report month m with its placeholders
 * filled in ("Anbragte børn pr. 31-10-2026") into buf (size bytes with
 * the NUL, truncated). KPI_ERR_NOT_AVAILABLE (and "") when headline is
 * NULL or has no label, KPI_ERR_RANGE when the text was truncated,
 * KPI_ERR_ARG for a bad month or buffer. */
kpi_status kpi_headline_label(const kpi_headline *headline, kpi_month m,
                              char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Recipients, the recipient map and privacy (SPEC §6, §7).            */

/* The recipient groups of SPEC §6, from the least to the most detail. */
typedef enum kpi_group {
    KPI_GROUP_FAGUDVALG = 0,      /* the political committee */
    KPI_GROUP_DIREKTION = 1,      /* directors, the finance director */
    KPI_GROUP_FAGCHEF = 2,        /* head of the children and family dept. */
    KPI_GROUP_AFDELINGSLEDER = 3, /* a team leader: their team */
    KPI_GROUP_SAGSBEHANDLER = 4,  /* a caseworker: their own cases */
} kpi_group;
#define KPI_GROUP_COUNT 5

/* "fagudvalg", "direktion", ... (the codes of kpi.ini's group key). */
const char *kpi_group_code(kpi_group g);
/* The Danish display name: "Fagudvalg", "Direktion", "Fagchef",
 * "Afdelingsleder", "Sagsbehandler". */
const char *kpi_group_name(kpi_group g);
/* Parses a code or display name, case-insensitively (UTF-8 aware, as
 * kpi_text_fold). KPI_ERR_INPUT when it is neither. */
kpi_status kpi_group_parse(const char *text, kpi_group *out);

/* How often a group gets its pack (SPEC §6). */
typedef enum kpi_cadence {
    KPI_CADENCE_MONTHLY = 0,    /* "Månedlig" */
    KPI_CADENCE_QUARTERLY = 1,  /* "Kvartalsvis": March, June, Sept., Dec. */
    KPI_CADENCE_HALFYEARLY = 2, /* "Halvårlig": June, December */
    KPI_CADENCE_YEARLY = 3,     /* "Årlig": December */
} kpi_cadence;
const char *kpi_cadence_code(kpi_cadence c); /* "monthly", ... */
const char *kpi_cadence_name(kpi_cadence c); /* "Månedlig", ... */
/* Parses a code or the Danish name, case-insensitively. */
kpi_status kpi_cadence_parse(const char *text, kpi_cadence *out);
/* true when a pack of cadence c is due for report month m. */
bool kpi_cadence_due(kpi_cadence c, kpi_month m);

/* How much breakdown a group sees, from the least to the most. */
typedef enum kpi_detail {
    KPI_DETAIL_TOTALS = 0,        /* totals only */
    KPI_DETAIL_BREAKDOWNS = 1,    /* + category, measure type, target group,
                                     age group and the impersonal dimensions
                                     (status, deadline_type, outcome,
                                     result, check) */
    KPI_DETAIL_PROVIDER_KIND = 2, /* + provider kind */
    KPI_DETAIL_ALL = 3,           /* + caseworker, team, provider */
} kpi_detail;
const char *kpi_detail_code(kpi_detail d); /* "totals", "breakdowns", ... */
const char *kpi_detail_name(kpi_detail d); /* Danish, as the map shows it */
kpi_status kpi_detail_parse(const char *text, kpi_detail *out);
/* The most detail SPEC §7 lets group g see: fagudvalg BREAKDOWNS,
 * direktion PROVIDER_KIND, the others ALL. */
kpi_detail kpi_group_max_detail(kpi_group g);
/* true when g's counts 1-4 are shown as "<5" (fagudvalg, direktion). */
bool kpi_group_suppresses(kpi_group g);

/* The key-figure-to-recipient map: which figure goes to which group, and
 * each group's cadence and detail. */
typedef struct kpi_map kpi_map;

/* SPEC §6's default map (its table of ✓ and its cadence and detail). */
kpi_status kpi_map_new(const kpi_allocator *allocator, kpi_map **out);
void kpi_map_free(kpi_map *map);
/* false for an unknown figure. */
bool kpi_map_get(const kpi_map *map, const char *figure_id, kpi_group g);
/* KPI_ERR_ARG for a figure id not in the catalogue. */
kpi_status kpi_map_set(kpi_map *map, const char *figure_id, kpi_group g,
                       bool on);
kpi_cadence kpi_map_cadence(const kpi_map *map, kpi_group g);
void kpi_map_set_cadence(kpi_map *map, kpi_group g, kpi_cadence c);
kpi_detail kpi_map_detail(const kpi_map *map, kpi_group g);
/* KPI_ERR_RANGE when d is more than kpi_group_max_detail(g) allows. */
kpi_status kpi_map_set_detail(kpi_map *map, kpi_group g, kpi_detail d);

/* The teams and caseworkers of a dataset (measures and cases), sorted by
 * code point, each once. Strings owned by the dataset. */
size_t kpi_dataset_team_count(const kpi_dataset *dataset);
const char *kpi_dataset_team(const kpi_dataset *dataset, size_t i);
size_t kpi_dataset_caseworker_count(const kpi_dataset *dataset);
const char *kpi_dataset_caseworker(const kpi_dataset *dataset, size_t i);

/* A new dataset holding only the part of `dataset` a team leader
 * (team != NULL) or a caseworker (caseworker != NULL) may see: the
 * measures and cases of that team or caseworker, the children of those,
 * their notifications, deadlines, complaints, reviews, waiting-list rows,
 * outcomes and postings (by child or case), the inspections of the
 * providers of those measures, and no budget (a team has none: budget
 * figures are then not available), and no target statuses (kpi.ini's
 * targets are the whole municipality's). Exactly one of team and caseworker is
 * given, else KPI_ERR_ARG. An unknown team or caseworker gives an empty
 * subset, not an error. *out is freed with kpi_dataset_free() and must not
 * outlive `dataset` (it may share its strings and configuration). */
kpi_status kpi_dataset_subset(const kpi_dataset *dataset, const char *team,
                              const char *caseworker, kpi_dataset **out);

/* A [recipient KEY] section of kpi.ini (SPEC §3.10). Strings owned by
 * the dataset; "" when the key is absent. group is a code of
 * kpi_group_code() or "" (kpi.ini's parser refuses any other). */
typedef struct kpi_recipient_info {
    const char *key, *name, *group, *email, *team, *caseworker;
    unsigned long line; /* of the section header in kpi.ini */
} kpi_recipient_info;
size_t kpi_dataset_recipient_count(const kpi_dataset *dataset);
/* false past the end. */
bool kpi_dataset_recipient(const kpi_dataset *dataset, size_t i,
                           kpi_recipient_info *out);

/* kpi.ini's [smtp] section. present is false when there is none. */
typedef struct kpi_smtp_info {
    bool present;
    const char *host, *from, *user; /* "" when absent */
    int port;                       /* 0 when absent */
    unsigned long line;             /* of the [smtp] header */
} kpi_smtp_info;
void kpi_dataset_smtp(const kpi_dataset *dataset, kpi_smtp_info *out);

/* Who a pack is for. */
typedef struct kpi_audience {
    kpi_group group;
    kpi_detail detail; /* at most kpi_group_max_detail(group) */
    const kpi_map *map;/* which figures the group gets; NULL = every figure */
} kpi_audience;

/* What one audience may see of computed figures (SPEC §7): the rows of
 * the figures the map gives the group, broken down no finer than its
 * detail (rows with a second dimension only at KPI_DETAIL_ALL), and, for
 * the groups that suppress, counts 1-4 masked with complementary
 * suppression: within one figure, period and dimension, every row (all
 * stats) of a member whose count is 1-4 is masked; when that leaves one
 * masked member whose value the total and the other members would give
 * away, the next smallest non-zero member is masked too, or, when there
 * is none, the total. A total whose count is 1-4 is masked, and when a
 * total is masked, each dimension whose members are all shown gets its
 * smallest non-zero member masked too (else the members would add up to
 * the hidden total). docs/PRIVACY.md has the rules and their limits. */
typedef struct kpi_privacy kpi_privacy;

kpi_status kpi_privacy_new(const kpi_figures *figures,
                           const kpi_audience *audience,
                           const kpi_allocator *allocator,
                           kpi_privacy **out);
void kpi_privacy_free(kpi_privacy *privacy);
/* row must be a row of the figures the privacy was made for. */
bool kpi_privacy_row_visible(const kpi_privacy *privacy, const kpi_row *row);
/* true when a visible row is shown as "<5" instead of its value. */
bool kpi_privacy_row_masked(const kpi_privacy *privacy, const kpi_row *row);
/* Child ids are shown only to a caseworker (their own cases, SPEC §7):
 * true for every disposition when the audience is KPI_GROUP_SAGSBEHANDLER,
 * false otherwise. */
bool kpi_privacy_disposition_visible(const kpi_privacy *privacy,
                                     const kpi_disposition *disposition);

#ifdef __cplusplus
}
#endif

#endif /* KPI_H */
