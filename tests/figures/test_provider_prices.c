/* test_provider_prices.c - the key figure provider_prices (SPEC §5) on small
 * datasets whose numbers are worked out by hand below. */
#include "support.h"
#include "fixtures.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define PP "provider_prices"

/* ---- provider_prices -------------------------------------------------- */

static void add_priced(kpi_dataset *ds, const char *type, const char *provider,
                       const char *start, const char *end, const char *price,
                       const char *unit)
{
    support_measure m = {0};
    m.type = type;
    m.provider = provider;
    m.start = start;
    m.end = end;
    m.price = price;
    m.unit = unit;
    support_add_measure(ds, &m);
}

/* D = 2026-10-31. Monthly prices: a day price × 30, a week price × 30/7,
 * a year price / 12.
 * opholdssted:
 *   Solgården: 1.500 a day -> 45.000; 51.000 a month -> mean 48.000 (2)
 *   Birkely: 60.000 a month (1)
 *   Åbo: 7.000 a week -> 7.000 × 30/7 = 30.000 (1)
 *   type mean (45.000 + 51.000 + 60.000 + 30.000)/4 = 46.500;
 *   providers' means 48.000, 60.000, 30.000 -> min 30.000, max 60.000,
 *   count 3. Bytewise: "Birkely" < "Solgården" < "Åbo" (0xC3 > 'S').
 * kontaktperson: "KP ApS" 120.000 a year -> 10.000 (1).
 * Left out: no provider; ended 2026-10-30; starting 2026-11-01; cancelled. */
static void test_provider_prices(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_priced(ds, "opholdssted", "Solgården", "2026-01-01", NULL, "1.500",
               "day");
    add_priced(ds, "opholdssted", "Solgården", "2025-06-01", "2026-10-31",
               "51.000", NULL);
    add_priced(ds, "opholdssted", "Birkely", "2026-10-31", NULL, "60.000",
               NULL);
    add_priced(ds, "opholdssted", "Åbo", "2026-02-01", NULL, "7.000", "week");
    add_priced(ds, "kontaktperson", "KP ApS", "2026-01-01", NULL, "120.000",
               "year");
    add_priced(ds, "opholdssted", NULL, "2026-01-01", NULL, "1.000", NULL);
    add_priced(ds, "opholdssted", "Birkely", "2026-01-01", "2026-10-30",
               "1.000", NULL);
    add_priced(ds, "opholdssted", "Birkely", "2026-11-01", NULL, "1.000", NULL);
    add_priced(ds, "opholdssted", "Birkely", "2026-10-01", "2026-09-30",
               "1.000", NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *d = "2026-10-31", *oph = "measure_type=opholdssted";
    assert_int_equal(row_money(f, PP, d, oph, "mean"), 4650000);
    assert_int_equal(row_money(f, PP, d, oph, "min"), 3000000);
    assert_int_equal(row_money(f, PP, d, oph, "max"), 6000000);
    assert_int_equal(row_count(f, PP, d, oph, "count"), 3);
    assert_int_equal(row_money(f, PP, d,
                               "measure_type=opholdssted,provider=Solgården",
                               "mean"),
                     4800000);
    assert_int_equal(row_count(f, PP, d,
                               "measure_type=opholdssted,provider=Solgården",
                               "count"),
                     2);
    assert_int_equal(
        row_money(f, PP, d, "measure_type=opholdssted,provider=Åbo", "mean"),
        3000000);
    assert_int_equal(row_money(f, PP, d, "measure_type=kontaktperson", "mean"),
                     1000000);
    static const char *const order[] = {
        "measure_type=kontaktperson;mean",
        "measure_type=kontaktperson;min",
        "measure_type=kontaktperson;max",
        "measure_type=kontaktperson;count",
        "measure_type=kontaktperson,provider=KP ApS;mean",
        "measure_type=kontaktperson,provider=KP ApS;count",
        "measure_type=opholdssted;mean",
        "measure_type=opholdssted;min",
        "measure_type=opholdssted;max",
        "measure_type=opholdssted;count",
        "measure_type=opholdssted,provider=Birkely;mean",
        "measure_type=opholdssted,provider=Birkely;count",
        "measure_type=opholdssted,provider=Solgården;mean",
        "measure_type=opholdssted,provider=Solgården;count",
        "measure_type=opholdssted,provider=Åbo;mean",
        "measure_type=opholdssted,provider=Åbo;count",
    };
    assert_order(f, PP, d, order, sizeof order / sizeof order[0]);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_provider_prices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
