/*
 * expect.c - prints what libkpi itself answers for one Calc function call,
 * so tests/e2e/bridge_calc.sh can compare each cell of the sheet with it.
 *
 * usage:
 *   kpi_bridge_expect disposed START END|- PRICE UNIT YEAR   kroner, 2 decimals
 *   kpi_bridge_expect fullyear FROM TO START:END[=CHILD] ...  10 decimals
 *     (END may be -, open; with =CHILD on every range, the ranges of one
 *     child are merged: kpi_full_year_persons)
 *   kpi_bridge_expect quantity N NB PB                       kroner
 *   kpi_bridge_expect price P PB N                           kroner
 *   kpi_bridge_expect reimbursement COST                     kroner
 *     (COST one household's net cost in one month: the monthly reckoning)
 *   kpi_bridge_expect age BIRTH DATE                         whole years
 * Dates are YYYY-MM-DD; amounts are kroner as kpi reads them ("10250",
 * "1234.50"). Exit status 2 on bad arguments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi.h"

static int usage(void)
{
    fputs("usage: kpi_bridge_expect "
          "disposed|fullyear|quantity|price|reimbursement|age ARGS\n",
          stderr);
    return 2;
}

static int date_arg(const char *text, kpi_date *out)
{
    if (strcmp(text, "-") == 0) {
        *out = KPI_DATE_NONE;
        return 1;
    }
    return kpi_date_parse(text, (size_t)-1, out) == KPI_OK;
}

static int money_arg(const char *text, kpi_money *out)
{
    return kpi_money_parse(text, (size_t)-1, out) == KPI_OK;
}

static int real_arg(const char *text, double *out)
{
    char *end;
    *out = strtod(text, &end);
    return *text != '\0' && *end == '\0';
}

static void print_money(kpi_money amount)
{
    char buf[32];
    kpi_money_format(amount, buf);
    puts(buf);
}

static int run_fullyear(int argc, char **argv)
{
    kpi_date from, to;
    if (argc < 4 || !date_arg(argv[2], &from) || !date_arg(argv[3], &to))
        return usage();
    size_t n = (size_t)(argc - 4);
    kpi_date *starts = calloc(n + 1, sizeof *starts);
    kpi_date *ends = calloc(n + 1, sizeof *ends);
    const char **children = calloc(n + 1, sizeof *children);
    size_t n_children = 0;
    int status = 0;
    if (!starts || !ends || !children) {
        status = 3;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        char start[32], end[32];
        const char *arg = argv[4 + i];
        const char *colon = strchr(arg, ':');
        const char *equals = colon ? strchr(colon, '=') : NULL;
        size_t len = colon ? (size_t)(colon - arg) : 0;
        size_t end_len = equals ? (size_t)(equals - colon - 1)
                                : (colon ? strlen(colon + 1) : 0);
        if (!colon || len >= sizeof start || end_len >= sizeof end) {
            status = usage();
            goto done;
        }
        memcpy(start, arg, len);
        start[len] = '\0';
        memcpy(end, colon + 1, end_len);
        end[end_len] = '\0';
        if (equals)
            children[n_children++] = equals + 1;
        if (!date_arg(start, &starts[i]) || !date_arg(end, &ends[i])) {
            status = usage();
            goto done;
        }
    }
    if (n_children != 0 && n_children != n) {
        status = usage();
        goto done;
    }
    double out;
    if (kpi_full_year_persons(starts, ends, n_children ? children : NULL, n,
                              from, to, &out) != KPI_OK) {
        puts("error");
        goto done;
    }
    printf("%.10f\n", out);
done:
    free(starts);
    free(ends);
    free(children);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const char *what = argv[1];
    if (strcmp(what, "disposed") == 0 && argc == 7) {
        kpi_date start, end;
        kpi_money price;
        kpi_unit unit;
        if (!date_arg(argv[2], &start) || !date_arg(argv[3], &end) ||
            !money_arg(argv[4], &price) ||
            kpi_unit_parse(argv[5], &unit) != KPI_OK)
            return usage();
        print_money(
            kpi_measure_year_amount(price, unit, start, end, atoi(argv[6])));
        return 0;
    }
    if (strcmp(what, "fullyear") == 0)
        return run_fullyear(argc, argv);
    if (strcmp(what, "quantity") == 0 && argc == 5) {
        double n, nb;
        kpi_money pb;
        if (!real_arg(argv[2], &n) || !real_arg(argv[3], &nb) ||
            !money_arg(argv[4], &pb))
            return usage();
        print_money(kpi_quantity_effect(n, nb, pb));
        return 0;
    }
    if (strcmp(what, "price") == 0 && argc == 5) {
        kpi_money p, pb;
        double n;
        if (!money_arg(argv[2], &p) || !money_arg(argv[3], &pb) ||
            !real_arg(argv[4], &n))
            return usage();
        print_money(kpi_price_effect(p, pb, n));
        return 0;
    }
    if (strcmp(what, "reimbursement") == 0 && argc == 3) {
        kpi_money cost;
        if (!money_arg(argv[2], &cost))
            return usage();
        print_money(kpi_reimbursement_month(cost, NULL));
        return 0;
    }
    if (strcmp(what, "age") == 0 && argc == 4) {
        kpi_date birth, on;
        if (!date_arg(argv[2], &birth) || !date_arg(argv[3], &on))
            return usage();
        printf("%d\n", kpi_date_age(birth, on));
        return 0;
    }
    return usage();
}
