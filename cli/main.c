/*
 * main.c - the kpi command: a thin layer over libkpi's public API.
 *
 * It parses arguments, calls kpi_dataset_load / kpi_figures_compute /
 * kpi_export_write, prints diagnostics and maps outcomes to the exit
 * statuses of SPEC §8. It computes nothing itself.
 */
#include "budget_template.h"
#include "distribute.h"
#include "report.h"
#include "kpi.h"
#include "kpi/atomic.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* SPEC §8. */
enum {
    EXIT_OK = 0,
    EXIT_INPUT = 1, /* invalid input: diagnostics printed, nothing written */
    EXIT_USAGE = 2, /* unknown command or option, bad or missing argument */
    EXIT_ENV = 3,   /* I/O or environment: a folder missing, a write failed */
};

#ifndef KPI_EXAMPLE_DIR
#define KPI_EXAMPLE_DIR "examples/eksempel"
#endif

/* The example dataset is built around this report month; `kpi demo`
 * always uses it so its output is the same on every run. */
#define DEMO_MONTH "2026-10"
/* The same month in the other forms the demo prints and looks up; change
 * them together. */
#define DEMO_YEAR "2026"
#define DEMO_LAST_DAY "2026-10-31"
#define DEMO_MONTH_NAME "October 2026"
#define DEMO_DIR "kpi-demo"

/* ------------------------------------------------------------------ */
/* Help                                                                */

static void print_main_help(FILE *out)
{
    fputs(
        "usage: kpi COMMAND [OPTIONS]\n"
        "\n"
        "Management information for children and young people with special\n"
        "needs, computed from a dataset folder (measures.csv, kpi.ini, ...).\n"
        "\n"
        "Commands:\n"
        "  export DATASET --month YYYY-MM [-o FILE]\n"
        "                 compute every key figure for the month and write\n"
        "                 them in long form "
        "(kpi_id;period;breakdown;stat;value)\n"
        "  check DATASET  load the dataset and list every problem found\n"
        "  report DATASET --month YYYY-MM -o DIR\n"
        "                 write the workbooks (oekonomi-YYYY-MM.xlsx) into DIR\n"
        "  distribute DATASET --month YYYY-MM [--outbox DIR | --send] "
        "[--resend]\n"
        "                 build each kpi.ini [recipient]'s pack and e-mail\n"
        "                 and write them as .eml files (default\n"
        "                 DATASET/outbox/) or send them over SMTP\n"
        "  budget-template -o FILE.xlsx\n"
        "                 write an empty budget workbook in the layout kpi\n"
        "                 reads best, for the finance staff to fill in\n"
        "  demo [-o DIR]  run on the bundled example dataset for " DEMO_MONTH
        "\n"
        "                 and write DIR/noegletal-" DEMO_MONTH ".csv and the\n"
        "                 workbooks (default DIR: ./" DEMO_DIR ")\n"
        "  help [COMMAND] show this help or a command's help\n"
        "\n"
        "Options:\n"
        "  -h, --help     show help (also after a command: kpi export --help)\n"
        "  --version      print the version\n"
        "\n"
        "Exit status:\n"
        "  0  success\n"
        "  1  invalid input: every problem is printed as\n"
        "     file:line: column: message, and nothing is written\n"
        "  2  usage error: unknown command or option, missing or bad argument\n"
        "  3  I/O or environment error: the dataset folder does not exist,\n"
        "     a file cannot be read or written (nothing is half-written)\n",
        out);
}

static void print_export_help(FILE *out)
{
    fputs("usage: kpi export DATASET --month YYYY-MM [-o FILE]\n"
          "\n"
          "Loads the dataset folder DATASET, computes every key figure for\n"
          "the report month and writes them in long form: ';'-separated\n"
          "UTF-8 with the header kpi_id;period;breakdown;stat;value.\n"
          "Warnings go to stderr; any error stops the run before anything\n"
          "is written.\n"
          "\n"
          "Options:\n"
          "  --month YYYY-MM     the report month (required);\n"
          "                      also --month=YYYY-MM\n"
          "  -o, --output FILE   write to FILE instead of standard output.\n"
          "                      FILE appears whole or not at all: it is\n"
          "                      written to a temporary file in the same\n"
          "                      folder and renamed when complete\n"
          "  -h, --help          show this help\n",
          out);
}

static void print_check_help(FILE *out)
{
    fputs("usage: kpi check DATASET\n"
          "\n"
          "Loads the dataset folder DATASET and prints every error and\n"
          "warning as file:line: column: message. Exits with 1 when there\n"
          "is at least one error, else prints a one-line summary and exits\n"
          "with 0. Writes no files.\n",
          out);
}

static void print_demo_help(FILE *out)
{
    fputs("usage: kpi demo [-o DIR]\n"
          "\n"
          "Runs kpi on the example dataset that comes with it\n"
          "(" KPI_EXAMPLE_DIR ")\n"
          "for its report month " DEMO_MONTH ", writes the key figures to\n"
          "DIR/noegletal-" DEMO_MONTH ".csv (DIR is created when needed;\n"
          "default ./" DEMO_DIR ") and prints a few headline figures.\n"
          "\n"
          "Options:\n"
          "  -o, --output DIR    the folder to write to\n"
          "  -h, --help          show this help\n",
          out);
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int
usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("kpi: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\ntry 'kpi --help'\n", stderr);
    va_end(ap);
    return EXIT_USAGE;
}

/* ------------------------------------------------------------------ */
/* Argument parsing                                                    */

enum {
    OPT_MONTH = 1u << 0,
    OPT_OUTPUT = 1u << 1,
    OPT_OUTBOX = 1u << 2,
    OPT_SEND = 1u << 3,   /* a flag: no value */
    OPT_RESEND = 1u << 4, /* a flag: no value */
};

typedef struct command {
    const char *name;
    unsigned options; /* OPT_* the command accepts */
    int positionals;  /* the number of operands (DATASET) it needs */
    void (*help)(FILE *out);
} command;

typedef struct args {
    const char *dataset;
    const char *month;
    const char *output;
    const char *outbox;
    bool send, resend;
    bool help;
} args;

/* Matches "--name", "--name=VALUE" (value in *inline_value) and, for a
 * short name, "-o" and "-oVALUE". */
static bool option_is(const char *arg, const char *long_name, char short_name,
                      const char **inline_value)
{
    *inline_value = NULL;
    size_t n = strlen(long_name);
    if (strncmp(arg, "--", 2) == 0 && strncmp(arg + 2, long_name, n) == 0) {
        if (arg[2 + n] == '\0')
            return true;
        if (arg[2 + n] == '=') {
            *inline_value = arg + 3 + n;
            return true;
        }
        return false;
    }
    if (short_name && arg[0] == '-' && arg[1] == short_name) {
        if (arg[2] != '\0')
            *inline_value = arg + 2;
        return true;
    }
    return false;
}

/* Options may come before or after DATASET; "--" ends the options. */
static int parse_args(const command *cmd, int argc, char **argv, args *out)
{
    memset(out, 0, sizeof *out);
    int operands = 0;
    bool options_done = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *value = NULL;
        const char **slot = NULL;
        const char *slot_name = NULL;

        if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (operands >= cmd->positionals)
                return usage_error("unexpected argument '%s' for '%s'", a,
                                   cmd->name);
            out->dataset = a;
            operands++;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            out->help = true;
            return EXIT_OK; /* help wins over anything after it */
        }
        if ((cmd->options & OPT_SEND) && strcmp(a, "--send") == 0) {
            out->send = true;
            continue;
        }
        if ((cmd->options & OPT_RESEND) && strcmp(a, "--resend") == 0) {
            out->resend = true;
            continue;
        }
        if ((cmd->options & OPT_MONTH) && option_is(a, "month", 0, &value)) {
            slot = &out->month;
            slot_name = "--month";
        } else if ((cmd->options & OPT_OUTPUT) &&
                   option_is(a, "output", 'o', &value)) {
            slot = &out->output;
            slot_name = "-o";
        } else if ((cmd->options & OPT_OUTBOX) &&
                   option_is(a, "outbox", 0, &value)) {
            slot = &out->outbox;
            slot_name = "--outbox";
        } else {
            return usage_error("unknown option '%s' for '%s'", a, cmd->name);
        }
        if (!value) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", slot_name);
            value = argv[++i];
        }
        if (*slot)
            return usage_error("%s given more than once", slot_name);
        if (*value == '\0')
            return usage_error("%s needs a value, not an empty string",
                               slot_name);
        *slot = value;
    }
    if (operands < cmd->positionals)
        return usage_error("'%s' needs a DATASET folder", cmd->name);
    if ((cmd->options & OPT_MONTH) && !out->month)
        return usage_error("'%s' needs --month YYYY-MM", cmd->name);
    return EXIT_OK;
}

static int parse_month(const char *text, kpi_month *m)
{
    if (kpi_month_parse(text, m) != KPI_OK)
        return usage_error("bad month '%s': expected YYYY-MM, "
                           "for example 2026-10",
                           text);
    return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* Loading and computing                                               */

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* A missing folder is not a data problem but one of the environment (a
 * wrong path, an unmounted share): exit status 3 with a plain message. */
static int check_folder(const char *dir, const char *what)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        fprintf(stderr, "kpi: cannot open %s '%s': %s\n", what, dir,
                strerror(errno));
        return EXIT_ENV;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "kpi: %s '%s' is not a folder\n", what, dir);
        return EXIT_ENV;
    }
    return EXIT_OK;
}

static int status_exit(kpi_status st)
{
    switch (st) {
    case KPI_OK:
        return EXIT_OK;
    case KPI_ERR_INPUT:
    case KPI_ERR_RANGE:
        return EXIT_INPUT;
    case KPI_ERR_NOMEM:
    case KPI_ERR_IO:
    case KPI_ERR_ARG:
    case KPI_ERR_NOT_AVAILABLE:
        return EXIT_ENV;
    }
    return EXIT_ENV;
}

static void print_diagnostics(const kpi_diagnostics *diags, bool list_warnings)
{
    size_t n = kpi_diagnostics_count(diags);
    for (size_t i = 0; i < n; i++) {
        const kpi_diagnostic *d = kpi_diagnostics_get(diags, i);
        if (list_warnings || d->severity == KPI_SEVERITY_ERROR)
            kpi_diagnostic_print(d, stderr);
    }
}

/* Loads dir and prints every diagnostic. On success *out holds the
 * dataset. The commands that write (print_error_count) end a failure with
 * "kpi: N errors; nothing written"; check prints its own summary. */
static int load_dataset(const char *dir, kpi_diagnostics *diags,
                        kpi_dataset **out, bool print_error_count,
                        bool list_warnings)
{
    *out = NULL;
    int rc = check_folder(dir, "dataset folder");
    if (rc)
        return rc;
    kpi_load_options lo = kpi_cli_load_options(); /* budget.xlsx/.xls */
    kpi_status st = kpi_dataset_load(dir, &lo, out, diags);
    print_diagnostics(diags, list_warnings);
    size_t errors = kpi_diagnostics_error_count(diags);
    if (st == KPI_OK && errors == 0)
        return EXIT_OK;
    kpi_dataset_free(*out);
    *out = NULL;
    if (st == KPI_OK || st == KPI_ERR_INPUT) {
        if (print_error_count) {
            if (errors)
                fprintf(stderr, "kpi: %zu %s; nothing written\n", errors,
                        plural(errors, "error", "errors"));
            else
                fputs("kpi: invalid input; nothing written\n", stderr);
        }
        return EXIT_INPUT;
    }
    fprintf(stderr, "kpi: cannot load '%s': %s%s\n", dir, kpi_strerror(st),
            print_error_count ? "; nothing written" : "");
    return status_exit(st);
}

static int compute(const kpi_dataset *ds, kpi_month m, kpi_figures **out)
{
    kpi_status st = kpi_figures_compute(ds, m, NULL, out);
    if (st == KPI_OK)
        return EXIT_OK;
    fprintf(stderr,
            "kpi: cannot compute the key figures: %s; "
            "nothing written\n",
            kpi_strerror(st));
    return status_exit(st);
}

/* Writes the export to path, whole or not at all. */
static int write_export_file(const kpi_figures *figs, const char *path)
{
    kpi_atomic_file f;
    kpi_status st = kpi_atomic_file_open(&f, path);
    if (st == KPI_OK) {
        st = kpi_export_write(figs, f.fp);
        if (st != KPI_OK)
            kpi_atomic_file_abort(&f);
        else
            st = kpi_atomic_file_commit(&f);
    }
    if (st != KPI_OK) {
        fprintf(stderr, "kpi: cannot write '%s': %s\n", path,
                f.error ? strerror(f.error) : kpi_strerror(st));
        return EXIT_ENV;
    }
    return EXIT_OK;
}

static int write_export_stdout(const kpi_figures *figs)
{
    kpi_status st = kpi_export_write(figs, stdout);
    if (st == KPI_OK && (fflush(stdout) != 0 || ferror(stdout)))
        st = KPI_ERR_IO;
    if (st != KPI_OK) {
        fprintf(stderr, "kpi: cannot write to standard output: %s\n",
                errno ? strerror(errno) : kpi_strerror(st));
        return EXIT_ENV;
    }
    return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* Commands                                                            */

static int run_export(const args *a)
{
    kpi_month m;
    int rc = parse_month(a->month, &m);
    if (rc)
        return rc;
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = NULL;
    kpi_figures *figs = NULL;
    if (!diags) {
        fputs("kpi: out of memory\n", stderr);
        return EXIT_ENV;
    }
    rc = load_dataset(a->dataset, diags, &ds, true, true);
    if (rc)
        goto done;
    rc = compute(ds, m, &figs);
    if (rc)
        goto done;
    errno = 0;
    rc = a->output ? write_export_file(figs, a->output)
                   : write_export_stdout(figs);
done:
    kpi_figures_free(figs);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
    return rc;
}

static int run_check(const args *a)
{
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    if (!diags) {
        fputs("kpi: out of memory\n", stderr);
        return EXIT_ENV;
    }
    kpi_dataset *ds = NULL;
    int rc = load_dataset(a->dataset, diags, &ds, false, true);
    size_t errors = kpi_diagnostics_error_count(diags);
    size_t warnings = kpi_diagnostics_count(diags) - errors;
    if (rc == EXIT_OK) {
        size_t n = kpi_dataset_measure_count(ds);
        fprintf(stderr, "measures.csv: %zu %s; 0 errors, %zu %s\n", n,
                plural(n, "measure", "measures"), warnings,
                plural(warnings, "warning", "warnings"));
    } else if (rc == EXIT_INPUT) {
        fprintf(stderr, "kpi: %zu %s, %zu %s\n", errors,
                plural(errors, "error", "errors"), warnings,
                plural(warnings, "warning", "warnings"));
    }
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
    return rc;
}

static const kpi_row *find_total(const kpi_figures *figs, const char *kpi_id,
                                 const char *period, const char *stat)
{
    size_t n = kpi_figures_row_count(figs);
    for (size_t i = 0; i < n; i++) {
        const kpi_row *r = kpi_figures_row(figs, i);
        if (!r->dimension && strcmp(r->kpi_id, kpi_id) == 0 &&
            strcmp(r->period, period) == 0 && strcmp(r->stat, stat) == 0)
            return r;
    }
    return NULL;
}

static void print_headline(const kpi_figures *figs, const char *label,
                           const char *kpi_id, const char *period,
                           const char *stat, const char *unit)
{
    const kpi_row *r = find_total(figs, kpi_id, period, stat);
    if (!r) {
        printf("  %-40s not available\n", label);
        return;
    }
    char buf[48];
    kpi_row_format_value(r, buf);
    printf("  %-40s %14s%s\n", label, buf, unit);
}

static int run_distribute(const args *a)
{
    if (a->send && a->outbox)
        return usage_error("--outbox and --send exclude each other: "
                           "--send delivers instead of writing an outbox");
    if (a->resend && !a->send)
        return usage_error("--resend only goes with --send");
    kpi_month m;
    int rc = parse_month(a->month, &m);
    if (rc)
        return rc;
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = NULL;
    kpi_figures *figs = NULL;
    if (!diags) {
        fputs("kpi: out of memory\n", stderr);
        return EXIT_ENV;
    }
    rc = load_dataset(a->dataset, diags, &ds, true, true);
    if (rc == EXIT_OK)
        rc = compute(ds, m, &figs);
    if (rc == EXIT_OK) {
        cli_distribute_options o = {.dataset_dir = a->dataset,
                                    .outbox = a->outbox,
                                    .send = a->send,
                                    .resend = a->resend};
        rc = kpi_cli_distribute(ds, figs, m, &o);
    }
    kpi_figures_free(figs);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
    return rc;
}

static int run_demo(const args *a)
{
    const char *dir = a->output ? a->output : DEMO_DIR;
    kpi_month m;
    if (kpi_month_parse(DEMO_MONTH, &m) != KPI_OK)
        return EXIT_ENV; /* cannot happen: the constant is valid */

    int rc = check_folder(KPI_EXAMPLE_DIR, "the example dataset");
    if (rc)
        return rc;
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = NULL;
    kpi_figures *figs = NULL;
    char *path = NULL;
    if (!diags) {
        fputs("kpi: out of memory\n", stderr);
        return EXIT_ENV;
    }
    /* The example carries deliberate registration slips to show the
     * data-quality checks; a count is enough here, `kpi check` lists them. */
    rc = load_dataset(KPI_EXAMPLE_DIR, diags, &ds, true, false);
    if (rc)
        goto done;
    size_t warnings = kpi_diagnostics_count(diags);
    if (warnings)
        fprintf(
            stderr, "kpi: the example has %zu %s; 'kpi check %s' lists them\n",
            warnings, plural(warnings, "warning", "warnings"), KPI_EXAMPLE_DIR);
    rc = compute(ds, m, &figs);
    if (rc)
        goto done;

    int err;
    if (kpi_folder_make(dir, &err) != KPI_OK) {
        fprintf(stderr, "kpi: cannot create folder '%s': %s\n", dir,
                strerror(err));
        rc = EXIT_ENV;
        goto done;
    }
    static const char name[] = "/noegletal-" DEMO_MONTH ".csv";
    path = malloc(strlen(dir) + sizeof name);
    if (!path) {
        fputs("kpi: out of memory\n", stderr);
        rc = EXIT_ENV;
        goto done;
    }
    strcpy(path, dir);
    strcat(path, name);
    rc = write_export_file(figs, path);
    if (rc)
        goto done;
    /* The workbooks too, through the same command a controller runs. */
    {
        char *report_argv[] = {"report", (char *)KPI_EXAMPLE_DIR, "--month",
                               (char *)DEMO_MONTH, "-o", (char *)dir, NULL};
        rc = kpi_cli_report(6, report_argv);
        if (rc)
            goto done;
        printf("Wrote the workbooks of 'kpi report' to %s/.\n", dir);
    }

    const char *muni = kpi_dataset_municipality(ds);
    size_t measures = kpi_dataset_measure_count(ds);
    size_t rows = kpi_figures_row_count(figs);
    printf("kpi demo: the example dataset (%s%s%zu %s), " DEMO_MONTH_NAME ".\n",
           muni, *muni ? ", " : "", measures,
           plural(measures, "measure", "measures"));
    printf("Wrote %s: %zu %s of key figures in long form.\n\n", path, rows,
           plural(rows, "row", "rows"));
    printf("Headlines for %s:\n", DEMO_MONTH);
    print_headline(figs, "Placed children on " DEMO_LAST_DAY ":",
                   "placed_children", DEMO_LAST_DAY, "count", "");
    print_headline(figs, "Expected outturn (forecast) " DEMO_YEAR ":",
                   "forecast", DEMO_YEAR, "amount", " kr.");
    print_headline(figs, "Annual budget " DEMO_YEAR ":", "forecast", DEMO_YEAR,
                   "budget", " kr.");
    print_headline(figs, "Deviation (+ overspend, - underspend):", "forecast",
                   DEMO_YEAR, "deviation", " kr.");
    const kpi_row *share = find_total(figs, "forecast", DEMO_YEAR, "share");
    if (share && share->kind == KPI_VALUE_REAL)
        printf("  %-40s %+13.1f %%\n",
               "Deviation in percent of the budget:", share->real * 100.0);
    printf("\nTry: kpi export %s --month %s\n", KPI_EXAMPLE_DIR, DEMO_MONTH);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "kpi: cannot write to standard output: %s\n",
                strerror(errno));
        rc = EXIT_ENV;
    }
done:
    free(path);
    kpi_figures_free(figs);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
    return rc;
}

/* ------------------------------------------------------------------ */

typedef int (*command_fn)(const args *a);

static const struct {
    command cmd;
    command_fn run;
} commands[] = {
    {{"export", OPT_MONTH | OPT_OUTPUT, 1, print_export_help}, run_export},
    {{"check", 0, 1, print_check_help}, run_check},
    {{"demo", OPT_OUTPUT, 0, print_demo_help}, run_demo},
    {{"distribute", OPT_MONTH | OPT_OUTBOX | OPT_SEND | OPT_RESEND, 1,
      kpi_cli_distribute_help},
     run_distribute},
};

static int find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].cmd.name, name) == 0)
            return (int)i;
    return -1;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error(
            "no command given (export, check, report, distribute, demo, "
            "help)");
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_main_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        puts("kpi " KPI_VERSION);
        return EXIT_OK;
    }
    if (strcmp(name, "help") == 0) {
        if (argc == 2) {
            print_main_help(stdout);
            return EXIT_OK;
        }
        if (argc == 3 && strcmp(argv[2], "report") == 0) {
            kpi_cli_report_help(stdout);
            return EXIT_OK;
        }
        if (argc == 3 && strcmp(argv[2], "budget-template") == 0) {
            kpi_cli_budget_template_help(stdout);
            return EXIT_OK;
        }
        int c = find_command(argv[2]);
        if (c < 0 || argc > 3)
            return usage_error("no help for '%s'", argv[2]);
        commands[c].cmd.help(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "budget-template") == 0)
        return kpi_cli_budget_template(argc - 1, argv + 1);
    if (strcmp(name, "report") == 0)
        return kpi_cli_report(argc - 1, argv + 1);
    int c = find_command(name);
    if (c < 0)
        return usage_error(name[0] == '-' ? "unknown option '%s'"
                                          : "unknown command '%s'",
                           name);
    args a;
    int rc = parse_args(&commands[c].cmd, argc - 2, argv + 2, &a);
    if (rc)
        return rc;
    if (a.help) {
        commands[c].cmd.help(stdout);
        return EXIT_OK;
    }
    return commands[c].run(&a);
}
