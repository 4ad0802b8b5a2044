/* print.c - printing what the libraries report (cli.h). */
#include "cli.h"

static void print_problem(void *ctx, const kpi_diagnostic *d)
{
    (void)ctx;
    kpi_diagnostic x = *d;
    if (!*x.file)
        x.file = "kpi"; /* the command speaks for the library */
    kpi_diagnostic_print(&x, stderr);
}

static void print_wrote(void *ctx, const char *path)
{
    (void)ctx;
    printf("%s\n", path);
}

kpi_notify cli_notify(void)
{
    kpi_notify n = {print_problem, print_wrote, NULL};
    return n;
}

const char *cli_plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}
