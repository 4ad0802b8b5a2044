/*
 * dataset.h - the loaded dataset as the figures see it (internal).
 *
 * The loader (dataset.c and its per-file readers) fills these structures;
 * the figure functions only read them. Every string is interned in
 * dataset->syms, so grouping by child, family, caseworker, team or
 * provider is an array subscript; only the measure ids are apart, in
 * dataset->ids (nothing groups by them). Every record keeps the line it came from
 * so data_quality can point at it.
 */
#ifndef KPI_DATASET_H
#define KPI_DATASET_H

#include "input/config.h"
#include "base/internal.h"

typedef enum kpi_category {
    KPI_CATEGORY_PLACEMENT = 0,
    KPI_CATEGORY_PREVENTIVE = 1,
} kpi_category;
#define KPI_CATEGORY_COUNT 2

typedef enum kpi_target_group {
    KPI_TARGET_HANDICAP = 0,
    KPI_TARGET_SOCIAL = 1,
} kpi_target_group;
#define KPI_TARGET_COUNT 2

typedef enum kpi_provider_kind {
    KPI_PROVIDER_OWN = 0,
    KPI_PROVIDER_MUNICIPAL = 1,
    KPI_PROVIDER_REGIONAL = 2,
    KPI_PROVIDER_PRIVATE = 3,
} kpi_provider_kind;
#define KPI_PROVIDER_COUNT 4
#define KPI_PROVIDER_UNKNOWN 0xff /* postings without provider_kind */

typedef enum kpi_posting_kind {
    KPI_POSTING_EXPENSE = 0,
    KPI_POSTING_INCOME = 1,
    KPI_POSTING_PRIOR_YEAR = 2,
} kpi_posting_kind;
#define KPI_POSTING_KIND_COUNT 3

/* One granted measure (measures.csv). */
typedef struct kpi_measure {
    kpi_sym id; /* in dataset->ids, not dataset->syms */
    kpi_sym child, family, provider, caseworker, team, legal_basis;
    kpi_date birth, start;
    kpi_date end;         /* KPI_DATE_NONE = ongoing */
    kpi_date planned_end; /* KPI_DATE_NONE = none given */
    /* line here, before the 8-byte price, fills what would be padding:
     * 64 bytes a record, not 72 (a million measures are 8 MB less). */
    uint32_t line;
    kpi_money price;      /* øre per unit */
    uint16_t type;        /* index into dataset->types */
    uint8_t target_group; /* kpi_target_group */
    uint8_t provider_kind;/* kpi_provider_kind */
    uint8_t unit;         /* kpi_unit */
    uint8_t cancelled;    /* end == start - 1: counts for nothing (§3.2) */
} kpi_measure;

/* One posting (postings.csv). */
typedef struct kpi_posting {
    int16_t year;
    uint8_t month;
    uint8_t kind;          /* kpi_posting_kind */
    uint16_t type;         /* index into dataset->types */
    uint8_t provider_kind; /* kpi_provider_kind or KPI_PROVIDER_UNKNOWN */
    kpi_sym child;
    kpi_money amount;
    uint32_t line;
} kpi_posting;

/* One budget line (budget.c, as the budget reader gave it): the budget
 * of the report's fiscal year for one measure type. */
typedef struct kpi_budget_line {
    uint16_t type;
    kpi_money annual;
    bool has_months;        /* false: annual / 12 each month (§3.9) */
    kpi_money months[12];
    bool has_recipients;
    double recipients;      /* full-year recipients assumed */
    bool has_price;
    kpi_money price;        /* average annual price assumed */
    uint32_t line;
} kpi_budget_line;

typedef struct kpi_case {
    kpi_sym id, child, caseworker, team;
    kpi_date birth, opened, closed; /* closed KPI_DATE_NONE = open */
    uint8_t target_group;
    uint32_t line;
} kpi_case;

typedef struct kpi_notification {
    kpi_sym id, child;
    kpi_date birth; /* KPI_DATE_NONE when not given */
    kpi_date received;
    uint32_t line;
} kpi_notification;

typedef struct kpi_deadline {
    kpi_sym case_id, type; /* type: a deadline type code */
    kpi_date due, done;    /* done KPI_DATE_NONE = not done */
    uint32_t line;
} kpi_deadline;

typedef enum kpi_outcome {
    KPI_OUTCOME_NONE = 0, /* pending */
    KPI_OUTCOME_UPHELD = 1,
    KPI_OUTCOME_CHANGED = 2,
    KPI_OUTCOME_REMITTED = 3,
    KPI_OUTCOME_DISMISSED = 4,
} kpi_outcome;

typedef struct kpi_complaint {
    kpi_sym id, case_id;
    kpi_date received, decided; /* decided KPI_DATE_NONE = pending */
    uint8_t outcome;            /* kpi_outcome */
    uint32_t line;
} kpi_complaint;

typedef struct kpi_review {
    kpi_sym id, case_id, reviewer;
    kpi_date date;
    uint32_t line;
} kpi_review;

typedef struct kpi_inspection {
    kpi_sym id, provider, reason;
    kpi_date date;
    bool approved;
    uint32_t line;
} kpi_inspection;

typedef struct kpi_wait {
    kpi_sym child;
    kpi_date birth, listed, started; /* started KPI_DATE_NONE = waiting */
    uint16_t type;
    uint8_t target_group;
    uint32_t line;
} kpi_wait;

typedef enum kpi_indicator {
    KPI_INDICATOR_SCHOOL_ABSENCE = 0,
    KPI_INDICATOR_GOAL = 1,
    KPI_INDICATOR_FUNCTION = 2,
} kpi_indicator;

typedef struct kpi_outcome_row {
    kpi_sym child, parameter;
    kpi_date date;
    uint8_t indicator; /* kpi_indicator */
    double value;
    uint32_t line;
} kpi_outcome_row;

/* The input files, in the order they are loaded and reported. */
typedef enum kpi_file {
    KPI_FILE_MEASURES = 0,
    KPI_FILE_CASES,
    KPI_FILE_NOTIFICATIONS,
    KPI_FILE_DEADLINES,
    KPI_FILE_COMPLAINTS,
    KPI_FILE_REVIEWS,
    KPI_FILE_INSPECTIONS,
    KPI_FILE_WAITLIST,
    KPI_FILE_OUTCOMES,
    KPI_FILE_POSTINGS,
    KPI_FILE_BUDGET,
    KPI_FILE_COUNT
} kpi_file;

/* A growable array of records of one kind. */
#define KPI_ARRAY(T) struct { T *items; size_t count, cap; }

struct kpi_dataset {
    kpi_allocator alloc_store;
    const kpi_allocator *alloc; /* &alloc_store, or NULL for malloc */
    kpi_symtab *syms;
    /* The measure ids, apart from syms: a million unique ids there would
     * make every sym-indexed array of the figures (by child, family,
     * caseworker) twice as large and half as dense. */
    kpi_symtab *ids;
    kpi_config *config;         /* never NULL: defaults when no kpi.ini */
    bool present[KPI_FILE_COUNT];

    KPI_ARRAY(kpi_measure) measures;
    KPI_ARRAY(kpi_posting) postings;
    KPI_ARRAY(kpi_budget_line) budget;
    KPI_ARRAY(kpi_case) cases;
    KPI_ARRAY(kpi_notification) notifications;
    KPI_ARRAY(kpi_deadline) deadlines;
    KPI_ARRAY(kpi_complaint) complaints;
    KPI_ARRAY(kpi_review) reviews;
    KPI_ARRAY(kpi_inspection) inspections;
    KPI_ARRAY(kpi_wait) waitlist;
    KPI_ARRAY(kpi_outcome_row) outcomes;

    /* Warnings of §3.2 (cancelled grants, zero costs): they also go to the
     * caller's diagnostics, and data_quality reports them. Owned here. */
    kpi_diagnostics *warnings;

    /* true for a subset (kpi_dataset_subset): syms, ids and config are
     * the parent's, and kpi_dataset_free leaves them alone. */
    bool borrowed;
    /* The sorted teams and caseworkers (kpi_dataset_team, ...), built by
     * kpi_dataset_index_people on first use; NULL until then. */
    struct kpi_people *people;
};

/* Builds ds->people (people.c) when it is not built yet: call it after the
 * last record is added. The accessors build it on first use (and report
 * no teams when that runs out of memory), so the loader calling it first
 * is what turns out of memory into KPI_ERR_NOMEM. */
kpi_status kpi_dataset_index_people(kpi_dataset *ds);
void kpi_people_free(const kpi_allocator *a, struct kpi_people *people);

/* The canonical file name of each kpi_file ("measures.csv"). */
const char *kpi_file_name(kpi_file f);
/* The file a stem names ("measures" -> KPI_FILE_MEASURES), as used in
 * kpi.ini's [files] keys and [columns.STEM] sections; -1 when none. */
int kpi_file_from_stem(const char *stem);
/* true when canonical is a column of file f's schema ("start_date"). */
bool kpi_file_has_column(kpi_file f, const char *canonical);

/* An empty dataset with the default configuration, for the loader and for
 * tests that build datasets record by record. NULL when out of memory. */
kpi_dataset *kpi_dataset_new_empty(const kpi_allocator *a);

/* Appends one zeroed record to an array and returns it; NULL when out of
 * memory. Example: kpi_measure *m = KPI_ARRAY_PUSH(ds->alloc, &ds->measures); */
#define KPI_ARRAY_PUSH(a, arr)                                                  \
    (kpi_grow((a), (void **)&(arr)->items, &(arr)->cap, (arr)->count + 1,       \
              sizeof(*(arr)->items)) == KPI_OK                                  \
         ? memset(&(arr)->items[(arr)->count++], 0, sizeof(*(arr)->items))      \
         : NULL)

/* The measure type of a record. */
static inline const kpi_measure_type *kpi_dataset_type(const kpi_dataset *ds,
                                                        uint16_t type)
{
    return &ds->config->types[type];
}

const char *kpi_target_group_code(kpi_target_group g);   /* "handicap" */
const char *kpi_provider_kind_code(kpi_provider_kind k); /* "own" */
const char *kpi_category_code(kpi_category c);           /* "placement" */

/* The i-th type of the default catalogue (measure_types.c), static
 * strings; false past the end. */
bool kpi_default_measure_type(size_t i, const char **code, const char **name,
                              kpi_category *category, const char **law);

#endif /* KPI_DATASET_H */
