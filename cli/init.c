/* init.c - `kpi init`: a proposed kpi.ini for a folder of raw exports
 * (libkpi's kpi_proposal_make), written only where there is none, then
 * the checks and what is left to decide. */
#include "cli.h"

#include "kpi/atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void cli_help_init(FILE *out)
{
    fputs("usage: kpi init DATASET\n"
          "\n"
          "Reads the files of the folder DATASET (the case system's and the\n"
          "financial system's exports, as they come) and writes\n"
          "DATASET/kpi.ini: which column is which, what each measure type\n"
          "name means, and commented sections to fill in. Each proposal\n"
          "says why in a comment; guesses are marked REVIEW. Then it runs\n"
          "the checks of 'kpi check' and lists what is left to decide.\n"
          "\n"
          "It never changes an existing kpi.ini: when there is one, it says\n"
          "so and exits with 1.\n"
          "\n"
          "Options:\n" CLI_HELP_VERBOSE
          "  -h, --help          show this help\n",
          out);
}

static void print_open(const kpi_proposal *p)
{
    size_t n = kpi_proposal_open_count(p);
    printf("\nLeft to decide (%zu):\n", n);
    for (size_t i = 0; i < n; i++)
        printf("  - %s\n", kpi_proposal_open(p, i));
}

int cli_run_init(const cli_command *c, const cli_args *a)
{
    cli_load how = {"dataset folder", true, true, c->style,
                    a->opt[OPT_VERBOSE] != NULL, 1};
    struct stat sb;
    if (cli_check_folder(a->dataset, &how))
        return CLI_EXIT_ENV;
    char *ini = kpi_file_path(a->dataset, "kpi.ini");
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    kpi_proposal *p = NULL;
    int rc = CLI_EXIT_OK;
    if (!ini || !diags) {
        rc = cli_oom();
        goto done;
    }
    if (stat(ini, &sb) == 0) {
        fprintf(stderr,
                "kpi: %s already exists; kpi init never changes it (move it "
                "away to have a new one proposed)\n",
                ini);
        rc = CLI_EXIT_INPUT;
        goto done;
    }
    /* The files' problems are the checks' below, printed once there. */
    kpi_status st = kpi_proposal_make(a->dataset, NULL, &p, diags);
    if (st != KPI_OK) {
        fprintf(stderr, "kpi: cannot read '%s': %s\n", a->dataset,
                kpi_strerror(st));
        rc = cli_exit_code(st);
        goto done;
    }
    int err = kpi_file_create_new(ini, kpi_proposal_text(p));
    if (err == EEXIST) {
        fprintf(stderr, "kpi: %s already exists; kpi init never changes it\n",
                ini);
        rc = CLI_EXIT_INPUT;
        goto done;
    }
    if (err) {
        fprintf(stderr, "kpi: cannot write '%s': %s\n", ini, strerror(err));
        rc = CLI_EXIT_ENV;
        goto done;
    }
    printf("Wrote %s: a proposal; the lines marked REVIEW are guesses.\n\n"
           "The checks with it:\n",
           ini);
    fflush(stdout);
    kpi_diagnostics_free(diags);
    diags = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = NULL;
    int check =
        diags ? cli_load_dataset(a->dataset, &how, diags, &ds) : CLI_EXIT_ENV;
    size_t errors = kpi_diagnostics_error_count(diags);
    if (check == CLI_EXIT_OK)
        printf("  no errors: kpi export and kpi report can run\n");
    else
        printf("  %zu %s (above): kpi export and kpi report stop until they "
               "are fixed\n",
               errors, cli_plural(errors, "error", "errors"));
    kpi_dataset_free(ds);
    print_open(p);
done:
    kpi_proposal_free(p);
    kpi_diagnostics_free(diags);
    free(ini);
    return rc;
}
