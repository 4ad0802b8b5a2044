/* test_symtab.c - the interning symbol table (base/symtab.c): symbols
 * numbered by first appearance, kpi_symtab_intern_many the same as one
 * kpi_symtab_intern after another, appended texts unfindable, a sealed
 * table rebuilt, out of memory reported. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#define N 5000

/* The test's stream of N texts: 0..N-1 with repeats (k % 1777) and an
 * empty text every 13th; lengths 1 to 20, so the hash's eight-byte steps
 * and tails all occur. */
static char stream_bytes[N][32];
static kpi_symtab_text stream[N];

static void make_stream(void)
{
    for (size_t k = 0; k < N; k++) {
        size_t v = k % 3 ? k : k % 1777;
        int n = snprintf(stream_bytes[k], sizeof stream_bytes[k], "%.*s%zu",
                         (int)(v % 15), "xxxxxxxxxxxxxxx", v);
        stream[k] =
            (kpi_symtab_text){stream_bytes[k], k % 13 == 0 ? 0 : (size_t)n};
    }
}

static void test_first_appearance(void **state)
{
    (void)state;
    kpi_symtab *t = kpi_symtab_new(NULL);
    assert_non_null(t);
    kpi_sym s;
    bool added;
    assert_int_equal(kpi_symtab_intern(t, "", 0, &s, &added), KPI_OK);
    assert_int_equal(s, KPI_SYM_NONE);
    assert_false(added);
    assert_int_equal(kpi_symtab_intern(t, "b", 1, &s, &added), KPI_OK);
    assert_int_equal(s, 1);
    assert_true(added);
    assert_int_equal(kpi_symtab_intern(t, "a", 1, &s, &added), KPI_OK);
    assert_int_equal(s, 2);
    assert_int_equal(kpi_symtab_intern(t, "b", 1, &s, &added), KPI_OK);
    assert_int_equal(s, 1);
    assert_false(added);
    /* a prefix is another text */
    assert_int_equal(kpi_symtab_intern(t, "ab", 1, &s, NULL), KPI_OK);
    assert_int_equal(s, 2);
    assert_int_equal(kpi_symtab_intern(t, "ab", 2, &s, NULL), KPI_OK);
    assert_int_equal(s, 3);
    assert_string_equal(kpi_symtab_str(t, 3), "ab");
    assert_string_equal(kpi_symtab_str(t, KPI_SYM_NONE), "");
    assert_string_equal(kpi_symtab_str(t, 99), "");
    assert_int_equal(kpi_symtab_size(t), 4);
    kpi_symtab_free(t);
}

/* kpi_symtab_intern_many over N texts (the table grows from its 128
 * slots on the way) gives the symbols of N kpi_symtab_intern calls, on
 * a table that already holds some texts and an appended one. */
static void test_many_as_one_by_one(void **state)
{
    (void)state;
    static kpi_sym one[N], many[N];
    make_stream();
    kpi_symtab *a = kpi_symtab_new(NULL), *b = kpi_symtab_new(NULL);
    assert_non_null(a);
    assert_non_null(b);
    kpi_symtab *both[] = {a, b};
    for (size_t i = 0; i < 2; i++) {
        kpi_sym s;
        assert_int_equal(kpi_symtab_intern(both[i], "7", 1, &s, NULL), KPI_OK);
        assert_int_equal(kpi_symtab_append(both[i], "x8", 2, &s), KPI_OK);
    }
    for (size_t k = 0; k < N; k++)
        assert_int_equal(
            kpi_symtab_intern(a, stream[k].s, stream[k].len, &one[k], NULL),
            KPI_OK);
    /* in uneven pieces, some shorter than the look-ahead */
    size_t pieces[] = {0, 1, 3, 17, 500, N};
    for (size_t p = 0; p + 1 < sizeof pieces / sizeof *pieces; p++)
        assert_int_equal(kpi_symtab_intern_many(b, stream + pieces[p],
                                                pieces[p + 1] - pieces[p],
                                                many + pieces[p]),
                         KPI_OK);
    assert_memory_equal(one, many, sizeof one);
    assert_int_equal(kpi_symtab_size(a), kpi_symtab_size(b));
    for (size_t s = 0; s < kpi_symtab_size(a); s++)
        assert_string_equal(kpi_symtab_str(a, (kpi_sym)s),
                            kpi_symtab_str(b, (kpi_sym)s));
    /* the appended "x8" stays unfindable: text 8 got its own symbol */
    assert_string_equal(kpi_symtab_str(b, 2), "x8");
    assert_true(many[8] > 2);
    assert_string_equal(kpi_symtab_str(b, many[8]), "xxxxxxxx8");
    kpi_symtab_free(a);
    kpi_symtab_free(b);
}

/* Sealed (no slots), reserved or not: the same symbols again. */
static void test_sealed_and_reserved(void **state)
{
    (void)state;
    kpi_symtab *t = kpi_symtab_new(NULL);
    assert_non_null(t);
    assert_int_equal(kpi_symtab_reserve(t, 3000), KPI_OK);
    char buf[32];
    kpi_sym first[300];
    for (size_t k = 0; k < 300; k++) {
        size_t len = (size_t)snprintf(buf, sizeof buf, "id%zu", k);
        assert_int_equal(kpi_symtab_intern(t, buf, len, &first[k], NULL),
                         KPI_OK);
        assert_int_equal(first[k], k + 1);
    }
    kpi_symtab_seal(t);
    kpi_symtab_seal(t);
    assert_string_equal(kpi_symtab_str(t, 300), "id299");
    kpi_symtab_text texts[3] = {{"id7", 3}, {"ny", 2}, {"id299", 5}};
    kpi_sym out[3];
    assert_int_equal(kpi_symtab_intern_many(t, texts, 3, out), KPI_OK);
    assert_int_equal(out[0], 8);
    assert_int_equal(out[1], 301);
    assert_int_equal(out[2], 300);
    kpi_symtab_seal(t);
    kpi_sym s;
    assert_int_equal(kpi_symtab_intern(t, "ny", 2, &s, NULL), KPI_OK);
    assert_int_equal(s, 301);
    kpi_symtab_free(t);
}

/* Every allocation of interning N texts failing in turn: NOMEM, the
 * symbols so far those of a table without failures (and findable),
 * nothing leaked. */
static void test_out_of_memory(void **state)
{
    (void)state;
    static kpi_sym want[N], got[N];
    make_stream();
    kpi_symtab *full = kpi_symtab_new(NULL), *t;
    assert_non_null(full);
    assert_int_equal(kpi_symtab_intern_many(full, stream, N, want), KPI_OK);
    for (long fail = 1;; fail++) {
        support_failing f = {.fail = fail};
        kpi_allocator a = support_failing_allocator(&f);
        t = kpi_symtab_new(&a);
        kpi_status st = t ? kpi_symtab_intern_many(t, stream, N, got) : KPI_OK;
        if (t && st == KPI_OK) {
            kpi_symtab_free(t);
            assert_int_equal(atomic_load(&f.live), 0);
            assert_memory_equal(want, got, sizeof want);
            break;
        }
        if (t) {
            assert_int_equal(st, KPI_ERR_NOMEM);
            for (size_t s = 1; s < kpi_symtab_size(t); s++) {
                const char *text = kpi_symtab_str(t, (kpi_sym)s);
                assert_string_equal(text, kpi_symtab_str(full, (kpi_sym)s));
                kpi_sym again;
                assert_int_equal(
                    kpi_symtab_intern(t, text, strlen(text), &again, NULL),
                    KPI_OK);
                assert_int_equal(again, s);
            }
            kpi_symtab_free(t);
        }
        assert_int_equal(atomic_load(&f.live), 0);
    }
    kpi_symtab_free(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_appearance),
        cmocka_unit_test(test_many_as_one_by_one),
        cmocka_unit_test(test_sealed_and_reserved),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
