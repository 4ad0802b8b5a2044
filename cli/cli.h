/*
 * cli.h - the kpi command's own header: its one argument parser, its one
 * table from kpi_status to exit status, printing, and the commands.
 *
 * The command is an edge over the libraries (libkpi, kpixlsx, kpiread,
 * kpireport, kpidistribute): it parses arguments, prints help and what
 * the libraries report, and turns their kpi_status into the exit status
 * of SPEC §8. It computes nothing itself.
 */
#ifndef KPI_CLI_H
#define KPI_CLI_H

#include "kpi.h"
#include "kpi/history.h"
#include "kpi/notify.h"

#include <stdbool.h>
#include <stdio.h>

/* Where `kpi demo`'s example dataset is installed under the prefix, for
 * its help and messages; libkpi's kpi_example_find looks for it there
 * (and in the build tree) relative to the kpi program itself. */
#define KPI_EXAMPLE_SUBDIR "share/kpi/examples/eksempel"

/* The example dataset is built around this report month; `kpi demo`
 * always uses it so its output is the same on every run. The same month
 * in the other forms the demo prints and looks up follows; change them
 * together. */
#define DEMO_MONTH "2026-10"
#define DEMO_YEAR "2026"
#define DEMO_LAST_DAY "2026-10-31"
#define DEMO_MONTH_NAME "October 2026"
#define DEMO_DIR "kpi-demo"

/* ---- exit statuses (exit.c) ------------------------------------------
 * SPEC §8. The one definition of the numbers, and the one table from a
 * library's kpi_status to them. */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_INPUT = 1, /* invalid input: diagnostics printed, nothing
                           written */
    CLI_EXIT_USAGE = 2, /* unknown command or option, bad or missing
                           argument */
    CLI_EXIT_ENV = 3,   /* I/O or environment: a folder missing, a write
                           failed */
    /* sysexits.h EX_TEMPFAIL: kpi distribute failed only in ways a later
     * run can finish. */
    CLI_EXIT_TEMPFAIL = 75,
};
int cli_exit_code(kpi_status st);
int cli_oom(void); /* prints "kpi: out of memory"; CLI_EXIT_ENV */

/* ---- arguments (args.c) ----------------------------------------------- */

/* The options of the commands. */
enum {
    OPT_MONTH,  /* --month YYYY-MM */
    OPT_OUTPUT, /* -o, --output FILE|DIR */
    OPT_OUTBOX, /* --outbox DIR */
    OPT_SEND,   /* --send (a flag) */
    OPT_RESEND, /* --resend (a flag) */
    OPT_JOBS,   /* -j, --jobs N */
    OPT_VERBOSE, /* --verbose (a flag): every problem on its own line */
    /* --resend-uncertain and --dry-run (flags) */
    OPT_RESEND_UNCERTAIN,
    OPT_DRY_RUN,
    OPT_LEVEL,  /* --level GROUP (export: the shared file of issue 18) */
    OPT_NO_HISTORY, /* --no-history (a flag) */
    OPT_FIGURE,     /* --figure ID */
    OPT_COUNT
};
#define OPT(id) (1u << (id))

/* The words of a command's usage errors. Three commands were written
 * with three parsers of their own, and their messages are kept byte for
 * byte (docs/DECISIONS.md): one parser, three wordings. */
typedef enum cli_style {
    CLI_STYLE_MAIN,   /* "kpi: -o needs a value, not an empty string" and
                         "try 'kpi --help'" */
    CLI_STYLE_REPORT, /* "kpi report: empty value for '-o'" and "try 'kpi
                         report --help'"; also the report's words when
                         loading; "-o=DIR" is DIR */
    CLI_STYLE_BRIEF,  /* "kpi: -o needs a value", no hint; no "--"; a
                         missing value is an empty one */
} cli_style;

typedef struct cli_args {
    const char *dataset;        /* the DATASET operand, or NULL */
    const char *opt[OPT_COUNT]; /* each option's value; a flag given is
                                   its own text ("--send") */
    bool help;                  /* -h or --help: the rest is not read */
} cli_args;

typedef struct cli_command {
    const char *name;
    unsigned options;        /* OPT() of the options it takes */
    unsigned required;       /* OPT() of those it needs */
    int operands;            /* how many DATASET folders it needs: 0 or 1 */
    const char *output_hint; /* "OUTDIR" in "needs -o OUTDIR" */
    cli_style style;
    void (*help)(FILE *out);
    int (*run)(const struct cli_command *c, const cli_args *a);
} cli_command;

/* Parses argv[0..argc-1], the arguments after the command's name, into
 * *a. Returns CLI_EXIT_OK (look at a->help) or CLI_EXIT_USAGE after the
 * message. */
int cli_parse(const cli_command *c, int argc, char **argv, cli_args *a);

/* Prints a usage error in c's words (c NULL: the main ones) and returns
 * CLI_EXIT_USAGE. */
int cli_usage(const cli_command *c, const char *fmt, ...) KPI_PRINTF(2, 3);

/* Parses the value of --month, or says it is bad in c's words. */
int cli_month(const cli_command *c, const char *text, kpi_month *m);

/* The help line of --verbose, the same in every command that loads. */
#define CLI_HELP_VERBOSE                                                       \
    "  --verbose           every problem on its own line (without it the\n"   \
    "                      same problem on many rows is one line)\n"

/* ---- printing (print.c) ----------------------------------------------- */

/* A kpi_notify that prints: problems to stderr as kpi_diagnostic_print
 * does, "kpi" standing in for an empty file; the files written to
 * stdout. */
kpi_notify cli_notify(void);

/* "measure" or "measures". */
const char *cli_plural(size_t n, const char *one, const char *many);

/* ---- the dataset (dataset.c) ------------------------------------------ */

typedef struct cli_load {
    const char *what;   /* "dataset folder", "the example dataset" */
    bool list_warnings; /* false: print the errors only */
    bool check;         /* kpi check: no "nothing written", no count */
    cli_style style;    /* the report's words for a folder and a count */
    bool verbose;       /* --verbose: every problem on its own line, not
                           grouped (kpi_diagnostics_print_grouped) */
    unsigned jobs;      /* libkpi's threads (0 or 1: one) */
} cli_load;

/* Prints d grouped as every input problem (issue 16; --verbose: every
 * line), with a tail "kpi: ... has errors (above)TAIL" when it has errors
 * (tail NULL: none); frees d (may be NULL). Returns rc. */
int cli_compare_diags(kpi_diagnostics *d, const cli_args *a, int rc,
                      const char *tail);
/* CLI_EXIT_OK when dir is a folder, else the message and CLI_EXIT_ENV:
 * a wrong path is not a data problem. */
int cli_check_folder(const char *dir, const cli_load *how);
/* Loads dir, prints every diagnostic and, on failure, the count; on
 * success *out holds the dataset (kpi_dataset_free). An exit status. */
int cli_load_dataset(const char *dir, const cli_load *how,
                     kpi_diagnostics *diags, kpi_dataset **out);

/* Prints on stderr the warning of kpi_reimbursement_warning when kpi.ini
 * has no [reimbursement.YEAR] for year (BL § 198's amounts are regulated
 * every year) and returns true; nothing and false when it has. */
bool cli_warn_reimbursement(const kpi_dataset *ds, int year);
/* -j N, else KPI_JOBS, else *out left (kpi_cpus_available() as a rule). */
int cli_jobs(const cli_command *c, const cli_args *a, unsigned *out);
/* Month m's figures (rows_only: the rows alone) on `jobs` threads. */
int cli_compute(const kpi_dataset *ds, kpi_month m, bool rows_only,
                unsigned jobs, kpi_figures **out);

/* What export, report and distribute start from: the month of
 * --month, DATASET loaded (every diagnostic printed) and its figures
 * computed (cli_compute). On failure nothing is left to free. */
int cli_figures(const cli_command *c, const cli_args *a, kpi_month *m,
                bool rows_only, kpi_dataset **ds, kpi_figures **figs);

/* How report and distribute end: ds and figs (from cli_figures; may be
 * NULL) freed, and rc unless the lines they printed cannot reach stdout
 * (then CLI_EXIT_ENV). */
int cli_figures_end(int rc, kpi_dataset *ds, kpi_figures *figs);

/* ---- the commands: each one's run and help, in its own file --------- */
#define CLI_COMMAND(name)                                                      \
    int cli_run_##name(const cli_command *c, const cli_args *a);              \
    void cli_help_##name(FILE *out)
CLI_COMMAND(export); /* export.c, with check */
CLI_COMMAND(check);
CLI_COMMAND(demo);
CLI_COMMAND(report);
CLI_COMMAND(distribute);
CLI_COMMAND(budget_template);
CLI_COMMAND(init);
CLI_COMMAND(history);
/* ---- the history (history.c) ------------------------------------------ */

/* Opens DATASET's history and reads the forecasts before month m, before
 * the command writes anything (nothing, h NULL, with --no-history or the
 * environment's KPI_NO_HISTORY); an exit status (the message printed). */
int cli_history_open(const cli_args *a, const kpi_dataset *ds, kpi_month m,
                     kpi_history_session *out);
/* Records figs as month m's run by `command`; an exit status. */
int cli_history_record(kpi_history_session *ch, const char *command,
                       const char *dataset, kpi_month m,
                       const kpi_figures *figs);

/* Writes the export to path, whole or not at all (export.c). */
int cli_write_export(const kpi_figures *figs, const char *path);

/* Finds command name, parses argv[0..argc-1] (its arguments) and runs
 * it or prints its help; an exit status (main.c). */
int cli_command_main(const char *name, int argc, char **argv);

void cli_help_main(FILE *out); /* main.c */

#endif
