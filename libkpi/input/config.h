/*
 * config.h - kpi.ini (SPEC §3.10) and the measure-type catalogue (§3.3),
 * internal. config.c reads the file (with kpi_ini_parse); measure_types.c
 * holds the default measure types. Every section and key is optional; an unknown
 * section or key is an error that names it.
 */
#ifndef KPI_CONFIG_H
#define KPI_CONFIG_H

#include "base/internal.h"

/* One measure type: the default catalogue plus [measure_type.CODE]. */
typedef struct kpi_measure_type {
    char *code;     /* "almen_plejefamilie" */
    char *name;     /* Danish display name */
    uint8_t category; /* kpi_category (dataset.h) */
    char *law;      /* "BL § 43, stk. 1, nr. 1"; "" when none */
    char *function; /* kontoplan function "5.28.20"; "" unless kpi.ini sets it */
    bool not_reimbursable; /* reimbursable = no: outside BL § 198 */
} kpi_measure_type;

/* A name the case system uses for a type ([measure_type_aliases]) or a
 * header alias ([columns.FILE] canonical = alias). `folded` is
 * kpi_text_fold() of the alias, which is what input is matched against. */
typedef struct kpi_alias {
    char *folded;
    char *target; /* type code, or canonical column name */
} kpi_alias;

typedef struct kpi_column_aliases {
    char *file;   /* "measures", "cases", ..., "budget" */
    kpi_alias *items;
    size_t count, cap;
} kpi_column_aliases;

typedef struct kpi_reimbursement_year {
    int year;
    kpi_reimbursement_rule rule;
} kpi_reimbursement_year;

/* [target.<kpi_id>]: green below yellow, yellow from yellow, red from red.
 * When yellow > red the direction is reversed (higher is better). */
typedef struct kpi_target {
    char *kpi_id;
    char *stat;      /* which stat the target applies to; default "count" */
    double yellow, red;
} kpi_target;

typedef struct kpi_recipient {
    char *key;        /* the section's name: [recipient anne] -> "anne" */
    char *name, *group, *email, *team, *caseworker; /* "" when absent */
    char *role; /* "oekonomichef" or "" (issue 14 item 5) */
    unsigned long line; /* of the [recipient KEY] header in kpi.ini */
} kpi_recipient;

typedef struct kpi_smtp {
    bool present;
    char *host, *from, *user; /* "" when absent */
    int port;                 /* 0 when absent */
    char *ca_file, *tls;      /* "" when absent */
    int command_timeout, data_done_timeout; /* seconds; 0 when absent */
    unsigned long line;       /* of the [smtp] header; 0 when absent */
} kpi_smtp;

/* [budget]: where the budget workbook keeps its data when kpi cannot find
 * it by the Danish header names. */
typedef struct kpi_budget_layout {
    char *sheet;    /* "" = find it */
    int header_row; /* 0 = find it */
} kpi_budget_layout;

typedef struct kpi_config {
    char *municipality; /* "" when absent */
    long children_0_17, children_0_22; /* [municipality]; 0 when absent */
    /* [compare] (issue 18): municipalities as written (comma-separated),
     * the note; NULL when absent. compare_line: of municipalities. */
    char *compare_municipalities, *compare_note;
    unsigned long compare_line;
    char *files[16];    /* [files] overrides by kpi_file; NULL = default name */

    kpi_measure_type *types; /* default catalogue first, then kpi.ini's */
    size_t n_types, cap_types;

    kpi_alias *type_aliases; /* [measure_type_aliases] */
    size_t n_type_aliases, cap_type_aliases;

    kpi_column_aliases *columns; /* one per [columns.FILE] section */
    size_t n_columns, cap_columns;

    double high_cost_share; /* [high_cost] share, default 0.10 */

    kpi_reimbursement_year *reimbursement; /* [reimbursement.YYYY] */
    size_t n_reimbursement, cap_reimbursement;

    kpi_target *targets;
    size_t n_targets, cap_targets;

    kpi_recipient *recipients;
    size_t n_recipients, cap_recipients;

    kpi_smtp smtp;
    kpi_budget_layout budget;
    char *history_path; /* [history] path; NULL when absent */
} kpi_config;

/* The defaults of SPEC §3.10 with the catalogue of §3.3. NULL on NOMEM. */
kpi_config *kpi_config_new_default(const kpi_allocator *a);
void kpi_config_free(const kpi_allocator *a, kpi_config *c);

/* The longest key line kpi.ini may have (kpi_config_read refuses a
 * longer one): what inih's line buffer held. */
#define KPI_CONFIG_LINE_MAX 196

/* Reads path (kpi.ini) into c; problems go to diags as
 * "kpi.ini:LINE: KEY: message" with label as the file name. Returns
 * KPI_ERR_INPUT when any error was added, KPI_ERR_IO when the file exists
 * but cannot be read. */
kpi_status kpi_config_read(const kpi_allocator *a, kpi_config *c,
                           const char *path, const char *label,
                           kpi_diagnostics *diags);

/* The index of a measure type matched by code, by name or through
 * [measure_type_aliases], all case- and space-insensitively, else by a
 * sure reading of its § reference or words (type_guess.h); -1 when
 * none. */
int kpi_config_find_type(const kpi_config *c, const char *text, size_t len);
/* As kpi_config_find_type, without the reading of type_guess.h: an
 * alias, a code or a name only (`kpi init` tells the two apart). */
int kpi_config_find_type_exact(const kpi_config *c, const char *text,
                               size_t len);

/* The reimbursement rule of a year: kpi.ini's, or the latest earlier
 * year's, or the law's 2022 level; out->source_year says which
 * (kpi_reimbursement_source, kpi.h). */
void kpi_config_reimbursement(const kpi_config *c, int year,
                              kpi_reimbursement_source *out);

/* The target of a figure, or NULL. */
const kpi_target *kpi_config_target(const kpi_config *c, const char *kpi_id);

/* The canonical column a header names in file ("measures"), through
 * [columns.FILE]; NULL when kpi.ini has no alias for it. header is folded
 * with kpi_text_fold() before matching. */
const char *kpi_config_column_alias(const kpi_config *c, const char *file,
                                    const char *header, size_t len);

#endif /* KPI_CONFIG_H */
