/* test_subset.c - the part of a dataset a team leader or a caseworker may
 * see (kpi_dataset_subset), and the lists of teams and caseworkers. */
#include "support.h"

#include <string.h>

#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

static kpi_sym S(kpi_dataset *ds, const char *s)
{
    kpi_sym out;
    assert_int_equal(kpi_symtab_intern(ds->syms, s, strlen(s), &out, NULL),
                     KPI_OK);
    return out;
}

static void add_case(kpi_dataset *ds, const char *id, const char *child,
                     const char *caseworker, const char *team,
                     const char *opened)
{
    kpi_case *c = KPI_ARRAY_PUSH(ds->alloc, &ds->cases);
    assert_non_null(c);
    ds->present[KPI_FILE_CASES] = true;
    *c = (kpi_case){
        S(ds, id),     S(ds, child),      S(ds, caseworker),
        S(ds, team),   D("2012-06-15"),   D(opened),
        KPI_DATE_NONE, KPI_TARGET_SOCIAL, (uint32_t)ds->cases.count + 1};
}

/*
 * The fixture, report month 2026-10 (D = 2026-10-31). Every child is born
 * 2012-06-15 (14 on D), target group social.
 *
 * measures.csv (line = row + 1):
 *   line 2 M1 B1 team Øst  SB1 almen_plejefamilie at P1 from 2026-01-01
 *   line 3 M2 B2 team Øst  SB2 opholdssted at P2 from 2026-05-01
 *   line 4 M3 B3 team Vest SB3 doegninstitution at P3 from 2026-02-01
 *   line 5 M4 B4 team Vest SB3 familiebehandling (preventive) from 03-01
 *   line 6 M5 B1 team Øst  SB1 kontaktperson (preventive) from 06-01
 *   line 7 M6 B5 no team   SB2 stoette_i_hjemmet from 2026-01-01
 *   line 8 M7 B6 team Øst  SB1 opholdssted 2026-10-10..2026-10-09:
 *          cancelled, with its warning
 *   warnings: measures.csv line 8 (M7; named by its path,
 *   /data/2026-10/measures.csv, as the loader names it) and line 4 (M3).
 * cases.csv:
 *   K1 B1 SB1 Øst; K2 B3 SB3 Vest; K3 B7 SB2 Øst (a case without a
 *   measure: B7 is Øst's through it); K4 B4 SB3 Vest; K5 B8 SB10 Nord.
 * notifications (all in October): N1 B1, N2 B3, N3 without child, N4 B7.
 * deadlines: K1, K2, K3, K3. complaints: C1 on K1, C2 on K2 (both
 * decided in October). reviews: R1 on K3, R2 on K2 (October).
 * inspections (October): P1, P3, P9 (a provider nobody uses).
 * waitlist: B1 and B9 (nobody's), both listed 2026-09-01, waiting.
 * outcomes: school_absence of B2 and of B3.
 * postings 2026-03 expense: 1.000 kr. child B1, 2.000 kr. child B3,
 * 4.000 kr. without child. budget: one line.
 */
static kpi_dataset *fixture(void)
{
    kpi_dataset *ds = support_dataset();
    P(.id = "M1", .child = "B1", .team = "Øst", .caseworker = "SB1",
      .type = "almen_plejefamilie", .provider = "P1", .start = "2026-01-01",
      .price = "30.000");
    P(.id = "M2", .child = "B2", .team = "Øst", .caseworker = "SB2",
      .type = "opholdssted", .provider = "P2", .start = "2026-05-01",
      .price = "50.000");
    P(.id = "M3", .child = "B3", .team = "Vest", .caseworker = "SB3",
      .type = "doegninstitution", .provider = "P3", .start = "2026-02-01",
      .price = "60.000");
    P(.id = "M4", .child = "B4", .team = "Vest", .caseworker = "SB3",
      .type = "familiebehandling", .start = "2026-03-01", .price = "5.000");
    P(.id = "M5", .child = "B1", .team = "Øst", .caseworker = "SB1",
      .type = "kontaktperson", .start = "2026-06-01", .price = "3.000");
    P(.id = "M6", .child = "B5", .caseworker = "SB2",
      .type = "stoette_i_hjemmet", .start = "2026-01-01", .price = "4.000");
    P(.id = "M7", .child = "B6", .team = "Øst", .caseworker = "SB1",
      .type = "opholdssted", .provider = "P2", .start = "2026-10-10",
      .end = "2026-10-09", .price = "50.000");
    /* As the loader names it: by the path it was given. */
    assert_int_equal(kpi_diag_add(ds->warnings, KPI_SEVERITY_WARNING,
                                  "/data/2026-10/measures.csv", 8, "end_date",
                                  "cancelled"),
                     KPI_OK);
    assert_int_equal(kpi_diag_add(ds->warnings, KPI_SEVERITY_WARNING,
                                  "measures.csv", 4, "monthly_cost", "zero"),
                     KPI_OK);

    add_case(ds, "K1", "B1", "SB1", "Øst", "2026-01-01");
    add_case(ds, "K2", "B3", "SB3", "Vest", "2025-06-01");
    add_case(ds, "K3", "B7", "SB2", "Øst", "2026-10-05");
    add_case(ds, "K4", "B4", "SB3", "Vest", "2026-03-01");
    add_case(ds, "K5", "B8", "SB10", "Nord", "2026-02-01");

    const char *notified[] = {"B1", "B3", "", "B7"};
    for (size_t i = 0; i < 4; i++) {
        kpi_notification *n = KPI_ARRAY_PUSH(ds->alloc, &ds->notifications);
        assert_non_null(n);
        *n = (kpi_notification){S(ds, "N"), S(ds, notified[i]), KPI_DATE_NONE,
                                D("2026-10-03"), (uint32_t)i + 2};
    }
    ds->present[KPI_FILE_NOTIFICATIONS] = true;

    const char *deadline_cases[] = {"K1", "K2", "K3", "K3"};
    for (size_t i = 0; i < 4; i++) {
        kpi_deadline *x = KPI_ARRAY_PUSH(ds->alloc, &ds->deadlines);
        assert_non_null(x);
        *x = (kpi_deadline){S(ds, deadline_cases[i]), S(ds, "investigation_4m"),
                            D("2026-10-10"), D("2026-10-09"), (uint32_t)i + 2};
    }
    ds->present[KPI_FILE_DEADLINES] = true;

    const char *complaint_cases[] = {"K1", "K2"};
    for (size_t i = 0; i < 2; i++) {
        kpi_complaint *k = KPI_ARRAY_PUSH(ds->alloc, &ds->complaints);
        assert_non_null(k);
        *k = (kpi_complaint){S(ds, i ? "C2" : "C1"), S(ds, complaint_cases[i]),
                             D("2026-09-01"),        D("2026-10-15"),
                             KPI_OUTCOME_UPHELD,     (uint32_t)i + 2};
    }
    ds->present[KPI_FILE_COMPLAINTS] = true;

    const char *review_cases[] = {"K3", "K2"};
    for (size_t i = 0; i < 2; i++) {
        kpi_review *r = KPI_ARRAY_PUSH(ds->alloc, &ds->reviews);
        assert_non_null(r);
        *r = (kpi_review){S(ds, i ? "R2" : "R1"), S(ds, review_cases[i]),
                          S(ds, "Leder"), D("2026-10-20"), (uint32_t)i + 2};
    }
    ds->present[KPI_FILE_REVIEWS] = true;

    const char *inspected[] = {"P1", "P3", "P9"};
    for (size_t i = 0; i < 3; i++) {
        kpi_inspection *x = KPI_ARRAY_PUSH(ds->alloc, &ds->inspections);
        assert_non_null(x);
        *x = (kpi_inspection){S(ds, "I"),   S(ds, inspected[i]),
                              KPI_SYM_NONE, D("2026-10-12"),
                              true,         (uint32_t)i + 2};
    }
    ds->present[KPI_FILE_INSPECTIONS] = true;

    const char *waiting[] = {"B1", "B9"};
    for (size_t i = 0; i < 2; i++) {
        kpi_wait *w = KPI_ARRAY_PUSH(ds->alloc, &ds->waitlist);
        assert_non_null(w);
        *w = (kpi_wait){S(ds, waiting[i]),
                        D("2012-06-15"),
                        D("2026-09-01"),
                        KPI_DATE_NONE,
                        0,
                        KPI_TARGET_SOCIAL,
                        (uint32_t)i + 2};
    }
    ds->present[KPI_FILE_WAITLIST] = true;

    const char *assessed[] = {"B2", "B3"};
    for (size_t i = 0; i < 2; i++) {
        kpi_outcome_row *o = KPI_ARRAY_PUSH(ds->alloc, &ds->outcomes);
        assert_non_null(o);
        *o = (kpi_outcome_row){
            S(ds, assessed[i]),           KPI_SYM_NONE, D("2026-10-01"),
            KPI_INDICATOR_SCHOOL_ABSENCE, 10.0,         (uint32_t)i + 2};
    }
    ds->present[KPI_FILE_OUTCOMES] = true;

    support_add_posting(ds, "2026-03", "almen_plejefamilie", "expense", NULL,
                        "1.000", "B1");
    support_add_posting(ds, "2026-03", "doegninstitution", "expense", NULL,
                        "2.000", "B3");
    support_add_posting(ds, "2026-03", "doegninstitution", "expense", NULL,
                        "4.000", NULL);
    support_add_budget(ds, "doegninstitution", "720.000", NULL, NULL, NULL);
    return ds;
}

static const char *str(const kpi_dataset *ds, kpi_sym s)
{
    return kpi_symtab_str(ds->syms, s);
}

static void lists(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    /* Teams of measures and cases, bytewise: "Nord" < "Vest" < "Øst"
     * (Ø is 0xC3 0x98 in UTF-8); the empty team of M6 is not one. */
    assert_int_equal(kpi_dataset_team_count(ds), 3);
    assert_string_equal(kpi_dataset_team(ds, 0), "Nord");
    assert_string_equal(kpi_dataset_team(ds, 1), "Vest");
    assert_string_equal(kpi_dataset_team(ds, 2), "Øst");
    assert_null(kpi_dataset_team(ds, 3));
    /* SB10 only in cases.csv; "SB1" < "SB10" < "SB2" bytewise. */
    assert_int_equal(kpi_dataset_caseworker_count(ds), 4);
    assert_string_equal(kpi_dataset_caseworker(ds, 0), "SB1");
    assert_string_equal(kpi_dataset_caseworker(ds, 1), "SB10");
    assert_string_equal(kpi_dataset_caseworker(ds, 2), "SB2");
    assert_string_equal(kpi_dataset_caseworker(ds, 3), "SB3");
    assert_null(kpi_dataset_caseworker(ds, 4));
    assert_int_equal(kpi_dataset_team_count(NULL), 0);
    assert_null(kpi_dataset_caseworker(NULL, 0));
    kpi_dataset_free(ds);
}

static void team_rows(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_dataset *sub = NULL;
    assert_int_equal(kpi_dataset_subset(ds, "Øst", NULL, &sub), KPI_OK);
    assert_non_null(sub);
    /* Øst: measures M1 M2 M5 M7, cases K1 K3; children B1 B2 B6 B7
     * (B7 through K3); providers P1 P2. */
    assert_int_equal(sub->measures.count, 4);
    assert_string_equal(kpi_symtab_str(sub->ids, sub->measures.items[0].id), "M1");
    assert_string_equal(kpi_symtab_str(sub->ids, sub->measures.items[1].id), "M2");
    assert_string_equal(kpi_symtab_str(sub->ids, sub->measures.items[2].id), "M5");
    assert_string_equal(kpi_symtab_str(sub->ids, sub->measures.items[3].id), "M7");
    assert_int_equal(sub->cases.count, 2);
    assert_string_equal(str(sub, sub->cases.items[0].id), "K1");
    assert_string_equal(str(sub, sub->cases.items[1].id), "K3");
    /* N1 (B1) and N4 (B7); N3 has no child, so it is nobody's. */
    assert_int_equal(sub->notifications.count, 2);
    assert_int_equal(sub->notifications.items[0].line, 2);
    assert_int_equal(sub->notifications.items[1].line, 5);
    /* Deadlines of K1 and K3 (twice): lines 2, 4, 5. */
    assert_int_equal(sub->deadlines.count, 3);
    assert_int_equal(sub->deadlines.items[0].line, 2);
    assert_int_equal(sub->deadlines.items[2].line, 5);
    assert_int_equal(sub->complaints.count, 1);
    assert_string_equal(str(sub, sub->complaints.items[0].id), "C1");
    assert_int_equal(sub->reviews.count, 1);
    assert_string_equal(str(sub, sub->reviews.items[0].id), "R1");
    /* P1 is inspected; P2 is not; P3 and P9 are others'. */
    assert_int_equal(sub->inspections.count, 1);
    assert_string_equal(str(sub, sub->inspections.items[0].provider), "P1");
    assert_int_equal(sub->waitlist.count, 1);
    assert_string_equal(str(sub, sub->waitlist.items[0].child), "B1");
    assert_int_equal(sub->outcomes.count, 1);
    assert_string_equal(str(sub, sub->outcomes.items[0].child), "B2");
    /* Only B1's posting: the one without child belongs to no team. */
    assert_int_equal(sub->postings.count, 1);
    assert_int_equal(sub->postings.items[0].amount, 100000);
    assert_int_equal(sub->budget.count, 0);
    assert_false(sub->present[KPI_FILE_BUDGET]);
    assert_true(sub->present[KPI_FILE_POSTINGS]);
    assert_true(sub->present[KPI_FILE_CASES]);
    /* Only M7's warning (line 8), not M3's (Vest). */
    assert_int_equal(kpi_diagnostics_count(sub->warnings), 1);
    assert_int_equal(kpi_diagnostics_get(sub->warnings, 0)->line, 8);
    assert_string_equal(kpi_diagnostics_get(sub->warnings, 0)->message,
                        "cancelled");
    /* The subset's own lists: its team, and its caseworkers SB1 SB2. */
    assert_int_equal(kpi_dataset_team_count(sub), 1);
    assert_string_equal(kpi_dataset_team(sub, 0), "Øst");
    assert_int_equal(kpi_dataset_caseworker_count(sub), 2);
    assert_string_equal(kpi_dataset_caseworker(sub, 1), "SB2");
    /* The parent is untouched. */
    assert_int_equal(ds->measures.count, 7);
    assert_int_equal(kpi_diagnostics_count(ds->warnings), 2);
    kpi_dataset_free(sub);
    kpi_dataset_free(ds);
}

/* The subset computes like any dataset:
 * - placed_children on D: Øst B1 (M1) and B2 (M2) = 2 (B6's M7 is
 *   cancelled); Vest B3 = 1; all 3.
 * - preventive_families on D: Øst B1 (M5) = 1; Vest B4 = 1; all B1 B4 B5
 *   = 3.
 * - notifications in 2026-10: Øst N1 N4 = 2; Vest N2 = 1; all 4.
 * - complaints decided in 2026-10: Øst C1, Vest C2, all 2. Inspections:
 *   Øst 1 (P1), Vest 1 (P3), all 3 (P9 too). Reviews: Øst R1, Vest R2.
 * - waiting_list on D: Øst B1 = 1; Vest 0; all 2 (B9 is nobody's).
 * - spend, booked to date: Øst 1.000 kr. (B1's posting only), Vest 2.000
 *   kr. (B3's), all 7.000 kr.; the budget is left out, so no "budget"
 *   stat is in the subset's figures at all.
 * - data_quality: Øst 1 warning (M7), Vest 1 (M3), all 2. */
static void team_figures(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_dataset *east = NULL, *west = NULL;
    assert_int_equal(kpi_dataset_subset(ds, "Øst", NULL, &east), KPI_OK);
    assert_int_equal(kpi_dataset_subset(ds, "Vest", NULL, &west), KPI_OK);
    kpi_figures *fa = support_compute(ds, "2026-10");
    kpi_figures *fe = support_compute(east, "2026-10");
    kpi_figures *fw = support_compute(west, "2026-10");
    const char *td = "2026-01..2026-10";

    /* The total count per figure and period: all, Øst, Vest. */
    static const struct {
        const char *id, *period;
        int64_t all, east, west;
    } counts[] = {
        {"placed_children", "2026-10-31", 3, 2, 1},
        {"preventive_families", "2026-10-31", 3, 1, 1},
        {"notifications", "2026-10", 4, 2, 1},
        {"complaints", "2026-10", 2, 1, 1},
        {"inspections", "2026-10", 3, 1, 1},
        {"management_reviews", "2026-10", 2, 1, 1},
        {"waiting_list", "2026-10-31", 2, 1, 0},
        {"data_quality", "2026-10-31", 2, 1, 1},
    };
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        const kpi_figures *fs[3] = {fa, fe, fw};
        int64_t want[3] = {counts[i].all, counts[i].east, counts[i].west};
        for (size_t k = 0; k < 3; k++)
            assert_int_equal(row_count(fs[k], counts[i].id, counts[i].period,
                                       "total", "count"),
                             want[k]);
    }
    assert_int_equal(row_money(fe, "spend", td, "total", "expense"), 100000);
    assert_int_equal(row_money(fa, "spend", td, "total", "expense"), 700000);
    assert_int_equal(row_money(fw, "spend", td, "total", "expense"), 200000);

    assert_non_null(find_row(fa, "forecast", "2026", "total", "budget"));
    for (size_t i = 0; i < kpi_figures_row_count(fe); i++)
        assert_string_not_equal(kpi_figures_row(fe, i)->stat, "budget");

    kpi_figures_free(fa);
    kpi_figures_free(fe);
    kpi_figures_free(fw);
    kpi_dataset_free(east);
    kpi_dataset_free(west);
    kpi_dataset_free(ds);
}

/* kpi.ini's targets are the municipality's: the whole dataset gets a
 * status row for placed_children (3 placed, yellow from 2, red from 3:
 * red), Øst's part (2 placed) none at all - not "yellow" against a number
 * meant for the whole municipality. */
static void no_targets_in_subset(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_config *c = ds->config;
    assert_int_equal(kpi_grow(ds->alloc, (void **)&c->targets, &c->cap_targets,
                              c->n_targets + 1, sizeof *c->targets),
                     KPI_OK);
    kpi_target *t = &c->targets[c->n_targets++];
    t->kpi_id = kpi_xstrdup(ds->alloc, "placed_children");
    t->stat = kpi_xstrdup(ds->alloc, "count");
    assert_non_null(t->kpi_id);
    assert_non_null(t->stat);
    t->yellow = 2;
    t->red = 3;
    kpi_dataset *east = NULL;
    assert_int_equal(kpi_dataset_subset(ds, "Øst", NULL, &east), KPI_OK);
    kpi_figures *fa = support_compute(ds, "2026-10");
    kpi_figures *fe = support_compute(east, "2026-10");
    const kpi_row *st = find_row(fa, "placed_children", "2026-10-31", "total",
                                 "status");
    assert_non_null(st);
    assert_string_equal(st->text, "red");
    for (size_t i = 0; i < kpi_figures_row_count(fe); i++)
        assert_string_not_equal(kpi_figures_row(fe, i)->stat, "status");
    kpi_figures_free(fa);
    kpi_figures_free(fe);
    kpi_dataset_free(east);
    kpi_dataset_free(ds);
}

/* When the financial system gives no child on any posting, a team's
 * booked spend cannot be known: the fixture's postings stripped of their
 * children leave Øst with no spend rows at all (not 0 kr.), while the
 * whole dataset still books 7.000 kr. */
static void postings_without_children(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    for (size_t i = 0; i < ds->postings.count; i++)
        ds->postings.items[i].child = KPI_SYM_NONE;
    kpi_dataset *east = NULL;
    assert_int_equal(kpi_dataset_subset(ds, "Øst", NULL, &east), KPI_OK);
    kpi_figures *fa = support_compute(ds, "2026-10");
    kpi_figures *fe = support_compute(east, "2026-10");
    const char *td = "2026-01..2026-10";
    assert_int_equal(row_money(fa, "spend", td, "total", "expense"), 700000);
    assert_null(find_row(fe, "spend", td, "total", "expense"));
    kpi_figures_free(fa);
    kpi_figures_free(fe);
    kpi_dataset_free(east);
    kpi_dataset_free(ds);
}

static void caseworker_rows(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_dataset *sub = NULL;
    /* SB3: measures M3 M4, cases K2 K4; children B3 B4. */
    assert_int_equal(kpi_dataset_subset(ds, NULL, "SB3", &sub), KPI_OK);
    assert_int_equal(sub->measures.count, 2);
    assert_string_equal(kpi_symtab_str(sub->ids, sub->measures.items[0].id), "M3");
    assert_string_equal(kpi_symtab_str(sub->ids, sub->measures.items[1].id), "M4");
    assert_int_equal(sub->cases.count, 2);
    assert_int_equal(sub->notifications.count, 1); /* N2, B3 */
    assert_int_equal(sub->deadlines.count, 1);     /* K2's */
    assert_int_equal(sub->complaints.count, 1);    /* C2 */
    assert_int_equal(sub->reviews.count, 1);       /* R2 */
    assert_int_equal(sub->inspections.count, 1);   /* P3 */
    assert_int_equal(sub->waitlist.count, 0);
    assert_int_equal(sub->outcomes.count, 1); /* B3 */
    assert_int_equal(sub->postings.count, 1); /* B3's 2.000 kr. */
    assert_int_equal(sub->postings.items[0].amount, 200000);
    assert_int_equal(kpi_diagnostics_count(sub->warnings), 1); /* line 4 */
    assert_int_equal(kpi_diagnostics_get(sub->warnings, 0)->line, 4);
    kpi_dataset_free(sub);

    /* SB10 has only a case (K5, child B8): no measures, one case. */
    assert_int_equal(kpi_dataset_subset(ds, NULL, "SB10", &sub), KPI_OK);
    assert_int_equal(sub->measures.count, 0);
    assert_int_equal(sub->cases.count, 1);
    kpi_dataset_free(sub);
    kpi_dataset_free(ds);
}

static void empty_and_bad(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_dataset *sub = (kpi_dataset *)1;
    /* Exactly one of team and caseworker. */
    assert_int_equal(kpi_dataset_subset(ds, NULL, NULL, &sub), KPI_ERR_ARG);
    assert_null(sub);
    assert_int_equal(kpi_dataset_subset(ds, "Øst", "SB1", &sub), KPI_ERR_ARG);
    assert_int_equal(kpi_dataset_subset(NULL, "Øst", NULL, &sub), KPI_ERR_ARG);
    assert_int_equal(kpi_dataset_subset(ds, "Øst", NULL, NULL), KPI_ERR_ARG);

    /* Unknown team, a team in another case ("øst" is written "Øst"), and
     * the empty team (M6 has none; it is nobody's team): empty subsets
     * whose figures are zero where the file is present. */
    const char *teams[] = {"Syd", "øst", ""};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(kpi_dataset_subset(ds, teams[i], NULL, &sub), KPI_OK);
        assert_int_equal(sub->measures.count, 0);
        assert_int_equal(sub->cases.count, 0);
        assert_int_equal(sub->notifications.count, 0);
        assert_int_equal(sub->postings.count, 0);
        assert_int_equal(kpi_diagnostics_count(sub->warnings), 0);
        kpi_figures *f = support_compute(sub, "2026-10");
        assert_int_equal(
            row_count(f, "placed_children", "2026-10-31", "total", "count"), 0);
        kpi_figures_free(f);
        kpi_dataset_free(sub);
    }
    kpi_dataset_free(ds);
}

/* A team's disposals by kontoplan function (NOTE5: "a team's
 * Dispositioner efter funktion has only its total row"; not reproduced on
 * main: the example's, alloc's, the fixtures' and kpi-gen's team packs,
 * January to December 2026, show their functions). The function of a
 * type is kpi.ini's, which the subset shares: almen_plejefamilie 5.28.22,
 * opholdssted 5.28.20, kontaktperson 5.28.21, doegninstitution 5.28.23,
 * the rest none. Øst's measures are M1 almen_plejefamilie, M2
 * opholdssted and M5 kontaktperson (M7 is cancelled), so Øst's rows for
 * the year are exactly 5.28.20, 5.28.21 and 5.28.22, each the amount of
 * its one type, and they add up to Øst's total; Vest's (M3, M4) are
 * 5.28.23 and none. */
static void team_functions(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    static const struct {
        const char *type, *function;
    } fns[] = {{"almen_plejefamilie", "5.28.22"},
               {"opholdssted", "5.28.20"},
               {"kontaktperson", "5.28.21"},
               {"doegninstitution", "5.28.23"}};
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        kpi_measure_type *mt = &ds->config->types[kpi_config_find_type(
            ds->config, fns[i].type, (size_t)-1)];
        kpi_xfree(ds->alloc, mt->function);
        mt->function = kpi_xstrdup(ds->alloc, fns[i].function);
        assert_non_null(mt->function);
    }
    kpi_dataset *east = NULL, *west = NULL;
    assert_int_equal(kpi_dataset_subset(ds, "Øst", NULL, &east), KPI_OK);
    assert_int_equal(kpi_dataset_subset(ds, "Vest", NULL, &west), KPI_OK);
    kpi_figures *fe = support_compute(east, "2026-10");
    kpi_figures *fw = support_compute(west, "2026-10");
    static const struct {
        const char *function, *type; /* NULL: no row in Øst */
    } east_rows[] = {{"5.28.20", "opholdssted"},
                     {"5.28.21", "kontaktperson"},
                     {"5.28.22", "almen_plejefamilie"},
                     {"5.28.23", NULL},
                     {"none", NULL}};
    int64_t sum = 0;
    for (size_t i = 0; i < sizeof east_rows / sizeof east_rows[0]; i++) {
        char fn[32], type[64];
        snprintf(fn, sizeof fn, "function=%s", east_rows[i].function);
        if (!east_rows[i].type) {
            assert_null(find_row(fe, "disposed", "2026", fn, "amount"));
            continue;
        }
        snprintf(type, sizeof type, "measure_type=%s", east_rows[i].type);
        int64_t amount = row_money(fe, "disposed", "2026", fn, "amount");
        assert_true(amount > 0);
        assert_int_equal(amount,
                         row_money(fe, "disposed", "2026", type, "amount"));
        sum += amount;
    }
    assert_int_equal(sum, row_money(fe, "disposed", "2026", "total", "amount"));
    assert_non_null(
        find_row(fw, "disposed", "2026", "function=5.28.23", "amount"));
    assert_non_null(
        find_row(fw, "disposed", "2026", "function=none", "amount"));
    kpi_figures_free(fe);
    kpi_figures_free(fw);
    kpi_dataset_free(east);
    kpi_dataset_free(west);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lists),
        cmocka_unit_test(team_rows),
        cmocka_unit_test(team_figures),
        cmocka_unit_test(caseworker_rows),
        cmocka_unit_test(empty_and_bad),
        cmocka_unit_test(no_targets_in_subset),
        cmocka_unit_test(postings_without_children),
        cmocka_unit_test(team_functions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
