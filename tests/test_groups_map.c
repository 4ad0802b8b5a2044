/* test_groups_map.c - recipient groups, cadences, detail levels and the
 * default key-figure-to-recipient map (SPEC §6). */
#include "support.h"

#include <string.h>

/* SPEC §6's default map, copied cell by cell from the table (one SPEC row
 * of several figures is one line per figure here). Columns: fagudvalg,
 * direktion, fagchef, afdelingsleder, sagsbehandler. */
static const struct {
    const char *figure;
    bool on[KPI_GROUP_COUNT];
} spec_map[] = {
    {"placed_children", {1, 1, 1, 1, 0}},
    {"new_placements", {1, 1, 1, 1, 0}},
    {"placement_duration", {1, 1, 1, 1, 0}},
    {"waiting_list", {1, 1, 1, 1, 0}},
    {"preventive_families", {1, 1, 1, 1, 0}},
    {"preventive_duration", {0, 1, 1, 1, 0}},
    {"school_absence", {1, 1, 1, 1, 0}},
    {"goal_attainment", {1, 1, 1, 1, 1}},
    {"spend", {0, 1, 1, 1, 0}},
    /* fagudvalg: issue 14 item 1 (the split on the politicians' page 1)
     * overrides SPEC §6 here; docs/DECISIONS.md, "Quarter-end pages". */
    {"recipients_price", {1, 1, 1, 1, 0}},
    {"high_cost_cases", {0, 1, 1, 1, 0}},
    {"forecast", {1, 1, 1, 1, 0}},
    {"own_vs_purchased", {1, 1, 1, 1, 0}},
    {"disposed", {0, 0, 1, 1, 1}},
    {"caseworker_spend", {0, 0, 1, 1, 1}},
    {"provider_prices", {0, 0, 1, 1, 0}},
    {"notifications", {1, 1, 1, 1, 0}},
    {"complaints", {1, 1, 1, 1, 0}},
    {"inspections", {1, 1, 1, 1, 0}},
    {"new_cases", {0, 1, 1, 1, 0}},
    {"closed_cases", {0, 1, 1, 1, 0}},
    {"management_reviews", {0, 1, 1, 1, 0}},
    {"deadlines_met", {0, 1, 1, 1, 1}},
    {"cases_per_caseworker", {0, 1, 1, 1, 1}},
    {"data_quality", {0, 0, 1, 1, 1}},
};
#define SPEC_MAP_ROWS (sizeof spec_map / sizeof spec_map[0])

static void default_map_is_spec(void **state)
{
    (void)state;
    kpi_map *map = NULL;
    assert_int_equal(kpi_map_new(NULL, &map), KPI_OK);
    for (size_t i = 0; i < SPEC_MAP_ROWS; i++)
        for (int g = 0; g < KPI_GROUP_COUNT; g++)
            if (kpi_map_get(map, spec_map[i].figure, (kpi_group)g) !=
                spec_map[i].on[g])
                fail_msg("%s for %s: expected %d", spec_map[i].figure,
                         kpi_group_code((kpi_group)g), spec_map[i].on[g]);
    /* Every catalogue figure is a row of SPEC's table, and no other. */
    assert_int_equal(kpi_catalog_figure_count(), SPEC_MAP_ROWS);
    for (size_t f = 0; f < kpi_catalog_figure_count(); f++) {
        bool found = false;
        for (size_t i = 0; i < SPEC_MAP_ROWS; i++)
            found |= strcmp(spec_map[i].figure, kpi_catalog_figure(f)->id) == 0;
        if (!found)
            fail_msg("%s is not in SPEC's map", kpi_catalog_figure(f)->id);
    }
    /* SPEC §6: fagudvalg quarterly, everyone else monthly; detail as the
     * group table says. */
    assert_int_equal(kpi_map_cadence(map, KPI_GROUP_FAGUDVALG),
                     KPI_CADENCE_QUARTERLY);
    assert_int_equal(kpi_map_detail(map, KPI_GROUP_FAGUDVALG),
                     KPI_DETAIL_BREAKDOWNS);
    assert_int_equal(kpi_map_cadence(map, KPI_GROUP_DIREKTION),
                     KPI_CADENCE_MONTHLY);
    assert_int_equal(kpi_map_detail(map, KPI_GROUP_DIREKTION),
                     KPI_DETAIL_PROVIDER_KIND);
    for (int g = KPI_GROUP_FAGCHEF; g < KPI_GROUP_COUNT; g++) {
        assert_int_equal(kpi_map_cadence(map, (kpi_group)g),
                         KPI_CADENCE_MONTHLY);
        assert_int_equal(kpi_map_detail(map, (kpi_group)g), KPI_DETAIL_ALL);
    }
    assert_false(kpi_map_get(map, "no_such_figure", KPI_GROUP_FAGCHEF));
    assert_false(kpi_map_get(map, NULL, KPI_GROUP_FAGCHEF));
    assert_false(kpi_map_get(NULL, "spend", KPI_GROUP_FAGCHEF));
    kpi_map_free(map);
    kpi_map_free(NULL);
}

static void map_set(void **state)
{
    (void)state;
    kpi_map *map = NULL;
    assert_int_equal(kpi_map_new(NULL, &map), KPI_OK);
    assert_false(kpi_map_get(map, "spend", KPI_GROUP_FAGUDVALG));
    assert_int_equal(kpi_map_set(map, "spend", KPI_GROUP_FAGUDVALG, true),
                     KPI_OK);
    assert_true(kpi_map_get(map, "spend", KPI_GROUP_FAGUDVALG));
    /* Only that cell changed. */
    assert_false(kpi_map_get(map, "spend", KPI_GROUP_SAGSBEHANDLER));
    assert_int_equal(
        kpi_map_set(map, "goal_attainment", KPI_GROUP_SAGSBEHANDLER, false),
        KPI_OK);
    assert_false(kpi_map_get(map, "goal_attainment", KPI_GROUP_SAGSBEHANDLER));
    assert_true(kpi_map_get(map, "goal_attainment", KPI_GROUP_AFDELINGSLEDER));
    assert_int_equal(kpi_map_set(map, "nope", KPI_GROUP_FAGCHEF, true),
                     KPI_ERR_ARG);
    assert_int_equal(
        kpi_map_set(map, "spend", (kpi_group)KPI_GROUP_COUNT, true),
        KPI_ERR_ARG);

    kpi_map_set_cadence(map, KPI_GROUP_DIREKTION, KPI_CADENCE_HALFYEARLY);
    assert_int_equal(kpi_map_cadence(map, KPI_GROUP_DIREKTION),
                     KPI_CADENCE_HALFYEARLY);

    /* Detail, step by step: coarser is fine, finer than SPEC §7 allows is
     * refused and leaves the map as it was. */
    static const struct {
        kpi_group g;
        kpi_detail set;
        kpi_status status;
        kpi_detail after;
    } steps[] = {
        {KPI_GROUP_FAGUDVALG, KPI_DETAIL_PROVIDER_KIND, KPI_ERR_RANGE,
         KPI_DETAIL_BREAKDOWNS},
        {KPI_GROUP_FAGUDVALG, KPI_DETAIL_ALL, KPI_ERR_RANGE,
         KPI_DETAIL_BREAKDOWNS},
        {KPI_GROUP_DIREKTION, KPI_DETAIL_ALL, KPI_ERR_RANGE,
         KPI_DETAIL_PROVIDER_KIND},
        {KPI_GROUP_FAGUDVALG, KPI_DETAIL_TOTALS, KPI_OK, KPI_DETAIL_TOTALS},
        {KPI_GROUP_FAGUDVALG, KPI_DETAIL_BREAKDOWNS, KPI_OK,
         KPI_DETAIL_BREAKDOWNS},
        {KPI_GROUP_FAGCHEF, KPI_DETAIL_PROVIDER_KIND, KPI_OK,
         KPI_DETAIL_PROVIDER_KIND},
        {KPI_GROUP_FAGCHEF, KPI_DETAIL_ALL, KPI_OK, KPI_DETAIL_ALL},
        {KPI_GROUP_SAGSBEHANDLER, KPI_DETAIL_TOTALS, KPI_OK, KPI_DETAIL_TOTALS},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        assert_int_equal(kpi_map_set_detail(map, steps[i].g, steps[i].set),
                         steps[i].status);
        assert_int_equal(kpi_map_detail(map, steps[i].g), steps[i].after);
    }
    kpi_map_free(map);
}

static void groups_and_rules(void **state)
{
    (void)state;
    static const char *const codes[] = {"fagudvalg", "direktion", "fagchef",
                                        "afdelingsleder", "sagsbehandler"};
    static const char *const names[] = {"Fagudvalg", "Direktion", "Fagchef",
                                        "Afdelingsleder", "Sagsbehandler"};
    for (int g = 0; g < KPI_GROUP_COUNT; g++) {
        assert_string_equal(kpi_group_code((kpi_group)g), codes[g]);
        assert_string_equal(kpi_group_name((kpi_group)g), names[g]);
        kpi_group out = (kpi_group)-1;
        assert_int_equal(kpi_group_parse(codes[g], &out), KPI_OK);
        assert_int_equal(out, g);
        out = (kpi_group)-1;
        assert_int_equal(kpi_group_parse(names[g], &out), KPI_OK);
        assert_int_equal(out, g);
    }
    kpi_group out;
    assert_int_equal(kpi_group_parse("FAGUDVALG", &out), KPI_OK);
    assert_int_equal(out, KPI_GROUP_FAGUDVALG);
    assert_int_equal(kpi_group_parse(" Afdelings-leder ", &out), KPI_OK);
    assert_int_equal(out, KPI_GROUP_AFDELINGSLEDER);
    assert_int_equal(kpi_group_parse("borgmester", &out), KPI_ERR_INPUT);
    assert_int_equal(kpi_group_parse("", &out), KPI_ERR_INPUT);
    assert_int_equal(kpi_group_parse(NULL, &out), KPI_ERR_INPUT);
    assert_int_equal(kpi_group_parse("fagudvalgx", &out), KPI_ERR_INPUT);
    assert_string_equal(kpi_group_code((kpi_group)KPI_GROUP_COUNT), "");

    /* SPEC §7: fagudvalg and direktion suppress; SPEC §6's detail. */
    assert_true(kpi_group_suppresses(KPI_GROUP_FAGUDVALG));
    assert_true(kpi_group_suppresses(KPI_GROUP_DIREKTION));
    assert_false(kpi_group_suppresses(KPI_GROUP_FAGCHEF));
    assert_false(kpi_group_suppresses(KPI_GROUP_AFDELINGSLEDER));
    assert_false(kpi_group_suppresses(KPI_GROUP_SAGSBEHANDLER));
    assert_int_equal(kpi_group_max_detail(KPI_GROUP_FAGUDVALG),
                     KPI_DETAIL_BREAKDOWNS);
    assert_int_equal(kpi_group_max_detail(KPI_GROUP_DIREKTION),
                     KPI_DETAIL_PROVIDER_KIND);
    assert_int_equal(kpi_group_max_detail(KPI_GROUP_FAGCHEF), KPI_DETAIL_ALL);
    assert_int_equal(kpi_group_max_detail(KPI_GROUP_AFDELINGSLEDER),
                     KPI_DETAIL_ALL);
    assert_int_equal(kpi_group_max_detail(KPI_GROUP_SAGSBEHANDLER),
                     KPI_DETAIL_ALL);
}

static void cadences_and_details(void **state)
{
    (void)state;
    static const struct {
        kpi_cadence c;
        const char *code, *name, *upper;
    } cad[] = {
        {KPI_CADENCE_MONTHLY, "monthly", "Månedlig", "MÅNEDLIG"},
        {KPI_CADENCE_QUARTERLY, "quarterly", "Kvartalsvis", "KVARTALSVIS"},
        {KPI_CADENCE_HALFYEARLY, "halfyearly", "Halvårlig", "HALVÅRLIG"},
        {KPI_CADENCE_YEARLY, "yearly", "Årlig", "årlig"},
    };
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(kpi_cadence_code(cad[i].c), cad[i].code);
        assert_string_equal(kpi_cadence_name(cad[i].c), cad[i].name);
        const char *forms[] = {cad[i].code, cad[i].name, cad[i].upper};
        for (size_t k = 0; k < 3; k++) {
            kpi_cadence out = (kpi_cadence)-1;
            assert_int_equal(kpi_cadence_parse(forms[k], &out), KPI_OK);
            assert_int_equal(out, cad[i].c);
        }
    }
    kpi_cadence c;
    assert_int_equal(kpi_cadence_parse("Half-yearly", &c), KPI_OK);
    assert_int_equal(c, KPI_CADENCE_HALFYEARLY);
    assert_int_equal(kpi_cadence_parse("ugentlig", &c), KPI_ERR_INPUT);
    /* "Arlig" without the ring is another word: not Årlig. */
    assert_int_equal(kpi_cadence_parse("Arlig", &c), KPI_ERR_INPUT);

    static const char *const dcodes[] = {"totals", "breakdowns",
                                         "provider_kind", "all"};
    for (int d = 0; d < 4; d++) {
        assert_string_equal(kpi_detail_code((kpi_detail)d), dcodes[d]);
        const char *name = kpi_detail_name((kpi_detail)d);
        assert_true(strlen(name) > 0);
        kpi_detail out = (kpi_detail)-1;
        assert_int_equal(kpi_detail_parse(dcodes[d], &out), KPI_OK);
        assert_int_equal(out, d);
        out = (kpi_detail)-1;
        assert_int_equal(kpi_detail_parse(name, &out), KPI_OK);
        assert_int_equal(out, d);
    }
    assert_string_equal(kpi_detail_name(KPI_DETAIL_TOTALS), "Kun totaler");
    static const struct {
        const char *text;
        kpi_status status;
        kpi_detail d;
    } parses[] = {
        {"KUN TOTALER", KPI_OK, KPI_DETAIL_TOTALS},
        {"Provider kind", KPI_OK, KPI_DETAIL_PROVIDER_KIND},
        {"ALL", KPI_OK, KPI_DETAIL_ALL},
        {"alt", KPI_ERR_INPUT, KPI_DETAIL_TOTALS},
        {"", KPI_ERR_INPUT, KPI_DETAIL_TOTALS},
    };
    for (size_t i = 0; i < sizeof parses / sizeof parses[0]; i++) {
        kpi_detail d = KPI_DETAIL_TOTALS;
        assert_int_equal(kpi_detail_parse(parses[i].text, &d),
                         parses[i].status);
        assert_int_equal(d, parses[i].d);
    }
}

static void cadence_due(void **state)
{
    (void)state;
    /* due[c][month-1], by SPEC §6 and kpi.h: quarters end in March, June,
     * September, December; half years in June and December. */
    static const bool due[4][12] = {
        {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
        {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1},
        {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
    };
    for (int c = 0; c < 4; c++)
        for (int m = 1; m <= 12; m++)
            if (kpi_cadence_due((kpi_cadence)c, (kpi_month){2026, m}) !=
                due[c][m - 1])
                fail_msg("cadence %s month %d",
                         kpi_cadence_code((kpi_cadence)c), m);
    assert_false(kpi_cadence_due(KPI_CADENCE_MONTHLY, (kpi_month){2026, 13}));
    assert_false(kpi_cadence_due(KPI_CADENCE_MONTHLY, (kpi_month){2026, 0}));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_map_is_spec),
        cmocka_unit_test(map_set),
        cmocka_unit_test(groups_and_rules),
        cmocka_unit_test(cadences_and_details),
        cmocka_unit_test(cadence_due),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
