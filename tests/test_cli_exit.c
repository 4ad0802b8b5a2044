/*
 * test_cli_exit.c - the kpi command's one table from kpi_status to the
 * exit status of SPEC §8 (cli/exit.c): every status of kpi.h, and the
 * numbers README and --help promise (0 success, 1 invalid input, 2 usage,
 * 3 I/O or environment, 75 a temporary failure of kpi distribute).
 */
#include "cli.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void test_numbers(void **state)
{
    (void)state;
    assert_int_equal(CLI_EXIT_OK, 0);
    assert_int_equal(CLI_EXIT_INPUT, 1);
    assert_int_equal(CLI_EXIT_USAGE, 2);
    assert_int_equal(CLI_EXIT_ENV, 3);
    assert_int_equal(CLI_EXIT_TEMPFAIL, 75); /* sysexits' EX_TEMPFAIL */
}

static void test_every_status(void **state)
{
    (void)state;
    /* Every kpi_status of kpi.h, in its order; a new one fails the build
     * of cli/exit.c (a switch without default) and belongs here too. */
    static const struct {
        kpi_status st;
        int exit;
    } table[] = {
        {KPI_OK, CLI_EXIT_OK},
        {KPI_ERR_NOMEM, CLI_EXIT_ENV},
        {KPI_ERR_INPUT, CLI_EXIT_INPUT},
        {KPI_ERR_IO, CLI_EXIT_ENV},
        {KPI_ERR_ARG, CLI_EXIT_ENV},
        {KPI_ERR_RANGE, CLI_EXIT_INPUT},
        {KPI_ERR_NOT_AVAILABLE, CLI_EXIT_ENV},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        assert_int_equal((int)table[i].st, (int)i); /* none left out */
        assert_int_equal(cli_exit_code(table[i].st), table[i].exit);
    }
    /* A status from a newer library than this command: an error of the
     * environment, never success. */
    assert_int_equal(cli_exit_code((kpi_status)99), CLI_EXIT_ENV);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_every_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
