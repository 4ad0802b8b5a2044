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
 *     kpi_load_options lo = {0};
 *     lo.budget_reader = kpi_budget_read; // kpiread, kpi/read.h: budget.*
 *     kpi_status st = kpi_dataset_load("examples/eksempel", &lo, &ds, diags);
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

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KPI_VERSION "0.1.0"

/* printf-style checking of the format arguments of a function. */
#if defined(__GNUC__)
#define KPI_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define KPI_PRINTF(fmt, args)
#endif

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

/* Allocation through an allocator (a NULL: malloc/free), for libkpi and
 * the libraries built on it (kpiread), so that one allocator given by the
 * caller covers them all. kpi_xmalloc(a, 0) returns a unique pointer;
 * kpi_xcalloc and kpi_xreallocarray check n * size for overflow (NULL).
 * Free what they return with kpi_xfree(a, p) and the same a. */
void *kpi_xmalloc(const kpi_allocator *a, size_t size);
void *kpi_xcalloc(const kpi_allocator *a, size_t n, size_t size);
void *kpi_xreallocarray(const kpi_allocator *a, void *ptr, size_t n,
                        size_t size);
void kpi_xfree(const kpi_allocator *a, void *ptr);
/* A copy of s (of its first n bytes, then a NUL); NULL when out of
 * memory. */
char *kpi_xstrdup(const kpi_allocator *a, const char *s);
char *kpi_xstrndup(const kpi_allocator *a, const char *s, size_t n);
/* Grows *array (of *cap elements of size each, by doubling) so that it
 * holds at least need; KPI_ERR_NOMEM leaves *array and *cap as they were. */
kpi_status kpi_grow(const kpi_allocator *a, void **array, size_t *cap,
                    size_t need, size_t size);

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

/* A caller's own placeholders for kpi_period_expand: the text of {key}
 * (key is len bytes, not NUL-terminated), or NULL when key is not one of
 * the caller's. The text must live until kpi_period_expand returns. */
typedef const char *(*kpi_placeholder_fn)(const char *key, size_t len,
                                          void *ctx);

/* Writes pattern into buf (size bytes with the NUL) with each {key}
 * replaced: first by the period placeholders of report month m, then by
 * what lookup(key, len, ctx) gives (lookup may be NULL). A {key} that
 * neither knows, and a '{' without a '}', stays as written. The period
 * placeholders, for October 2026:
 *     {year} 2026    {prev_year} 2025    {prev2_year} 2024
 *     {next_year} 2027    {month} 2026-10    {to_date} 2026-01..2026-10
 *     {rest} 2026-11..2026-12 ("" in December)    {as_of_iso} 2026-10-31
 *     {as_of} 31-10-2026    {month_name} oktober 2026
 *     {to_date_name} januar–oktober 2026
 * the first eight as the export's codes, the last three as the workbooks
 * write them (kpi_period_format); and the same a year earlier:
 *     {month_last_year} 2025-10    {to_date_last_year} 2025-01..2025-10
 *     {as_of_iso_last_year} 2025-10-31    {as_of_last_year} 31-10-2025
 *     {month_name_last_year} oktober 2025
 *     {to_date_name_last_year} januar–oktober 2025 The headline labels, the workbooks'
 * texts and their file names are all filled in here.
 * *needed (may be NULL) gets the length of the whole text without the
 * NUL, also when it did not fit, so buf NULL with size 0 measures it.
 * KPI_ERR_RANGE when the text was cut short (buf holds what fitted);
 * KPI_ERR_ARG (and "" in buf) for a NULL pattern, a bad month, or a NULL
 * buf with a size. */
kpi_status kpi_period_expand(const char *pattern, kpi_month m,
                             kpi_placeholder_fn lookup, void *ctx, char *buf,
                             size_t size, size_t *needed);

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

/* The thresholds and rates kpi uses for a year, and where they come from.
 * BL § 198 stk. 1 gives the thresholds at 2022 level; they are regulated
 * every year, so a year's own amounts belong in kpi.ini's
 * [reimbursement.YEAR]. Without them kpi takes the latest earlier year of
 * kpi.ini, or else the law's 2022 level, and says so
 * (kpi_reimbursement_warning). */
typedef struct kpi_reimbursement_source {
    int year;        /* the year asked for */
    int source_year; /* the [reimbursement.YEAR] used; 0: the law's 2022
                        level built into kpi */
    kpi_reimbursement_rule rule;
} kpi_reimbursement_source;

/* The English warning for a year without its own [reimbursement.YEAR]:
 * the year, the amounts used and where they come from, and that they are
 * regulated yearly. Writes at most size bytes with the NUL into buf (may
 * be NULL with size 0 to measure) and returns the text's length; returns
 * 0 and writes "" when the year has its own amounts (no warning). */
size_t kpi_reimbursement_warning(const kpi_reimbursement_source *source,
                                 char *buf, size_t size);

/* The reimbursement of one household's cost in one calendar month, as the
 * refusion order reckons it (bekendtgørelse om den centrale
 * refusionsordning § 3): cost is the month's net cost (its measures'
 * amounts less the income booked that month); the refund is rates[i] of
 * the part between 1/12 of thresholds[i] and 1/12 of thresholds[i+1].
 * Exact: the twelfths are never rounded, rates are taken to millionths,
 * and the month's refund is rounded once, half away from zero, to whole
 * øre. A cost of 0 or less gives 0. rule NULL means
 * kpi_reimbursement_default().
 *
 *     // 2022 level: 1/12 of 860.000 kr. is 71.666,67 kr.
 *     kpi_reimbursement_month(10000000, NULL) == 708333  // 7.083,33 kr.
 */
kpi_money kpi_reimbursement_month(kpi_money cost,
                                  const kpi_reimbursement_rule *rule);

/* ------------------------------------------------------------------ */
/* Diagnostics: every problem found in the input, in the order found.  */

typedef enum kpi_severity {
    KPI_SEVERITY_ERROR = 0,   /* stops the run: nothing is written */
    KPI_SEVERITY_WARNING = 1, /* reported in data_quality and on stderr */
    KPI_SEVERITY_NOTE = 2,    /* no problem: what a run did or left out
                                 ("nothing to send for 2026-10"); the
                                 libraries above libkpi report these */
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

/* Adds a problem to the list, for the readers built on libkpi (kpiread):
 * file and column are copied; line 0 means the whole file, column NULL
 * none; the message is formatted as by printf (and cut at 511 bytes).
 * A NULL list takes nothing and gives KPI_OK; KPI_ERR_NOMEM when the
 * problem could not be added. */
kpi_status kpi_diagnostics_add(kpi_diagnostics *diags, kpi_severity severity,
                               const char *file, unsigned long line,
                               const char *column, const char *fmt, ...)
    KPI_PRINTF(6, 7);
/* kpi_diagnostics_add with a va_list, for a reader's own variadic
 * reporter; ap is indeterminate afterwards, as after vprintf. The same
 * errors. */
kpi_status kpi_diagnostics_vadd(kpi_diagnostics *diags,
                                kpi_severity severity, const char *file,
                                unsigned long line, const char *column,
                                const char *fmt, va_list ap)
    KPI_PRINTF(6, 0);

/* How kpi_diagnostics_print_grouped prints. */
enum {
    KPI_DIAG_ERRORS_ONLY = 1u << 0, /* leave the warnings out */
    KPI_DIAG_EVERY_LINE = 1u << 1,  /* no grouping: kpi_diagnostic_print
                                       for each (`--verbose`) */
};
/* The list as a person reads it: the same problem on many rows (the same
 * file, column, severity and message, so one group per distinct value) is
 * one line, at its first occurrence, with the count and the first lines:
 *   measures.csv: measure_type: unknown measure type 'Døgninstitution' on
 *   45 rows (lines 534, 612, 790, …): add it to [measure_type_aliases] in
 *   kpi.ini
 * The message is split at its first ": " outside quotes (what is wrong :
 * what to do). A problem that occurs once, or names no line, is printed
 * as kpi_diagnostic_print prints it. flags: KPI_DIAG_*. KPI_ERR_NOMEM
 * when the grouping cannot be made (nothing is printed then). */
kpi_status kpi_diagnostics_print_grouped(const kpi_diagnostics *diags,
                                         unsigned flags, FILE *out);
/* How many lines kpi_diagnostics_print_grouped names in a group. */
#define KPI_DIAG_GROUP_LINES 3

/* ------------------------------------------------------------------ */
/* Text.                                                               */

/* Folds a header name or a coded value for matching, as every reader of
 * kpi matches them: lower case (also Æ Ø Å and the other Latin-1
 * capitals in UTF-8), spaces, no-break spaces, underscores, hyphens,
 * dots and tabs removed ("Korrigeret budget" and "korrigeret_budget"
 * fold alike), and æ ø å written as ae oe aa ("Døgninstitution" and
 * "doegninstitution" fold alike). Writes at most cap-1 bytes and a NUL
 * into out and returns the folded length, which is less than cap; or
 * returns cap when the fold does not fit (truncated): out then holds the
 * fold of the text before the first character that did not fit, which
 * must not be taken for the whole text's. cap 0 writes nothing, returns 0. */
size_t kpi_text_fold(const char *s, size_t len, char *out, size_t cap);

/* ------------------------------------------------------------------ */
/* INI text: kpi.ini, the workbook templates and the map texts share   */
/* one syntax and this one reader, which numbers the lines for         */
/* messages. A line is "[section]", "key = value" (or "key: value";    */
/* the first '=' splits, else the first ':'), blank, or a comment      */
/* starting with ';' or '#'. Blanks around names and values are        */
/* dropped, and so are a UTF-8 byte order mark on the first line and   */
/* the '\r' of a Windows line end. The syntax is inih's, as kpi.ini    */
/* was read with it: a line indented with blanks is a line of its own, */
/* but one that still starts with other white space (a vertical tab)  */
/* continues the previous key's value, as in inih.                     */

typedef enum kpi_ini_kind {
    KPI_INI_SECTION = 0, /* "[name]"; name NULL: a bad header (an ERROR
                            came first); skip its keys */
    KPI_INI_KEY = 1,     /* "name = value" */
    KPI_INI_ERROR = 2,   /* a line that is neither: message says why */
} kpi_ini_kind;

/* One line of INI text, as the reader hands it to the callback. The
 * strings live until the callback returns. */
typedef struct kpi_ini_item {
    kpi_ini_kind kind;
    unsigned long line;  /* 1-based */
    const char *name;    /* SECTION, KEY */
    const char *value;   /* KEY */
    const char *message; /* ERROR, in English, quoting the line */
} kpi_ini_item;

typedef struct kpi_ini_options {
    const kpi_allocator *allocator; /* NULL: malloc */
    /* true: " ; comment" (a ';' after a blank) ends a line (kpi.ini);
     * false: ';' is text (templates write formulas and number formats) */
    bool inline_comments;
    /* A key line longer than this (without indentation) is an error;
     * 0: no limit. */
    size_t max_line;
} kpi_ini_options;

/* Called for each section header, key and bad line, in order. Return
 * KPI_OK to go on; anything else stops the reading and is returned. */
typedef kpi_status (*kpi_ini_fn)(void *ctx, const kpi_ini_item *item);

/* Reads len bytes of INI text (options NULL: the defaults, no inline
 * comments, no limit). Returns KPI_OK, the callback's status when it
 * stopped the reading, KPI_ERR_NOMEM, KPI_ERR_ARG. */
kpi_status kpi_ini_parse(const char *text, size_t len,
                         const kpi_ini_options *options, kpi_ini_fn fn,
                         void *ctx);

/* ------------------------------------------------------------------ */
/* CSV files as Danish exports write them (SPEC §3.1): the one CSV     */
/* reader of kpi, for the dataset's files and for kpiread's budget.csv. */
/*                                                                     */
/* The reader takes the whole file into memory, works out its encoding */
/* (UTF-8 with or without BOM, else Windows-1252) and its separator    */
/* (';', ',' or TAB, from the header line), and streams the records to */
/* callbacks one at a time: a million-row file never has all its cells */
/* in memory. Problems with the file itself (encoding, quoting, field  */
/* counts, CPR numbers) are added to the diagnostics as                */
/* "LABEL:LINE: message"; the callbacks add their own.                 */
/*                                                                     */
/*     kpi_csv_options o = {0};                                        */
/*     o.label = "data/measures.csv";                                  */
/*     o.diags = diags;                                                */
/*     o.header = on_header;  // maps the columns                      */
/*     o.row = on_row;        // one call per data record              */
/*     o.ctx = &my_state;                                              */
/*     kpi_status st = kpi_csv_read_file(&o, "data/measures.csv");     */

/* Fields longer than this are refused: no column of SPEC §3 needs more,
 * and a runaway field means the file is not what it claims to be. */
#define KPI_CSV_MAX_FIELD 65536

/* One field of a record: a NUL-terminated copy (s[len] == '\0') that
 * lives until the callback returns. Unquoted fields have their
 * surrounding spaces removed. */
typedef struct kpi_csv_field {
    const char *s;
    size_t len;
} kpi_csv_field;

/* Called with the header record and with each data record. line is the
 * physical line the record starts on (1-based; embedded newlines in
 * quoted fields and skipped empty lines are counted). Return KPI_OK to go
 * on, KPI_ERR_INPUT to stop reading this file (the header callback does so
 * when a required column is missing), KPI_ERR_NOMEM to abort. */
typedef kpi_status (*kpi_csv_record_fn)(void *ctx, unsigned long line,
                                        const kpi_csv_field *fields,
                                        size_t n);

typedef struct kpi_csv_options {
    const kpi_allocator *alloc; /* NULL: malloc */
    const char *label;          /* the file name used in messages */
    kpi_diagnostics *diags;     /* where problems go; may be NULL */
    kpi_csv_record_fn header;   /* the first non-empty record; may be NULL */
    kpi_csv_record_fn row;      /* every later record; may be NULL */
    void *ctx;
    /* true for the dataset's files: a record of empty fields after the
     * header is an input row, so it gets a warning (SPEC §3.2). false
     * for a sheet (the budget), where empty rows are layout. */
    bool warn_empty_rows;
} kpi_csv_options;

/* Reads path and streams its records. Records whose fields are all empty
 * are skipped (spreadsheets export them as ";;;;"; with a warning when
 * warn_empty_rows is set); records with another number of fields than
 * the header are reported and not passed on; so is a record holding a
 * value shaped like a CPR number. Returns KPI_OK, KPI_ERR_INPUT when any
 * error was added to diags (by the reader or a callback) or a callback
 * stopped the file, KPI_ERR_IO when the file cannot be read (also
 * reported), KPI_ERR_NOMEM. */
kpi_status kpi_csv_read_file(const kpi_csv_options *o, const char *path);

/* The same over bytes in memory (the file's raw content). */
kpi_status kpi_csv_read_buffer(const kpi_csv_options *o, const char *data,
                               size_t len);

/* true when s[0..len) holds a CPR number: ddmmyy-xxxx anywhere in it
 * (not inside a longer run of digits), or exactly ten digits, in both cases
 * with a day and month that exist. Messages must never echo such a value. */
bool kpi_csv_looks_like_cpr(const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* The dataset: every input file of a folder, validated.               */

typedef struct kpi_dataset kpi_dataset;

/* ------------------------------------------------------------------ */
/* The budget (SPEC §3.9): libkpi finds the file, a reader reads it.   */
/*                                                                     */
/* libkpi reads no spreadsheets. kpi_dataset_load finds the budget     */
/* file (kpi.ini [files] budget, else the first of budget.xlsx,        */
/* budget.xls and budget.csv in the folder) and hands it to the budget */
/* reader of kpi_load_options. The reader reads the file and gives     */
/* libkpi one line per measure type with kpi_budget_add; libkpi        */
/* resolves the line's measure type through the catalogue and kpi.ini, */
/* checks the line (twelve months or none, an annual budget or twelve  */
/* months, no type twice), keeps it and reports what is wrong, all     */
/* budget problems in one format: "budget.csv:7: COLUMN: message" for  */
/* a text file, "budget.xlsx: sheet 'S': row 7: COLUMN: message" for a */
/* workbook. A budget with a problem is not kept at all. kpiread's     */
/* kpi_budget_read (kpi/read.h) reads .xlsx, .xls and .csv; it is what */
/* the kpi command uses:                                               */
/*                                                                     */
/*     kpi_load_options lo = {0};                                      */
/*     lo.budget_reader = kpi_budget_read; // ctx NULL: the defaults   */
/*     st = kpi_dataset_load(dir, &lo, &ds, diags);                    */

/* The budget of a dataset being loaded. Made and owned by
 * kpi_dataset_load; a reader uses it only while it is called. */
typedef struct kpi_budget kpi_budget;

/* Reads the file kpi_budget_path(budget) and gives its lines to
 * kpi_budget_add. Returns KPI_OK, KPI_ERR_INPUT (the problems are
 * reported), KPI_ERR_IO (reported), KPI_ERR_NOMEM. */
typedef kpi_status (*kpi_budget_reader)(void *ctx, kpi_budget *budget);

/* The columns of the budget; their canonical names are those of SPEC
 * §3.9 (measure_type, annual_budget, full_year_recipients,
 * average_price, jan .. dec). */
typedef enum kpi_budget_column {
    KPI_BUDGET_MEASURE_TYPE = 0, /* Foranstaltningstype, Konto, Type */
    KPI_BUDGET_ANNUAL = 1,       /* Korrigeret budget, Budget */
    KPI_BUDGET_RECIPIENTS = 2,   /* Helårspersoner */
    KPI_BUDGET_PRICE = 3,        /* Gennemsnitspris (a year's price) */
    KPI_BUDGET_JAN = 4,          /* januar; KPI_BUDGET_JAN + 11 is december */
} kpi_budget_column;
#define KPI_BUDGET_COLUMN_COUNT 16

/* The header kpi writes for a column, as the budget template has it:
 * "Foranstaltningstype", "Korrigeret budget", "Helårspersoner",
 * "Gennemsnitspris", "Jan" .. "Dec" (Danish). Static; "" for a bad
 * column. */
const char *kpi_budget_column_header(kpi_budget_column column);

/* The file to read, joined to the dataset folder; messages name it so.
 * Owned by budget. */
const char *kpi_budget_path(const kpi_budget *budget);
/* The allocator of the load (NULL: malloc), for what the reader
 * allocates while it reads. */
const kpi_allocator *kpi_budget_allocator(const kpi_budget *budget);
/* The load's diagnostics, for problems of the file as a whole that the
 * reader reports in its own words (not a workbook, a damaged file). */
kpi_diagnostics *kpi_budget_diagnostics(kpi_budget *budget);
/* kpi.ini's [budget] sheet: the sheet that holds the budget; NULL when
 * kpi.ini names none (then the reader looks for it). Owned by budget. */
const char *kpi_budget_sheet(const kpi_budget *budget);
/* kpi.ini's [budget] header_row (1-based); 0 when kpi.ini names none. */
unsigned long kpi_budget_header_row(const kpi_budget *budget);

/* The column a header names, or -1: kpi.ini's [columns.budget] (and
 * [budget]) aliases first, then the canonical names and the built-in
 * Danish and English ones ("Korrigeret budget", "januar", "jan."),
 * compared as kpi_text_fold folds them. */
int kpi_budget_column_find(const kpi_budget *budget, const char *header,
                           size_t len);
/* Tells libkpi a column's header as the file writes it ("Korrigeret
 * budget"): messages about the column name it so. header is copied;
 * NULL forgets it. KPI_ERR_ARG for a bad column, KPI_ERR_NOMEM. */
kpi_status kpi_budget_set_header(kpi_budget *budget, kpi_budget_column column,
                                 const char *header);

/* Where in the file a problem is. */
typedef struct kpi_budget_place {
    unsigned long row; /* a text file's line or a sheet's row, 1-based;
                          0: the whole file (or sheet) */
    const char *sheet; /* the sheet of a workbook; NULL in a text file */
} kpi_budget_place;

/* Reports a problem of the budget at place (NULL: the whole file) in
 * column (a kpi_budget_column, or -1 for none), as "budget.csv:7:
 * Korrigeret budget: MESSAGE" or "budget.xlsx: sheet 'S': row 7:
 * Korrigeret budget: MESSAGE". The budget then fails: none of its lines
 * is kept. KPI_OK, KPI_ERR_NOMEM. */
kpi_status kpi_budget_error(kpi_budget *budget, const kpi_budget_place *place,
                            int column, const char *fmt, ...)
    KPI_PRINTF(4, 5);

/* How the reader found a cell of a line. */
typedef enum kpi_budget_state {
    KPI_BUDGET_EMPTY = 0, /* nothing there */
    KPI_BUDGET_GIVEN = 1, /* read: the value is set */
    KPI_BUDGET_BAD = 2,   /* there but not readable: see problem */
} kpi_budget_state;

/* One cell of a budget line. */
typedef struct kpi_budget_cell {
    kpi_budget_state state;
    kpi_money amount;    /* GIVEN annual budget, month, price: øre */
    double number;       /* GIVEN full-year recipients */
    const char *text;    /* GIVEN measure type as written: a code, a name
                            or a kpi.ini alias, len bytes */
    size_t len;
    const char *shown;   /* GIVEN: the value as messages quote it (cut,
                            a CPR-shaped value masked); NULL: text */
    const char *problem; /* BAD: what is wrong, for the message ("not a
                            number: 'abc'"); NULL when the reader reports
                            it itself (kpiread names unreadable formulas
                            in one message at the end) */
} kpi_budget_cell;

/* One line of the budget: the budget of one measure type. */
typedef struct kpi_budget_entry {
    kpi_budget_place place;
    kpi_budget_cell cells[KPI_BUDGET_COLUMN_COUNT]; /* by kpi_budget_column */
} kpi_budget_entry;

/* Gives libkpi one line. It reports, in this order: a missing, unknown
 * or unreadable measure type; each BAD cell's problem (the months, then
 * the annual budget, recipients and price); then, unless the line is an
 * empty template row (a type and nothing but months of 0: skipped), some
 * months empty but not all (SPEC §3.9: twelve or none), no annual budget
 * and no twelve months (with twelve, the annual budget is their sum when
 * not given), a negative number of recipients, and a measure type given
 * twice. A line with a problem or a BAD cell is not kept. KPI_OK (kept
 * or skipped), KPI_ERR_INPUT (reported, not kept), KPI_ERR_NOMEM. */
kpi_status kpi_budget_add(kpi_budget *budget, const kpi_budget_entry *line);

typedef struct kpi_load_options {
    const kpi_allocator *allocator; /* NULL: malloc */
    /* Reads the budget file when the folder has one (see kpi_budget
     * above); kpiread's kpi_budget_read reads .xlsx, .xls and .csv. NULL:
     * a folder with a budget file does not load (an error says to pass a
     * reader); a folder without one loads as before. */
    kpi_budget_reader budget_reader;
    void *budget_reader_ctx;
    /* 0 or 1: everything on the calling thread. N > 1: measures.csv is
     * read on the calling thread while a second one interns its texts
     * (no more than two are used). The dataset and every message are
     * the same as with 0, byte for byte; then the allocator (NULL:
     * malloc, which is safe) is called from two threads at once and must
     * be thread-safe. The budget reader is called on the calling
     * thread. */
    unsigned threads;
} kpi_load_options;

/* Loads the dataset folder dir: kpi.ini (optional), measures.csv
 * (required) and every other file of SPEC §3 that is present, the budget
 * through options->budget_reader (see kpi_budget above; without a reader a
 * folder with a budget file does not load). All problems of all files are
 * added to diags. Returns KPI_ERR_INPUT when at least one
 * error was found (then *out is NULL), KPI_ERR_IO when a file cannot be
 * read, KPI_ERR_NOMEM. On success *out owns the dataset: kpi_dataset_free(). */
kpi_status kpi_dataset_load(const char *dir, const kpi_load_options *options,
                            kpi_dataset **out, kpi_diagnostics *diags);
void kpi_dataset_free(kpi_dataset *dataset);

/* ---- a proposed kpi.ini (`kpi init`) ----------------------------------
 * A municipality's first day: its exports name their columns and types
 * in their own words. kpi_proposal_make reads the files of dir (every
 * dataset file present, and other .csv files whose header looks like
 * one) and proposes a kpi.ini: [columns.*] from the headers (the names
 * kpi knows, whole or in part) and from the values (dates, amounts, a
 * column unique on every row as the id), [measure_type_aliases] for
 * every type name (by the catalogue, a § reference of Barnets lov or the
 * old Serviceloven, or its words), and commented skeletons of
 * [municipality], [reimbursement.YEAR] and [recipient]. Each proposal
 * has its reason in a comment; guesses are marked REVIEW. Reads only:
 * writing the text, never over an existing kpi.ini, is the caller's.
 * Problems of the files go to diags (may be NULL). On KPI_OK *out owns
 * the proposal: kpi_proposal_free(). KPI_ERR_IO when dir cannot be
 * read, KPI_ERR_NOMEM.
 *
 *     kpi_proposal *p;
 *     if (kpi_proposal_make("eksport", NULL, &p, diags) == KPI_OK)
 *         fputs(kpi_proposal_text(p), ini);
 */
typedef struct kpi_proposal kpi_proposal;
kpi_status kpi_proposal_make(const char *dir, const kpi_allocator *allocator,
                             kpi_proposal **out, kpi_diagnostics *diags);
/* The proposed kpi.ini, UTF-8; owned by the proposal. */
const char *kpi_proposal_text(const kpi_proposal *proposal);
/* What is left to decide (guesses to check, columns and types not
 * found), one English sentence each, owned by the proposal; NULL past
 * the end. */
size_t kpi_proposal_open_count(const kpi_proposal *proposal);
const char *kpi_proposal_open(const kpi_proposal *proposal, size_t i);
void kpi_proposal_free(kpi_proposal *proposal);

/* The budget lines of a loaded dataset (SPEC §3.9), in the order read.
 * Strings owned by the dataset. */
typedef struct kpi_budget_info {
    const char *measure_type; /* its code */
    kpi_money annual;         /* the annual budget */
    bool has_months;          /* false: annual / 12 a month */
    kpi_money months[12];
    bool has_recipients;
    double recipients;        /* full-year recipients assumed */
    bool has_price;
    kpi_money price;          /* average yearly price assumed */
    unsigned long row;        /* the line or row it was read from */
} kpi_budget_info;
size_t kpi_dataset_budget_count(const kpi_dataset *dataset);
/* false past the end. */
bool kpi_dataset_budget(const kpi_dataset *dataset, size_t i,
                        kpi_budget_info *out);

/* The BL § 198 thresholds and rates for year from the dataset's kpi.ini
 * (kpi_reimbursement_source above) into *out. */
void kpi_dataset_reimbursement(const kpi_dataset *dataset, int year,
                               kpi_reimbursement_source *out);

/* The calendar year of the newest period in postings.csv (the books'
 * current year; kpi check's year when no --month is given), 0 when the
 * dataset has no postings. */
int kpi_dataset_books_year(const kpi_dataset *dataset);

/* The service-level target of figure kpi_id from the dataset's kpi.ini
 * ([target.ID], SPEC §5): the stat it applies to ("count", "share"; owned
 * by the dataset) and its thresholds as written (kroner for money). Lower
 * is better when *yellow <= *red (green below yellow), higher is better
 * when *yellow > *red (green above yellow). false (and nothing set) when
 * kpi.ini sets no target for it. */
bool kpi_dataset_target(const kpi_dataset *dataset, const char *kpi_id,
                        const char **stat, double *yellow, double *red);

/* The administration's note for report month m (KL's råd 9: explanations,
 * proposed actions, the status of agreed savings): the file
 * bemaerkninger-YYYY-MM.txt (KPI_NOTE_FILE, the month's code) in the
 * dataset folder, plain UTF-8 (a byte order mark is dropped, CR LF is
 * read as LF, trailing blank lines and spaces are dropped). *text is the
 * note, NUL-terminated, the caller frees it with kpi_xfree(a, ...); NULL
 * when there is no such file or it holds nothing but white space (then
 * there is no note). KPI_ERR_INPUT when it is not valid UTF-8 or holds a
 * NUL byte: *bad_line (may be NULL) is the 1-based line; KPI_ERR_IO when
 * it exists but cannot be read; KPI_ERR_ARG for a NULL dir or text or a
 * bad month. */
#define KPI_NOTE_FILE "bemaerkninger-%s.txt"
kpi_status kpi_note_read(const kpi_allocator *a, const char *dataset_dir,
                         kpi_month m, char **text, unsigned long *bad_line);

/* The example municipality that comes with kpi (`kpi demo`), found at
 * run time and never through a path compiled in, so that an installed
 * kpi (any prefix, the Debian package's /usr) and one in its build tree
 * each find their own copy. Looked for in this order:
 *  1. the folder the environment variable KPI_EXAMPLE_DIR names, when it
 *     is set and not empty, and then nowhere else;
 *  2. PREFIX/share/kpi/examples/eksempel, where the running program
 *     (/proc/self/exe) is PREFIX/bin/kpi: /usr/bin/kpi finds
 *     /usr/share/kpi/examples/eksempel;
 *  3. share/kpi/examples/eksempel in the program's own folder: the build
 *     tree (build/kpi), into which the build copies the example.
 * KPI_OK: *dir is the folder's real path, *looked NULL or the places
 * passed over. KPI_ERR_NOT_AVAILABLE: *dir NULL, *looked the places
 * looked at, one a line ending in '\n', for the message. KPI_ERR_NOMEM,
 * KPI_ERR_ARG: both NULL. The caller frees both with kpi_xfree(a, ...). */
kpi_status kpi_example_find(const kpi_allocator *a, char **dir,
                            char **looked);

/* The municipality's name from kpi.ini, or "" when none is given. */
const char *kpi_dataset_municipality(const kpi_dataset *dataset);
/* kpi.ini's [compare] note (what the reader of the comparison must know
 * about registration differences, docs/COMPARE.md), or "". */
const char *kpi_dataset_compare_note(const kpi_dataset *dataset);
/* kpi.ini's [history] path (where kpihistory keeps the months' figures,
 * kpi/history.h), as written; NULL when kpi.ini gives none. Owned by the
 * dataset. */
const char *kpi_dataset_history_path(const kpi_dataset *dataset);
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
    /* true: the rows and their target statuses only, without the tables
     * the workbooks list row by row (the disposition table, the case
     * lists): for a caller that reads nothing else, such as the long
     * export, which at a million measures would otherwise build and free
     * a table of half a million rows (issue 15). false: everything. */
    bool rows_only;
    /* 0 or 1: the figures are computed on the calling thread alone. N > 1:
     * on up to N threads (the calling one among them), each figure and
     * its last year's rows a task of their own, merged in the catalogue's
     * order: the result is the same, byte for byte, and a failure gives
     * the status the one-thread run gives. Then this allocator and the
     * dataset's (kpi_load_options.allocator) are called from several
     * threads at once, so they must be thread-safe (NULL, malloc, is);
     * and nothing may change the dataset during the call. */
    unsigned threads;
} kpi_compute_options;

/* The CPUs this process may run on (sched_getaffinity, else the online
 * ones), at least 1: the usual value of the threads options above and
 * of kpi_report_options.jobs. */
unsigned kpi_cpus_available(void);

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

/* The status row of figure kpi_id (stat "status": its service-level
 * target's green / yellow / red, kpi_row_target_status), or NULL when
 * kpi.ini sets no target for it or its headline value is not available.
 * A figure has at most one. The row is owned by figures. */
const kpi_row *kpi_figures_status(const kpi_figures *figures,
                                  const char *kpi_id);

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
    kpi_money month_amount;   /* SPEC §4's amount in the report month M */
    bool active;              /* active on D (SPEC §4) */
    bool ended;               /* ended in Y before D: 1 January Y <= end < D */
} kpi_disposition;

/* The disposition table's rows, in order; owned by figures. The i-th is
 * NULL past the end (and for NULL figures, which have 0). */
size_t kpi_figures_disposition_count(const kpi_figures *figures);
const kpi_disposition *kpi_figures_disposition(const kpi_figures *figures,
                                               size_t i);

/* One open case of the caseworker's own overview (Socialstyrelsen's
 * example 6): a case of cases.csv open on D (SPEC §3.4), its deadlines
 * not done (deadlines.csv, SPEC §3.5) and the measures of its child active
 * on D with their amounts in M (SPEC §4). Strings owned by the figures. */
typedef struct kpi_open_case {
    const char *case_id;
    const char *child_id;
    const char *caseworker;
    const char *team;          /* "" when none */
    kpi_date opened;
    int64_t overdue;           /* not done, due before D */
    int64_t due_soon;          /* not done, due D .. D + 30 days */
    kpi_date next_due;         /* earliest not done (overdue or not);
                                  KPI_DATE_NONE when none */
    const char *next_type;     /* its deadline type code; "" when none */
    int64_t measures;          /* measures of the child active on D */
    kpi_money month_amount;    /* their amounts in M, summed */
} kpi_open_case;

/* How far from D a deadline is due for the overview (SPEC §3.5). */
#define KPI_DUE_SOON_DAYS 30

/* One deadline of an open case that is not done and due before D + 30
 * days: overdue (due before D) or due soon. Strings owned by the figures. */
typedef struct kpi_due_deadline {
    const char *case_id;
    const char *child_id;
    const char *caseworker;
    const char *deadline_type; /* code */
    kpi_date due;
    int64_t days;              /* due - D: negative when overdue */
    bool overdue;              /* due before D */
    const char *file;          /* deadlines.csv, or kpi.ini's [files] name */
    unsigned long line;        /* its line there */
} kpi_due_deadline;

/* The open cases by opening date then case id, and the due deadlines
 * overdue first, then by due date, case id and line; owned by figures.
 * NULL past the end. Empty without cases.csv (deadlines also need
 * deadlines.csv). */
size_t kpi_figures_open_case_count(const kpi_figures *figures);
const kpi_open_case *kpi_figures_open_case(const kpi_figures *figures,
                                           size_t i);
size_t kpi_figures_due_deadline_count(const kpi_figures *figures);
const kpi_due_deadline *kpi_figures_due_deadline(const kpi_figures *figures,
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

/* Writes one line of the long export from its five texts, quoted as the
 * export quotes them (a breakdown or value holding ';', '"' or a line
 * break), and LF: what kpi_export_write writes per row, for rows kept
 * elsewhere (kpi/history.h). KPI_ERR_IO on a write error, KPI_ERR_ARG
 * for a NULL argument. */
kpi_status kpi_export_write_line(FILE *out, const char *kpi_id,
                                 const char *period, const char *breakdown,
                                 const char *stat, const char *value);

/* Formats a row's value as the export does (amounts in kroner with two
 * decimals, a decimal point, no thousands separator). buf holds 48 bytes. */
void kpi_row_format_value(const kpi_row *row, char buf[48]);

/* Writes a row's breakdown as the export's breakdown column does, into buf
 * (size bytes with the NUL): "total", "measure_type=opholdssted" or, for a
 * pair, "measure_type=opholdssted,provider=Solgården". The workbooks' Data
 * sheet and their row lookups use the same text. KPI_ERR_RANGE when it was
 * cut short (buf then holds what fitted); KPI_ERR_ARG for a NULL row or
 * buf or a size of 0. */
kpi_status kpi_row_format_breakdown(const kpi_row *row, char *buf, size_t size);

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
    /* Danish, with period placeholders such as {as_of} (31-10-2026),
     * {month_name} (oktober 2026), {to_date_name} (januar–oktober 2026)
     * and {year} (2026): kpi_headline_label() fills them in
     * (kpi_period_expand). */
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
/* The figure with this id; static storage. NULL for an unknown or NULL
 * id. */
const kpi_figure_info *kpi_catalog_figure_find(const char *id);

/* The default measure-type catalogue of SPEC §3.3 (Barnets lov), before
 * kpi.ini adds or renames types: what the budget template lists. */
typedef struct kpi_measure_type_info {
    const char *code;     /* "almen_plejefamilie" */
    const char *name;     /* Danish: "Almen plejefamilie" */
    const char *category; /* "placement" or "preventive" */
    const char *law;      /* "BL § 43, stk. 1, nr. 1" */
} kpi_measure_type_info;

size_t kpi_catalog_measure_type_count(void);
/* The i-th measure type of the default catalogue into *out (static
 * strings); false past the end. */
bool kpi_catalog_measure_type(size_t i, kpi_measure_type_info *out);

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
/* Parses a code or the Danish name, case-insensitively (as
 * kpi_group_parse). KPI_ERR_INPUT when text (or NULL) is neither; *out is
 * then left as it was. */
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
/* Parses a code or the Danish name, case-insensitively (as
 * kpi_group_parse). KPI_ERR_INPUT when text (or NULL) is neither; *out is
 * then left as it was. */
kpi_status kpi_detail_parse(const char *text, kpi_detail *out);
/* The most detail SPEC §7 lets group g see: fagudvalg BREAKDOWNS,
 * direktion PROVIDER_KIND, the others ALL. */
kpi_detail kpi_group_max_detail(kpi_group g);
/* true when g's counts 1-4 are shown as "<5" (fagudvalg, direktion). */
bool kpi_group_suppresses(kpi_group g);

/* The key-figure-to-recipient map: which figure goes to which group, and
 * each group's cadence and detail. */
typedef struct kpi_map kpi_map;

/* SPEC §6's default map (its table of ✓ and its cadence and detail),
 * allocated with allocator (NULL: malloc). On KPI_OK *out is the caller's,
 * freed with kpi_map_free(); otherwise *out is NULL: KPI_ERR_ARG for a
 * NULL out, KPI_ERR_NOMEM. */
kpi_status kpi_map_new(const kpi_allocator *allocator, kpi_map **out);
/* Frees a map; NULL does nothing. */
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
    /* role = oekonomichef: a direktion member whose pack holds the
     * economy in detail instead of the professional pages (issue 14 item
     * 5; KPI_ROLE_OEKONOMICHEF). "" or NULL: none. */
    const char *role;
} kpi_recipient_info;

/* The one role kpi.ini's [recipient] knows: the finance director, of
 * group direktion (KL's råd 1: prices and quantities). Templates name it
 * in `groups` like a group. */
#define KPI_ROLE_OEKONOMICHEF "oekonomichef"
size_t kpi_dataset_recipient_count(const kpi_dataset *dataset);
/* false past the end. */
bool kpi_dataset_recipient(const kpi_dataset *dataset, size_t i,
                           kpi_recipient_info *out);

/* The environment variable the kpi command reads [smtp] user's password
 * from: kpi.ini must not hold it (its reader refuses a password key and
 * names this variable), and kpi_distribute names it when it is missing. */
#define KPI_SMTP_PASSWORD_VAR "KPI_SMTP_PASSWORD"

/* kpi.ini's [smtp] section. present is false when there is none. */
typedef struct kpi_smtp_info {
    bool present;
    const char *host, *from, *user; /* "" when absent */
    int port;                       /* 0 when absent, else 1-65535 (kpi.ini's
                                       reader refuses any other) */
    const char *ca_file;            /* a CA file to trust; "" when absent */
    const char *tls;                /* "", "starttls", "implicit" or
                                       "none-on-loopback" (the reader
                                       refuses any other) */
    int command_timeout;            /* seconds, 0 when absent, else
                                       1-86400: the greeting and each
                                       command's reply */
    int data_done_timeout;          /* the same for the reply to the end of
                                       the data */
    unsigned long line;             /* of the [smtp] header */
} kpi_smtp_info;
/* Fills *out with the dataset's [smtp] section. The strings are owned by
 * the dataset and live until kpi_dataset_free(); the caller frees
 * nothing. */
void kpi_dataset_smtp(const kpi_dataset *dataset, kpi_smtp_info *out);

/* How far an e-mail address can be used: the one e-mail check of kpi.
 * kpi.ini's parser refuses KPI_EMAIL_INVALID; the mails need
 * KPI_EMAIL_PLAIN, an address that goes into a header and an SMTP
 * envelope as it is. */
typedef enum kpi_email_form {
    KPI_EMAIL_INVALID = 0, /* not an address: no '@', nothing before or
                              after it, a second '@', a space or tab */
    KPI_EMAIL_UNUSUAL = 1, /* an address, but not a plain one: the local
                              part is not an RFC 5322 dot-atom (a control
                              or non-ASCII character, one of the specials
                              " < > ( ) , ; : [ ] and backslash, a
                              leading, trailing or double '.'), or the
                              domain is not host-name labels (letters,
                              digits, '-' inside a label, 1-63 each,
                              joined by single dots) */
    KPI_EMAIL_PLAIN = 2,   /* local@domain as kpi can send to it: an RFC
                              5322 addr-spec with a domain of labels */
} kpi_email_form;
/* NULL is KPI_EMAIL_INVALID. */
kpi_email_form kpi_email_check(const char *address);

/* The one validation of a [recipient KEY] section (SPEC §3.10, §6, §9),
 * in three steps that callers ask for as flags: */
enum {
    /* What kpi.ini must say for the section to mean anything: a group, a
     * team for an afdelingsleder, a caseworker for a sagsbehandler.
     * kpi.ini's parser checks this, so a loaded dataset passes it. */
    KPI_RECIPIENT_DECLARED = 1u << 0,
    /* What a pack needs: a team only on an afdelingsleder and a
     * caseworker only on a sagsbehandler (else they would be ignored and
     * the recipient would see more than meant), and both occurring in
     * `dataset` (a misspelt one would give an empty pack). */
    KPI_RECIPIENT_PACK = 1u << 1,
    /* What a mail needs: a key without control characters (it goes into
     * the send log), a name without them (it goes into To:) and a plain
     * e-mail address. */
    KPI_RECIPIENT_MAIL = 1u << 2,
};

/* Receives one problem of a recipient: the line in kpi.ini (of the
 * section header), the key it is about (NULL for the section itself) and
 * an English message that names the section ("[recipient anne] needs a
 * group (...)"). The strings live only during the call. */
typedef void (*kpi_recipient_problem_fn)(void *ctx, unsigned long line,
                                         const char *key,
                                         const char *message);

/* Checks recipient r for the steps in `checks` (KPI_RECIPIENT_* flags)
 * and hands every problem to problem(ctx, ...), in a fixed order.
 * section names it in the DECLARED messages as kpi.ini's header wrote it
 * ("recipient anne"); NULL: "recipient KEY". The other messages name it
 * "[recipient KEY]". dataset is needed for KPI_RECIPIENT_PACK. A group
 * that is not a kpi_group_code() stops the checks after its DECLARED
 * problem. Returns KPI_OK when there was no problem, KPI_ERR_INPUT when
 * there was, KPI_ERR_NOMEM when a message could not be made, KPI_ERR_ARG
 * for a NULL r or problem (or a NULL dataset with KPI_RECIPIENT_PACK). */
kpi_status kpi_recipient_check(const kpi_dataset *dataset,
                               const kpi_recipient_info *r,
                               const char *section, unsigned checks,
                               kpi_recipient_problem_fn problem, void *ctx);

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
 * stats) of a member whose count is 1-4 is masked (the count shown "<5",
 * its other rows ".."); each relation between published counts (a total
 * and the members of one dimension; a to-date count and its months) is
 * then completed so that no masked cell is alone in it and the marks do
 * not pin its masked cells: the smallest shown non-zero member is masked
 * too (".."), or, when there is none, the total. docs/PRIVACY.md has the
 * rules and their limits. */
typedef struct kpi_privacy kpi_privacy;

/* What audience may see of figures, allocated with allocator (NULL:
 * malloc). On KPI_OK *out is the caller's, freed with kpi_privacy_free();
 * it refers to figures' rows, so figures must outlive it (audience and
 * its map are read only during the call). Otherwise *out is NULL:
 * KPI_ERR_ARG for a NULL figures, audience or out, a group that is not a
 * kpi_group, or a detail above kpi_group_max_detail(group);
 * KPI_ERR_NOMEM. */
kpi_status kpi_privacy_new(const kpi_figures *figures,
                           const kpi_audience *audience,
                           const kpi_allocator *allocator,
                           kpi_privacy **out);
/* Frees a privacy; NULL does nothing. */
void kpi_privacy_free(kpi_privacy *privacy);
/* row must be a row of the figures the privacy was made for. */
bool kpi_privacy_row_visible(const kpi_privacy *privacy, const kpi_row *row);
/* true when a visible row is shown as a mark instead of its value. */
bool kpi_privacy_row_masked(const kpi_privacy *privacy, const kpi_row *row);
/* The mark a masked row is shown with (static storage): "<5" for a count
 * of 1-4 (and only those), ".." for every other masked row (a cell masked
 * to protect another, or a mean, median, minimum, maximum, day count or
 * amount of 1-4 children: Danmarks Statistik's mark for discretion);
 * NULL for a row shown as it is. */
const char *kpi_privacy_row_mark(const kpi_privacy *privacy,
                                 const kpi_row *row);
/* Child ids are shown only to a caseworker (their own cases, SPEC §7):
 * true for every disposition when the audience is KPI_GROUP_SAGSBEHANDLER,
 * false otherwise. */
bool kpi_privacy_disposition_visible(const kpi_privacy *privacy,
                                     const kpi_disposition *disposition);
/* The same for the case lists (kpi_open_case, kpi_due_deadline): child
 * ids, so only a caseworker's own-case sheet shows them. */
bool kpi_privacy_case_lists_visible(const kpi_privacy *privacy);
/* The records data_quality found (kpi_issue: file, line, what is wrong)
 * are shown to those who fix or lead the registration: the fagchef, the
 * team leader and the caseworker (their packs are computed on their own
 * subset, so a team leader gets the team's records, a caseworker their
 * own). The fagudvalg and the direktion get the counts only. */
bool kpi_privacy_issue_visible(const kpi_privacy *privacy,
                               const kpi_issue *issue);

/* ------------------------------------------------------------------ */
/* Comparison with other municipalities and the country (issue 18,    */
/* docs/COMPARE.md).                                                   */

/* `kpi export --level GROUP`: writes the long export (SPEC §8) as the
 * pack of `group` shows it, for municipalities to share: only the rows
 * privacy (made for group's audience) makes visible, a masked row with
 * its mark ("<5", "..") as value; first the rows of kpi_id "municipality"
 * (period YYYY-MM of m): level, name, and children_0_17 / children_0_22
 * when kpi.ini's [municipality] gives them. KPI_ERR_INPUT when kpi.ini
 * names no municipality (the reader of the shared file needs the name),
 * KPI_ERR_ARG for a NULL argument, KPI_ERR_IO when out fails. */
kpi_status kpi_export_write_shared(const kpi_figures *figures,
                                   const kpi_dataset *dataset,
                                   const kpi_privacy *privacy,
                                   kpi_group group, kpi_month m, FILE *out);

/* The comparison of a dataset for month m: the files of DIR/sammenligning/
 * (Statistikbank tables and other municipalities' shared files), the own
 * municipality on Danmarks Statistik's definitions (figures give its
 * forecast and its monthly stock; may be NULL), and the rates per 1,000
 * children of the own municipality, those kpi.ini's [compare]
 * municipalities names and the whole country, over the last five years
 * the files have. Without a sammenligning/ folder *out is NULL and the
 * result KPI_OK (nothing changes), unless kpi.ini's [compare] names
 * municipalities (then an error). Problems go to diags as
 * "file:line: column: message": KPI_ERR_INPUT when there was an error
 * (a file that does not parse, a chosen municipality in no file, another
 * definition); a year a chosen municipality lacks is a warning and its
 * rows are left out, never 0. On KPI_OK *out is the caller's:
 * kpi_comparison_free(). */
typedef struct kpi_comparison kpi_comparison;
kpi_status kpi_comparison_load(const kpi_dataset *dataset,
                               const kpi_figures *figures, const char *dir,
                               kpi_month m, const kpi_allocator *allocator,
                               kpi_comparison **out, kpi_diagnostics *diags);
/* NULL does nothing. */
void kpi_comparison_free(kpi_comparison *comparison);
/* kpi check: loads and frees the comparison (without figures), its
 * problems into diags; kpi_comparison_load's status. */
kpi_status kpi_comparison_check(const kpi_dataset *dataset, const char *dir,
                                kpi_month m, kpi_diagnostics *diags);
/* The rows (kpi_id "compare", breakdown municipality=NAME, period the
 * year; docs/COMPARE.md lists the stats), owned by the comparison. */
size_t kpi_comparison_row_count(const kpi_comparison *comparison);
const kpi_row *kpi_comparison_row(const kpi_comparison *comparison, size_t i);
/* Each file read: its name, its source ("Danmarks Statistik,
 * statistikbanken.dk/ANBAAR7", "kpi export (fagudvalg), Aarhus Kommune")
 * and the years it gave. Strings owned by the comparison. */
typedef struct kpi_comparison_source_info {
    const char *file, *origin;
    int first_year, last_year;
    const char *date;  /* the file's date (modified), YYYY-MM-DD; "" */
    const char *month; /* a kpi export's report month, YYYY-MM; else "" */
} kpi_comparison_source_info;
size_t kpi_comparison_source_count(const kpi_comparison *comparison);
bool kpi_comparison_source(const kpi_comparison *comparison, size_t i,
                           kpi_comparison_source_info *out);
/* Why a value of the comparison is missing (issue 18 item 5): no file
 * gives it; a file holds it back with a mark (DST's "..", a shared
 * file's "<5"); the own municipality's year is not counted (31 December
 * not reached, or the year begins before kpi's data). */
typedef enum kpi_comparison_gap_reason {
    KPI_COMPARISON_NOT_IN_FILES = 0,
    KPI_COMPARISON_HELD_BACK = 1,
    KPI_COMPARISON_NOT_COUNTED = 2,
} kpi_comparison_gap_reason;
/* A municipality's (or the country's, "Hele landet") count stat
 * ("placed", "placed_0_17", "new_placements", "preventive") missing in
 * the years listed ("2021", or a run "2021–2023") while another
 * municipality has it. The strings are owned by the comparison; mark
 * and file are "" unless held back. In the order: municipality, stat, year. */
typedef struct kpi_comparison_gap_info {
    const char *area, *stat, *years, *mark, *file;
    kpi_comparison_gap_reason reason;
} kpi_comparison_gap_info;
size_t kpi_comparison_gap_count(const kpi_comparison *comparison);
bool kpi_comparison_gap(const kpi_comparison *comparison, size_t i,
                        kpi_comparison_gap_info *out);
/* What a pack (SPEC §7) may show of a comparison row (kpi_id "compare")
 * for the audience privacy was made for over figures: the rows go to the
 * fagudvalg and the direktion only (the groups whose packs have the
 * sheet). kpi_comparison_row_mark: in a group that suppresses, a count
 * of 1-4 is "<5" and a rate per 1,000 of a masked count ".." (rate x
 * population would give the count back); a count the figures also
 * publish (placed_monthly: placed_children's total on the as-of date)
 * carries that row's mark. NULL: shown as it is. */
bool kpi_comparison_row_visible(const kpi_privacy *privacy,
                                const kpi_row *row);
const char *kpi_comparison_row_mark(const kpi_comparison *comparison,
                                    const kpi_privacy *privacy,
                                    const kpi_figures *figures,
                                    const kpi_row *row);
/* The group privacy was made for. */
kpi_group kpi_privacy_group(const kpi_privacy *privacy);
/* Writes the rows as lines of the long export, without the header (they
 * follow kpi_export_write's). NULL comparison writes nothing. */
kpi_status kpi_comparison_export_write(const kpi_comparison *comparison,
                                       FILE *out);

#ifdef __cplusplus
}
#endif

#endif /* KPI_H */
