/*
 * load.h - the loader's own declarations (internal): the column schema of
 * every input file (schema.c) and the typed-cell helpers the per-file
 * readers share (load_table.c). The readers are load_measures.c,
 * load_economy.c, load_casework.c and load_outcomes.c.
 */
#ifndef KPI_LOAD_H
#define KPI_LOAD_H

#include "base/internal.h"
#include "input/dataset.h"

/* ---- schemas (schema.c) ---------------------------------------------- */

typedef struct kpi_column_def {
    const char *name;    /* canonical: "start_date" */
    bool required;       /* the column must be in the header */
    const char *aliases; /* built-in Danish/English names, '|' between */
} kpi_column_def;

typedef struct kpi_schema {
    kpi_file file;
    const char *stem; /* "measures": [files] keys, [columns.STEM] */
    const char *name; /* "measures.csv" */
    const kpi_column_def *cols;
    size_t n;
} kpi_schema;

#define KPI_MAX_COLUMNS 24

const kpi_schema *kpi_schema_of(kpi_file f);

/* The column of schema s a header names; -1 when none. The header
 * matches when its folded text equals a [columns.STEM] alias of kpi.ini
 * (c may be NULL), the canonical name or a built-in alias, in that order. */
int kpi_schema_find(const kpi_schema *s, const kpi_config *c,
                    const char *text, size_t len);

/* Maps a header onto a schema: col[k] = the field index of schema column
 * k, or -1 when absent. A header matches a column when its folded text
 * equals a [columns.STEM] alias of kpi.ini, the canonical name or a
 * built-in alias (in that order). Reports every missing required column
 * and every column named twice. KPI_OK, KPI_ERR_INPUT, KPI_ERR_NOMEM. */
kpi_status kpi_schema_map(const kpi_schema *s, const kpi_config *c,
                          const kpi_csv_field *header, size_t n, int *col,
                          const char *label, unsigned long line,
                          kpi_diagnostics *diags);

/* Column indices, in the order of each schema in schema.c. */
enum {
    MC_MEASURE_ID, MC_CHILD_ID, MC_FAMILY_ID, MC_BIRTH_DATE, MC_TARGET_GROUP,
    MC_MEASURE_TYPE, MC_LEGAL_BASIS, MC_PROVIDER, MC_PROVIDER_KIND,
    MC_CASEWORKER, MC_TEAM, MC_START_DATE, MC_END_DATE, MC_PLANNED_END_DATE,
    MC_MONTHLY_COST, MC_COST, MC_COST_UNIT, MC_COUNT
};
enum {
    CC_CASE_ID, CC_CHILD_ID, CC_BIRTH_DATE, CC_TARGET_GROUP, CC_CASEWORKER,
    CC_TEAM, CC_OPENED_DATE, CC_CLOSED_DATE, CC_COUNT
};
enum { NC_NOTIFICATION_ID, NC_CHILD_ID, NC_BIRTH_DATE, NC_RECEIVED_DATE,
       NC_COUNT };
enum { DC_CASE_ID, DC_DEADLINE_TYPE, DC_DUE_DATE, DC_DONE_DATE, DC_COUNT };
enum { KC_COMPLAINT_ID, KC_CASE_ID, KC_RECEIVED_DATE, KC_DECIDED_DATE,
       KC_OUTCOME, KC_COUNT };
enum { RC_REVIEW_ID, RC_CASE_ID, RC_REVIEW_DATE, RC_REVIEWER, RC_COUNT };
enum { IC_INSPECTION_ID, IC_PROVIDER, IC_INSPECTION_DATE, IC_RESULT,
       IC_REASON, IC_COUNT };
enum { WC_CHILD_ID, WC_BIRTH_DATE, WC_TARGET_GROUP, WC_MEASURE_TYPE,
       WC_LISTED_DATE, WC_STARTED_DATE, WC_COUNT };
enum { OC_CHILD_ID, OC_ASSESSMENT_DATE, OC_INDICATOR, OC_PARAMETER, OC_VALUE,
       OC_COUNT };
enum { PC_PERIOD, PC_MEASURE_TYPE, PC_ACCOUNT, PC_PROVIDER_KIND, PC_KIND,
       PC_AMOUNT, PC_CHILD_ID, PC_COUNT };
/* The budget's columns are kpi_budget_column (kpi.h). */

/* ---- reading one table (load_table.c) --------------------------------------- */

/* A coded value: the folded spelling (kpi_text_fold: "aendret", not
 * "ændret") and what it means. */
typedef struct kpi_code {
    const char *folded;
    int value;
} kpi_code;

extern const kpi_code kpi_codes_target_group[];
extern const size_t kpi_codes_target_group_n;
extern const kpi_code kpi_codes_provider_kind[];
extern const size_t kpi_codes_provider_kind_n;

/* The state of one file while it is read. */
typedef struct kpi_table {
    kpi_dataset *ds;
    kpi_diagnostics *diags;
    const kpi_schema *schema;
    const char *label;
    int col[KPI_MAX_COLUMNS];
    /* the current record */
    unsigned long line;
    const kpi_csv_field *fields;
    bool bad;          /* the record had an error: it is not stored */
    size_t errors;     /* errors reported in this file */
    kpi_status fatal;  /* NOMEM */
    /* true while a reader with keys_unique reads its file the fast way:
     * kpi_table_key appends the keys unhashed and kpi_table_unique
     * leaves the check to keys_unique */
    bool keys_later;
    /* the first line of each key seen (kpi_table_unique), by symbol */
    uint32_t *seen;
    size_t seen_cap;
    /* The spellings met in each column of types or codes
     * (kpi_table_type, kpi_table_code), interned, and value_of[c][sym]
     * what each gave: a type's index or a code's value, -1 when kpi.ini
     * or the code list knows it not. A file repeats a handful of
     * spellings a million times, each lookup folds text, and a
     * municipality's file may have any number of them. lookups counts
     * the lookups made, one per spelling and column (tests). Freed by
     * kpi_table_spellings_free. */
    kpi_symtab *spellings[KPI_MAX_COLUMNS];
    int *value_of[KPI_MAX_COLUMNS];
    size_t value_cap[KPI_MAX_COLUMNS];
    /* and before them, a few spellings per column with their values,
     * placed by a cheap hash of the text: the three spelling columns of
     * measures.csv cost 3 hash lookups a row, a tenth of the reading
     * thread (kpi_table_spelling) */
    struct kpi_spelling_memo *memo[KPI_MAX_COLUMNS];
    size_t lookups;
    /* measures.csv: 1 + the kpi_unit a cost column's own name gives
     * ("Pris pr dag"), 0 when it gives none */
    int cost_unit_in_header;
    /* measures.csv with threads: kpi_table_text copies the text into
     * the pipeline's batch for the second thread to intern, and the row's
     * record goes there too (kpi_pipeline_keep, not KPI_TABLE_STORE);
     * NULL: interned at once, on this thread. */
    struct kpi_pipeline *pipe;
} kpi_table;

/* What a file reader provides. header (may be NULL) checks what the
 * schema cannot say (one of two columns); it reports and returns false to
 * stop the file. row stores one record or reports why not. */
typedef struct kpi_file_reader {
    kpi_file file;
    bool (*header)(kpi_table *t);
    void (*row)(kpi_table *t);
    /* May be NULL. When given, the file is first read with its keys
     * (kpi_table_key) appended to ds->ids unhashed, and then
     * keys_unique(ds, first) says whether the keys of the records from
     * index first on are distinct (O(n log n), by sorting). Only when
     * they are not, or the file had errors, is the file read again with
     * every key interned and checked row by row (kpi_table_unique), so
     * that the messages are those of a single exact pass. */
    bool (*keys_unique)(const kpi_dataset *ds, size_t first);
} kpi_file_reader;

/* Reads path as a file of r->file into t->ds. threads > 1: the texts
 * are interned on a second thread (load_pipeline.c), for a reader that
 * ends its stored rows with kpi_pipeline_keep when t->pipe is set: only
 * measures.csv's, the one file large enough to gain. */
kpi_status kpi_table_read(kpi_dataset *ds, const kpi_file_reader *r,
                          const char *path, const char *label,
                          unsigned threads, kpi_diagnostics *diags);

/* ---- measures.csv on two threads (load_pipeline.c) ------------------ */

typedef struct kpi_pipeline kpi_pipeline;

/* Starts the interning thread for ds. KPI_OK with *out NULL when no
 * thread can be started (then read on this one); KPI_ERR_NOMEM. */
kpi_status kpi_pipeline_start(kpi_dataset *ds, kpi_pipeline **out);
/* The current row's next text (non-empty), column col: copied into the
 * batch. false when out of memory. */
bool kpi_pipeline_text(kpi_pipeline *p, int col, const char *s, size_t len);
/* The current row stores m (its texts are set by the interner). */
void kpi_pipeline_keep(kpi_pipeline *p, const kpi_measure *m);
/* Ends the current row; hands a full batch over. KPI_ERR_NOMEM when the
 * interner ran out of memory (the reader then stops). */
kpi_status kpi_pipeline_row_end(kpi_pipeline *p);
/* Hands the last batch over, waits for the interner and frees p (NULL:
 * nothing). *ascending: the ids of the stored records ascend
 * (kpi_key_order), as measures_unique would find first; false when p is NULL. KPI_OK, or
 * the interner's KPI_ERR_NOMEM. */
kpi_status kpi_pipeline_finish(kpi_pipeline *p, bool *ascending);

/* Whether a run of keys strictly ascends, in byte order (strcmp) or in
 * shortlex order (the shorter first, then byte order). Either proves the
 * keys distinct without sorting them. Shortlex is how ids that are
 * numbers without leading zeros ascend by value: an export sorted by
 * number has "M999999" before "M1000000", which strcmp calls descending,
 * and the million's check then sorted a copy of every id. */
typedef struct kpi_key_order {
    bool bytes, shortlex; /* the run ascends so far in that order */
    const char *last;     /* the previous key, NULL before the first */
    size_t last_len;
} kpi_key_order;

static inline void kpi_key_order_init(kpi_key_order *o)
{
    o->bytes = o->shortlex = true;
    o->last = NULL;
    o->last_len = 0;
}

/* Whether the run so far ascends in either order. */
static inline bool kpi_key_order_holds(const kpi_key_order *o)
{
    return o->bytes || o->shortlex;
}

/* Takes the next key s (which must outlive the next call); true while
 * the run ascends in either order (once it does not, keys are ignored). */
static inline bool kpi_key_order_next(kpi_key_order *o, const char *s)
{
    if (!kpi_key_order_holds(o))
        return false;
    size_t len = strlen(s);
    if (o->last) {
        int c = strcmp(o->last, s);
        if (c >= 0)
            o->bytes = false;
        if (o->last_len > len || (o->last_len == len && c >= 0))
            o->shortlex = false;
    }
    o->last = s;
    o->last_len = len;
    return kpi_key_order_holds(o);
}

/* Adds an error (or a warning, which also goes to ds->warnings) about
 * column c of the current record. An error marks the record bad. */
void kpi_table_error(kpi_table *t, int c, const char *fmt, ...)
    KPI_PRINTF(3, 4);
void kpi_table_warning(kpi_table *t, int c, const char *fmt, ...)
    KPI_PRINTF(3, 4);

static inline bool kpi_table_has(const kpi_table *t, int c)
{
    return t->col[c] >= 0;
}

/* isspace of the C locale, without the call or a locale. */
static inline bool kpi_table_space(char ch)
{
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* The trimmed cell of column c; "" when the column is absent. Inline: it
 * is asked some twenty times a row. */
static inline kpi_csv_field kpi_table_cell(const kpi_table *t, int c)
{
    kpi_csv_field v = {"", 0};
    if (t->col[c] < 0)
        return v;
    v = t->fields[t->col[c]];
    /* Quoted fields keep their spaces; values never mean them. The end
     * cannot be cut in place (the text is the reader's), so only the
     * length shrinks: use len, not the NUL. */
    while (v.len && kpi_table_space(v.s[0])) {
        v.s++;
        v.len--;
    }
    while (v.len && kpi_table_space(v.s[v.len - 1]))
        v.len--;
    return v;
}
/* A printable form of a cell for messages: the text itself, or a
 * placeholder when it looks like a CPR number (never echoed). */
const char *kpi_table_shown(const kpi_csv_field *v);
/* The trimmed cell of column c as it may appear in a message (cut at 76
 * bytes, CPR-shaped values masked), written into buf. */
#define KPI_QUOTE_MAX 80
const char *kpi_table_quote(const kpi_table *t, int c,
                            char buf[KPI_QUOTE_MAX]);

/* Typed cells. Each returns false after reporting a bad or (when
 * required) missing value. An empty optional cell gives KPI_SYM_NONE,
 * KPI_DATE_NONE, or leaves *out alone (codes, numbers) and sets *given
 * false where there is a given flag. */
bool kpi_table_text(kpi_table *t, int c, bool required, kpi_sym *out);
/* kpi_table_text for the measure id (then checked with
 * kpi_table_unique), into ds->ids: appended unhashed while
 * t->keys_later. */
bool kpi_table_key(kpi_table *t, int c, bool required, kpi_sym *out);
bool kpi_table_date(kpi_table *t, int c, bool required, kpi_date *out);
bool kpi_table_money(kpi_table *t, int c, bool required, kpi_money *out,
                     bool *given);
bool kpi_table_number(kpi_table *t, int c, bool required, double *out,
                      bool *given);
bool kpi_table_code(kpi_table *t, int c, bool required, const kpi_code *codes,
                    size_t n, const char *what, int *out);
/* A measure type through kpi_config_find_type; unknown is an error that
 * says how to add it. what names it in the message ("measure type"). */
bool kpi_table_type(kpi_table *t, int c, bool required, const char *what,
                    uint16_t *out);
/* What a spelling of a column means (a type's index, a code's value),
 * -1 when it is none. */
typedef int (*kpi_spelling_lookup)(const kpi_table *t, const kpi_csv_field *v,
                                   const void *arg);
/* The value lookup gives v's spelling in column c, looked up once per
 * spelling and column (spellings, above); false with KPI_ERR_NOMEM in
 * t->fatal. */
bool kpi_table_spelling(kpi_table *t, int c, const kpi_csv_field *v,
                        kpi_spelling_lookup lookup, const void *arg,
                        int *value);
/* Frees t's remembered spellings (kpi_table_type, kpi_table_code). */
void kpi_table_spellings_free(kpi_table *t);
/* Column c of the current record holds a key of the file (measure_id,
 * case_id): records its line for key, or reports "duplicate <column>
 * '...' (first on line N)" when an earlier line had it. false when out
 * of memory (then t->fatal is set and the row stops). While
 * t->keys_later it does nothing: the reader's keys_unique checks. */
bool kpi_table_unique(kpi_table *t, int c, kpi_sym key);

/* In a reader's row function: stores rec in the dataset's array arr
 * (with the record's line) unless the row had an error, and returns. */
#define KPI_TABLE_STORE(t, arr, rec)                                                     \
    do {                                                                       \
        if ((t)->bad || (t)->fatal)                                            \
            return;                                                            \
        (rec).line = (uint32_t)(t)->line;                                      \
        void *slot_ = KPI_ARRAY_PUSH((t)->ds->alloc, &(t)->ds->arr);           \
        if (!slot_) {                                                          \
            (t)->fatal = KPI_ERR_NOMEM;                                        \
            return;                                                            \
        }                                                                      \
        (t)->ds->arr.items[(t)->ds->arr.count - 1] = (rec);                    \
    } while (0)

/* The readers (load_*.c). */
extern const kpi_file_reader kpi_reader_measures;
extern const kpi_file_reader kpi_reader_postings;
extern const kpi_file_reader kpi_reader_cases;
extern const kpi_file_reader kpi_reader_notifications;
extern const kpi_file_reader kpi_reader_deadlines;
extern const kpi_file_reader kpi_reader_complaints;
extern const kpi_file_reader kpi_reader_reviews;
extern const kpi_file_reader kpi_reader_inspections;
extern const kpi_file_reader kpi_reader_waitlist;
extern const kpi_file_reader kpi_reader_outcomes;

/* The budget (budget.c): finds the budget file of the folder dir (kpi.ini
 * [files] budget, else budget.xlsx, budget.xls, budget.csv), marks it
 * present and has the budget reader of o read it into ds. No file: KPI_OK
 * and nothing done. A file but no reader: an error that says to pass one. */
kpi_status kpi_budget_load_file(kpi_dataset *ds, const char *dir,
                                const kpi_load_options *o,
                                kpi_diagnostics *diags);

/* dir + "/" + name (trailing slashes of dir dropped), or name itself when
 * it is an absolute path; NULL when out of memory. Free with kpi_xfree. */
char *kpi_path_join(const kpi_allocator *a, const char *dir,
                    const char *name);
/* true when something exists at path. */
bool kpi_path_exists(const char *path);
/* kpi_example_find (kpi.h) with the program's path (program: absolute,
 * or NULL when unknown) and the value of KPI_EXAMPLE_DIR (NULL when
 * unset) given, for the tests (example.c). */
kpi_status kpi_example_find_in(const kpi_allocator *a, const char *program,
                               const char *override, char **dir,
                               char **looked);
/* Reports that path is missing ("file not found (it is required)", or
 * "(kpi.ini [files] names it)" when not required): KPI_ERR_INPUT, or
 * KPI_ERR_NOMEM when it could not be reported. */
kpi_status kpi_file_not_found(const char *path, bool required,
                              kpi_diagnostics *diags);

#endif /* KPI_LOAD_H */
