/*
 * test_packs.c - who gets a pack and what it is called (kpi/report.h:
 * kpi_packs_list), and the recipient map a report uses (kpi_map_load).
 */
#include "kpi/report.h"

#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const kpi_month october = {2026, 10};

/* kpi.ini's two [recipient] sections, in file order, with the template's
 * pattern lis-{name}-{month}.xlsx and {name} = GROUP-KEY. */
static void test_recipients(void **state)
{
    (void)state;
    kpi_dataset *ds = NULL;
    assert_int_equal(
        kpi_dataset_load(KPI_FIXTURES "/distribute", NULL, &ds, NULL), KPI_OK);
    kpi_pack *packs = NULL;
    size_t n = 0;
    assert_int_equal(kpi_packs_list(ds, october, NULL, &packs, &n), KPI_OK);
    assert_int_equal(n, 2);
    assert_string_equal(packs[0].key, "chef");
    assert_int_equal(packs[0].group, KPI_GROUP_FAGCHEF);
    assert_string_equal(packs[0].name, "Lene Thygesen");
    assert_string_equal(packs[0].email, "lene@example.dk");
    assert_null(packs[0].team);
    assert_string_equal(packs[0].file_name, "lis-fagchef-chef-2026-10.xlsx");
    assert_string_equal(packs[1].team, "Team Øst");
    assert_null(packs[1].caseworker);
    assert_string_equal(packs[1].file_name,
                        "lis-afdelingsleder-oest-2026-10.xlsx");
    kpi_packs_free(packs, n);
    kpi_dataset_free(ds);
}

/* Without [recipient] sections: the three whole groups, then a pack per
 * team and per caseworker in the dataset's order (by bytes: "Team Vest"
 * before "Team Øst"), named by a slug
 * ("Team Øst" -> team-oest, "Bo Æbelø" -> bo-aebeloe). */
static void test_defaults(void **state)
{
    (void)state;
    /* The fixture has a budget.csv: load it as the command does. */
    kpi_dataset *ds = support_load(KPI_FIXTURES "/workbook");
    kpi_pack *packs = NULL;
    size_t n = 0;
    assert_int_equal(kpi_packs_list(ds, october, NULL, &packs, &n), KPI_OK);
    static const char *const want[] = {
        "lis-fagudvalg-2026-10.xlsx",
        "lis-direktion-2026-10.xlsx",
        "lis-fagchef-2026-10.xlsx",
        "lis-afdelingsleder-team-vest-2026-10.xlsx",
        "lis-afdelingsleder-team-oest-2026-10.xlsx",
        "lis-sagsbehandler-anne-oersted-2026-10.xlsx",
        "lis-sagsbehandler-bo-aebeloe-2026-10.xlsx",
    };
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(packs[i].file_name, want[i]);
    assert_null(packs[0].key);
    assert_null(packs[0].name);
    assert_string_equal(packs[4].key, "team-oest");
    assert_string_equal(packs[4].team, "Team Øst");
    assert_string_equal(packs[6].caseworker, "Bo Æbelø");
    assert_null(packs[6].email);
    kpi_packs_free(packs, n);
    kpi_dataset_free(ds);
}

/* Two keys that give one file name would overwrite each other's pack. */
static void test_one_file_name_twice(void **state)
{
    (void)state;
    char dir[] = "/tmp/kpi-test-packs.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/measures.csv", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("measure_id;child_id;birth_date;target_group;measure_type;"
          "provider;provider_kind;caseworker;team;start_date;end_date;"
          "monthly_cost\n"
          "M1;B1;2012-05-01;social;opholdssted;P;own;Bo;Team A;2026-01-01;;"
          "1.000,00\n",
          fp);
    fclose(fp);
    snprintf(path, sizeof path, "%s/kpi.ini", dir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("[recipient Chef]\ngroup = fagchef\n\n"
          "[recipient chef]\ngroup = fagchef\n",
          fp);
    fclose(fp);
    kpi_dataset *ds = NULL;
    assert_int_equal(kpi_dataset_load(dir, NULL, &ds, NULL), KPI_OK);
    support_heard h = {""};
    kpi_notify n = {.problem = support_hear, .ctx = &h};
    kpi_pack *packs = (kpi_pack *)&h;
    size_t count = 9;
    assert_int_equal(kpi_packs_list(ds, october, &n, &packs, &count),
                     KPI_ERR_INPUT);
    assert_null(packs);
    assert_int_equal(count, 0);
    assert_string_equal(h.text, "kpi.ini:4: [recipient chef]: its pack "
                                "would be called "
                                "'lis-fagchef-chef-2026-10.xlsx' like that "
                                "of [recipient Chef] (line 1); rename one of "
                                "them\n");
    kpi_dataset_free(ds);
    unlink(path);
    snprintf(path, sizeof path, "%s/measures.csv", dir);
    unlink(path);
    rmdir(dir);
}

/* The map: SPEC §6's default without an edited copy; a copy that is no
 * workbook is the dataset's invalid input, named by its file. */
static void test_map_load(void **state)
{
    (void)state;
    kpi_map *map = NULL;
    assert_int_equal(kpi_map_load(NULL, NULL, &map), KPI_OK);
    assert_int_equal(kpi_map_cadence(map, KPI_GROUP_FAGUDVALG),
                     KPI_CADENCE_QUARTERLY);
    kpi_map_free(map);
    assert_int_equal(kpi_map_load(KPI_FIXTURES "/workbook", NULL, &map),
                     KPI_OK);
    kpi_map_free(map);

    char dir[] = "/tmp/kpi-test-map.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/noegletal-modtagere.xlsx", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("not a workbook\n", fp);
    fclose(fp);
    support_heard h = {""};
    kpi_notify n = {.problem = support_hear, .ctx = &h};
    map = (kpi_map *)&h;
    assert_int_equal(kpi_map_load(dir, &n, &map), KPI_ERR_INPUT);
    assert_null(map);
    assert_non_null(strstr(h.text, "noegletal-modtagere.xlsx: "));
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recipients),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_one_file_name_twice),
        cmocka_unit_test(test_map_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
