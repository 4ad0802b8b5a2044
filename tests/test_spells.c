/* test_spells.c - chaining placements into spells (SPEC §4). */
#include "support.h"
#include "rules/spells.h"

#include <stdlib.h>

typedef struct built {
    kpi_dataset *ds;
    kpi_spells sp;
} built;

static void build(built *b)
{
    assert_int_equal(kpi_spells_build(b->ds, NULL, &b->sp), KPI_OK);
}

static void done(built *b)
{
    kpi_spells_free(NULL, &b->sp);
    kpi_dataset_free(b->ds);
}

/* The spell of child `child` starting on `start`, or NULL. */
static const kpi_spell *find_spell(const built *b, const char *child,
                                   const char *start)
{
    for (size_t i = 0; i < b->sp.count; i++) {
        const kpi_spell *s = &b->sp.items[i];
        if (strcmp(kpi_symtab_str(b->ds->syms, s->child), child) == 0 &&
            s->start == D(start))
            return s;
    }
    return NULL;
}

static const char *measure_id(const built *b, size_t index)
{
    return kpi_symtab_str(b->ds->ids, b->ds->measures.items[index].id);
}

/* Back to back: A ends 2026-03-31, B starts 2026-04-01, the next day, so
 * they chain; C (another child) ends 03-31 and D starts 04-02, a day's
 * gap, so C and D are two spells. 3 spells in all. */
static void test_chain_and_gap(void **state)
{
    (void)state;
    built b = {support_dataset(), {0}};
    support_add_measure(b.ds, &(support_measure){.id = "A",
                                                 .child = "K1",
                                                 .type = "almen_plejefamilie",
                                                 .start = "2026-01-01",
                                                 .end = "2026-03-31",
                                                 .price = "100"});
    support_add_measure(b.ds, &(support_measure){.id = "B",
                                                 .child = "K1",
                                                 .type = "almen_plejefamilie",
                                                 .start = "2026-04-01",
                                                 .end = "2026-06-30",
                                                 .price = "100"});
    support_add_measure(b.ds, &(support_measure){.id = "D",
                                                 .child = "K2",
                                                 .type = "opholdssted",
                                                 .start = "2026-04-02",
                                                 .price = "100"});
    support_add_measure(b.ds, &(support_measure){.id = "C",
                                                 .child = "K2",
                                                 .type = "opholdssted",
                                                 .start = "2026-01-01",
                                                 .end = "2026-03-31",
                                                 .price = "100"});
    build(&b);
    assert_int_equal(b.sp.count, 3);

    const kpi_spell *s = find_spell(&b, "K1", "2026-01-01");
    assert_non_null(s);
    assert_int_equal(s->end, D("2026-06-30"));
    assert_int_equal(s->n_measures, 2);
    assert_string_equal(measure_id(&b, s->first), "A");

    s = find_spell(&b, "K2", "2026-01-01");
    assert_non_null(s);
    assert_int_equal(s->end, D("2026-03-31"));
    assert_string_equal(measure_id(&b, s->first), "C");
    s = find_spell(&b, "K2", "2026-04-02");
    assert_non_null(s);
    assert_int_equal(s->end, KPI_DATE_NONE); /* open end, open spell */
    assert_string_equal(measure_id(&b, s->first), "D");
    done(&b);
}

/* Overlaps chain on the latest end so far, not the previous measure's:
 * A 01-01..06-30, B 03-01..04-30 (inside A), C 07-01..open. C starts the
 * day after A's end (06-30 + 1), so all three are one spell although C
 * starts two months after B's end. Open because C is. */
static void test_overlap_uses_latest_end(void **state)
{
    (void)state;
    built b = {support_dataset(), {0}};
    support_add_measure(b.ds, &(support_measure){.id = "A",
                                                 .child = "K1",
                                                 .type = "doegninstitution",
                                                 .start = "2026-01-01",
                                                 .end = "2026-06-30",
                                                 .price = "1"});
    support_add_measure(b.ds, &(support_measure){.id = "B",
                                                 .child = "K1",
                                                 .type = "doegninstitution",
                                                 .start = "2026-03-01",
                                                 .end = "2026-04-30",
                                                 .price = "1"});
    support_add_measure(b.ds, &(support_measure){.id = "C",
                                                 .child = "K1",
                                                 .type = "doegninstitution",
                                                 .start = "2026-07-01",
                                                 .price = "1"});
    build(&b);
    assert_int_equal(b.sp.count, 1);
    assert_int_equal(b.sp.items[0].start, D("2026-01-01"));
    assert_int_equal(b.sp.items[0].end, KPI_DATE_NONE);
    assert_int_equal(b.sp.items[0].n_measures, 3);
    done(&b);
}

/* An open measure keeps the spell open: a later measure with an end
 * chains into it and the spell stays open. */
static void test_open_end_absorbs_later(void **state)
{
    (void)state;
    built b = {support_dataset(), {0}};
    support_add_measure(b.ds, &(support_measure){.child = "K1",
                                                 .type = "opholdssted",
                                                 .start = "2025-01-01",
                                                 .price = "1"});
    support_add_measure(b.ds, &(support_measure){.child = "K1",
                                                 .type = "opholdssted",
                                                 .start = "2026-05-01",
                                                 .end = "2026-05-31",
                                                 .price = "1"});
    build(&b);
    assert_int_equal(b.sp.count, 1);
    assert_int_equal(b.sp.items[0].end, KPI_DATE_NONE);
    done(&b);
}

/* Changes: A at P1 (01-01..03-31), B at P2 from 04-01 is a change; C at
 * P2 from 07-01 (B ended 06-30) is not (same provider as B); E at P1 from
 * 09-01 is a change back. F has no provider: we cannot tell, no change.
 * Two changes: B and E. */
static void test_changes_of_provider(void **state)
{
    (void)state;
    built b = {support_dataset(), {0}};
    support_add_measure(b.ds, &(support_measure){.id = "A",
                                                 .child = "K1",
                                                 .type = "almen_plejefamilie",
                                                 .provider = "P1",
                                                 .start = "2026-01-01",
                                                 .end = "2026-03-31",
                                                 .price = "1"});
    support_add_measure(b.ds, &(support_measure){.id = "B",
                                                 .child = "K1",
                                                 .type = "opholdssted",
                                                 .provider = "P2",
                                                 .start = "2026-04-01",
                                                 .end = "2026-06-30",
                                                 .price = "1"});
    support_add_measure(b.ds, &(support_measure){.id = "C",
                                                 .child = "K1",
                                                 .type = "opholdssted",
                                                 .provider = "P2",
                                                 .start = "2026-07-01",
                                                 .end = "2026-08-31",
                                                 .price = "1"});
    support_add_measure(b.ds, &(support_measure){.id = "E",
                                                 .child = "K1",
                                                 .type = "almen_plejefamilie",
                                                 .provider = "P1",
                                                 .start = "2026-09-01",
                                                 .end = "2026-09-30",
                                                 .price = "1"});
    support_add_measure(b.ds, &(support_measure){.id = "F",
                                                 .child = "K1",
                                                 .type = "almen_plejefamilie",
                                                 .start = "2026-10-01",
                                                 .price = "1"});
    build(&b);
    assert_int_equal(b.sp.count, 1);
    assert_int_equal(b.sp.items[0].n_changes, 2);
    assert_int_equal(b.sp.n_changes, 2);
    assert_string_equal(measure_id(&b, b.sp.changes[0]), "B");
    assert_string_equal(measure_id(&b, b.sp.changes[1]), "E");
    done(&b);
}

/* A cancelled grant (end = start - 1) and preventive measures are no part
 * of any spell: only the one real placement makes a spell. Without the
 * exclusion the cancelled grant 2026-05-01..2026-04-30 would start a
 * second spell, and the preventive measure would add a third child. */
static void test_cancelled_and_preventive_ignored(void **state)
{
    (void)state;
    built b = {support_dataset(), {0}};
    support_add_measure(b.ds, &(support_measure){.child = "K1",
                                                 .type = "opholdssted",
                                                 .start = "2026-01-01",
                                                 .end = "2026-01-31",
                                                 .price = "1"});
    support_add_measure(b.ds, &(support_measure){.child = "K1",
                                                 .type = "opholdssted",
                                                 .start = "2026-05-01",
                                                 .end = "2026-04-30",
                                                 .price = "1"});
    support_add_measure(b.ds, &(support_measure){.child = "K2",
                                                 .type = "kontaktperson",
                                                 .start = "2026-01-01",
                                                 .price = "1"});
    build(&b);
    assert_int_equal(b.sp.count, 1);
    assert_int_equal(b.sp.n_order, 1);
    assert_int_equal(b.sp.items[0].end, D("2026-01-31"));
    done(&b);
}

static void test_empty(void **state)
{
    (void)state;
    built b = {support_dataset(), {0}};
    build(&b);
    assert_int_equal(b.sp.count, 0);
    assert_int_equal(b.sp.n_changes, 0);
    done(&b);
    kpi_spells_free(NULL, NULL); /* must do nothing */
}

/* Every allocation that fails gives KPI_ERR_NOMEM and an empty result
 * (ASan's leak check catches what a half-built result would leave). */
static void test_out_of_memory(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    support_add_measure(ds, &(support_measure){.child = "K1",
                                               .type = "opholdssted",
                                               .start = "2026-01-01",
                                               .price = "1"});
    bool succeeded = false;
    for (int n = 0; n < 20 && !succeeded; n++) {
        /* n allocations succeed, then every one fails */
        support_failing f = {.fail = n + 1, .from = true};
        kpi_allocator a = support_failing_allocator(&f);
        kpi_spells sp;
        kpi_status st = kpi_spells_build(ds, &a, &sp);
        if (st == KPI_OK) {
            assert_int_equal(sp.count, 1);
            kpi_spells_free(&a, &sp);
            succeeded = true;
        } else {
            assert_int_equal(st, KPI_ERR_NOMEM);
            assert_null(sp.items);
            assert_int_equal(sp.count, 0);
        }
    }
    assert_true(succeeded);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chain_and_gap),
        cmocka_unit_test(test_overlap_uses_latest_end),
        cmocka_unit_test(test_open_end_absorbs_later),
        cmocka_unit_test(test_changes_of_provider),
        cmocka_unit_test(test_cancelled_and_preventive_ignored),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
