/*
 * test_distribute.c - the distribution library's own logic
 * (kpi/distribute.h): which packs are due by cadence and month, and the
 * Danish text of a mail, on the small dataset tests/fixtures/distribute
 * (three measures, a fagchef and the leader of Team Øst).
 */
#include "kpi/distribute.h"

#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_due_by_cadence(void **state)
{
    (void)state;
    kpi_map *map = NULL;
    assert_int_equal(kpi_map_new(NULL, &map), KPI_OK);
    kpi_map_set_cadence(map, KPI_GROUP_FAGUDVALG, KPI_CADENCE_QUARTERLY);
    kpi_map_set_cadence(map, KPI_GROUP_DIREKTION, KPI_CADENCE_HALFYEARLY);
    kpi_map_set_cadence(map, KPI_GROUP_FAGCHEF, KPI_CADENCE_YEARLY);
    kpi_map_set_cadence(map, KPI_GROUP_AFDELINGSLEDER, KPI_CADENCE_MONTHLY);
    kpi_pack packs[] = {
        {.key = "udvalg", .group = KPI_GROUP_FAGUDVALG},
        {.key = "direktion", .group = KPI_GROUP_DIREKTION},
        {.key = "chef", .group = KPI_GROUP_FAGCHEF},
        {.key = "oest", .group = KPI_GROUP_AFDELINGSLEDER},
    };
    const kpi_pack *due[4];
    /* Per month, which of the four are due: quarters end in March, June,
     * September, December; half years in June and December; the year in
     * December; monthly every month. As bits: udvalg 1, direktion 2, chef
     * 4, oest 8. */
    static const unsigned want[13] = {0, 8, 8, 9, 8, 8, 11, 8, 8, 9, 8, 8, 15};
    for (int month = 1; month <= 12; month++) {
        kpi_month m = {2026, month};
        size_t n = kpi_packs_due(map, packs, 4, m, NULL, due);
        unsigned got = 0;
        for (size_t i = 0; i < n; i++)
            got |= 1u << (due[i] - packs);
        assert_int_equal(got, want[month]);
        /* In the packs' order. */
        for (size_t i = 1; i < n; i++)
            assert_true(due[i - 1] < due[i]);
    }
    /* Each pack left out is a note: the month the group skips. */
    support_heard h = {""};
    kpi_notify n = {.problem = support_hear, .ctx = &h};
    assert_int_equal(
        kpi_packs_due(map, packs, 4, (kpi_month){2026, 10}, &n, due), 1);
    assert_string_equal(h.text,
                        ": [recipient udvalg]: fagudvalg gets its pack "
                        "quarterly; none for 2026-10\n"
                        ": [recipient direktion]: direktion gets its pack "
                        "halfyearly; none for 2026-10\n"
                        ": [recipient chef]: fagchef gets its pack yearly; "
                        "none for 2026-10\n");
    kpi_map_free(map);
}

/* The fixture loaded and computed for October 2026, its packs listed. */
typedef struct fixture {
    kpi_dataset *ds;
    kpi_figures *figs;
    kpi_map *map;
    kpi_pack *packs;
    size_t n;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    kpi_month m = {2026, 10};
    if (!f ||
        kpi_dataset_load(KPI_FIXTURES "/distribute", NULL, &f->ds, NULL) !=
            KPI_OK ||
        kpi_figures_compute(f->ds, m, NULL, &f->figs) != KPI_OK ||
        kpi_map_new(NULL, &f->map) != KPI_OK ||
        kpi_packs_list(f->ds, m, NULL, &f->packs, &f->n) != KPI_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    kpi_packs_free(f->packs, f->n);
    kpi_map_free(f->map);
    kpi_figures_free(f->figs);
    kpi_dataset_free(f->ds);
    free(f);
    return 0;
}

static void mail_of(const fixture *f, size_t i, char **subject, char **body)
{
    kpi_pack_source src = {.dataset = f->ds, .figures = f->figs,
                           .map = f->map, .month = {2026, 10}};
    kpi_pack_view v;
    assert_int_equal(kpi_pack_view_open(&src, &f->packs[i], &v), KPI_OK);
    assert_int_equal(kpi_mail_text(&v, subject, body), KPI_OK);
    kpi_pack_view_close(&v);
}

/* The fagchef sees the whole dataset, every figure of SPEC §6's map:
 *   M1 almen_plejefamilie (a placement) 2025-07-01.., 10.000 kr./month
 *   M2 opholdssted (a placement) 2026-03-01..2026-08-31, 30.000 kr./month
 *   M3 familiebehandling (preventive) 2026-01-01.., 5.000 kr./month
 * Placed on 31-10-2026: M1 only, 1 (>= red 1 in kpi.ini: red). New
 * placements January-October: M2, 1. The ended placement M2 lasted
 * 31+30+31+30+31+31 = 184 days. Families with preventive measures: M3's,
 * 1. Disposed for 2026: 12 x 10.000 + 6 x 30.000 + 12 x 5.000 = 360.000;
 * January-October: 10 x 10.000 + 180.000 + 10 x 5.000 = 330.000.
 * Full-year recipients: M1 1 + M2 184/365 (0,504) + M3 1 = 2,5. The most
 * expensive case (high_cost, SPEC §5) is M2's 180.000. No registration
 * problems. */
static void test_mail_text_fagchef(void **state)
{
    const fixture *f = *state;
    assert_int_equal(f->n, 2);
    assert_string_equal(f->packs[0].file_name, "lis-fagchef-chef-2026-10.xlsx");
    char *subject, *body;
    mail_of(f, 0, &subject, &body);
    assert_string_equal(
        subject, "Ledelsesinformation oktober 2026 \xE2\x80\x93 Fagchef");
    assert_string_equal(
        body, "Kære Lene Thygesen\n"
              "\n"
              "Her er ledelsesinformationen for oktober 2026. Projektmappen "
              "lis-fagchef-chef-2026-10.xlsx er vedhæftet med alle dine "
              "nøgletal og deres opdelinger.\n"
              "\n"
              "Hovedtal\n"
              "- Anbragte børn pr. 31-10-2026: 1\n"
              "- Nyanbringelser januar\xE2\x80\x93oktober 2026: 1\n"
              "- Gns. varighed af ophørte anbringelser "
              "januar\xE2\x80\x93oktober 2026: 184,0 dage\n"
              "- Familier med forebyggende foranstaltninger pr. 31-10-2026: "
              "1\n"
              "- Disponeret for hele 2026: 360.000 kr.\n"
              "- Helårspersoner 2026 (prognose, forskellige børn): 2,5\n"
              "- Udgift til særligt dyre enkeltsager 2026: 180.000 kr.\n"
              "- Disponeret januar\xE2\x80\x93oktober 2026: 330.000 kr.\n"
              "- Registreringsproblemer pr. 31-10-2026: 0\n"
              "\n"
              "Røde lamper\n"
              "- Anbragte børn pr. 31-10-2026: 1 (rød)\n"
              "\n"
              "Med venlig hilsen\n"
              "Testrup Kommune\n"
              "\n"
              "-- \n"
              "Denne mail er dannet automatisk af kpi. Spørgsmål til tallene "
              "rettes til\n"
              "økonomi- eller fagafdelingen.\n");
    free(subject);
    free(body);
}

/* Team Øst's leader sees only M1 and M3 (Team Øst's): 1 placed, no new
 * placement, disposed 120.000 + 60.000 = 180.000 for 2026 and 100.000 +
 * 50.000 = 150.000 for January-October. The subset has no target
 * statuses (kpi.ini's targets are the whole municipality's), so no red
 * light. */
static void test_mail_text_team(void **state)
{
    const fixture *f = *state;
    char *subject, *body;
    mail_of(f, 1, &subject, &body);
    assert_string_equal(subject, "Ledelsesinformation oktober 2026 "
                                 "\xE2\x80\x93 Team Øst");
    assert_non_null(strstr(body, "Kære Åse Møller\n\nHer er "
                                 "ledelsesinformationen for oktober 2026 for "
                                 "Team Øst. "));
    assert_non_null(strstr(body, "- Anbragte børn pr. 31-10-2026: 1\n"));
    assert_non_null(strstr(body, "- Nyanbringelser januar\xE2\x80\x93oktober "
                                 "2026: 0\n"));
    assert_non_null(strstr(body, "- Disponeret for hele 2026: 180.000 kr.\n"));
    assert_non_null(strstr(body, "- Disponeret januar\xE2\x80\x93oktober "
                                 "2026: 150.000 kr.\n"));
    assert_non_null(strstr(body, "\nRøde lamper\n- Ingen af dine nøgletal er "
                                 "røde.\n"));
    assert_null(strstr(body, "<5")); /* an afdelingsleder sees counts */
    free(subject);
    free(body);
}

static void test_mail_text_arguments(void **state)
{
    (void)state;
    char *subject = (char *)"x", *body = (char *)"x";
    kpi_pack_view v;
    memset(&v, 0, sizeof v);
    assert_int_equal(kpi_mail_text(&v, &subject, &body), KPI_ERR_ARG);
    assert_null(subject);
    assert_null(body);
    assert_int_equal(kpi_mail_text(NULL, NULL, &body), KPI_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_due_by_cadence),
        cmocka_unit_test(test_mail_text_fagchef),
        cmocka_unit_test(test_mail_text_team),
        cmocka_unit_test(test_mail_text_arguments),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
