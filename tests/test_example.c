/* test_example.c - where `kpi demo` finds the example dataset
 * (kpi.h: kpi_example_find; libkpi/input/example.c): under the prefix
 * of the program, beside it in a build tree, or where KPI_EXAMPLE_DIR
 * says, and the places looked at when it is nowhere. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "support.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/load.h"
#include "kpi.h"

#define SUB "share/kpi/examples/eksempel"

/* A fresh folder for a test's tree; the tests leave what they make
 * (under TMPDIR, a few empty folders). */
static char *root;

static int setup(void **state)
{
    (void)state;
    root = support_tempdir();
    return root ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(root);
    return 0;
}

/* mkdir -p root/rel */
static void make_dirs(const char *rel)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0700);
            *p = '/';
        }
    }
    assert_int_equal(mkdir(path, 0700), 0);
}

static char *at(const char *rel)
{
    static char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    return path;
}

/* The folder kpi_example_find_in finds for the program root/program_rel
 * (failing the test when none); *looked as it returns it. */
static char *found_for(const char *program_rel, char **looked)
{
    char program[PATH_MAX];
    snprintf(program, sizeof program, "%s", at(program_rel));
    char *dir = NULL;
    assert_int_equal(kpi_example_find_in(NULL, program, NULL, &dir, looked),
                     KPI_OK);
    return dir;
}

/* An installed layout: PREFIX/bin/kpi finds PREFIX/share/..., also when
 * the build-tree place beside the program exists too. */
static void test_installed_prefix(void **state)
{
    (void)state;
    make_dirs("usr/bin");
    make_dirs("usr/" SUB);
    make_dirs("usr/bin/" SUB); /* a decoy: the prefix comes first */
    char *looked = NULL, *dir = found_for("usr/bin/kpi", &looked);
    assert_string_equal(dir, at("usr/" SUB));
    assert_null(looked);
    kpi_xfree(NULL, dir);
}

/* The build tree: BUILD/kpi finds BUILD/share/... beside it, after
 * looking under the "prefix" (root/share/...) first. */
static void test_build_tree(void **state)
{
    (void)state;
    make_dirs("build/" SUB);
    char *looked = NULL, *dir = found_for("build/kpi", &looked);
    assert_string_equal(dir, at("build/" SUB));
    char passed[PATH_MAX + 1];
    snprintf(passed, sizeof passed, "%s\n", at(SUB));
    assert_non_null(looked);
    assert_string_equal(looked, passed);
    kpi_xfree(NULL, dir);
    kpi_xfree(NULL, looked);
}

/* Nowhere: not available, and both places named, prefix first. */
static void test_absent_names_the_places(void **state)
{
    (void)state;
    make_dirs("empty/bin");
    make_dirs("empty/share/kpi"); /* but no examples/eksempel */
    char program[PATH_MAX], want[3 * PATH_MAX];
    snprintf(program, sizeof program, "%s", at("empty/bin/kpi"));
    int n = snprintf(want, sizeof want, "%s\n", at("empty/" SUB));
    snprintf(want + n, sizeof want - (size_t)n, "%s\n", at("empty/bin/" SUB));
    char *dir = NULL, *looked = NULL;
    assert_int_equal(kpi_example_find_in(NULL, program, NULL, &dir, &looked),
                     KPI_ERR_NOT_AVAILABLE);
    assert_null(dir);
    assert_string_equal(looked, want);
    kpi_xfree(NULL, looked);
}

/* A file where the folder should be is not the example. */
static void test_file_is_not_a_folder(void **state)
{
    (void)state;
    make_dirs("filed/bin");
    make_dirs("filed/share/kpi/examples");
    support_write_file(at("filed/" SUB), "x", 1);
    char program[PATH_MAX];
    snprintf(program, sizeof program, "%s", at("filed/bin/kpi"));
    char *dir = NULL, *looked = NULL;
    assert_int_equal(kpi_example_find_in(NULL, program, NULL, &dir, &looked),
                     KPI_ERR_NOT_AVAILABLE);
    assert_null(dir);
    kpi_xfree(NULL, looked);
}

/* KPI_EXAMPLE_DIR wins over an installed copy; a wrong one is reported
 * as such, not passed over for the installed copy. */
static void test_override(void **state)
{
    (void)state;
    make_dirs("over/bin");
    make_dirs("over/" SUB);
    make_dirs("elsewhere/eksempel");
    char program[PATH_MAX], want[PATH_MAX], missing[PATH_MAX];
    snprintf(program, sizeof program, "%s", at("over/bin/kpi"));
    snprintf(want, sizeof want, "%s", at("elsewhere/eksempel"));
    snprintf(missing, sizeof missing, "%s", at("elsewhere/nothing"));
    char *dir = NULL, *looked = NULL;
    assert_int_equal(kpi_example_find_in(NULL, program, want, &dir, &looked),
                     KPI_OK);
    assert_string_equal(dir, want);
    kpi_xfree(NULL, dir);

    assert_int_equal(kpi_example_find_in(NULL, program, missing, &dir, &looked),
                     KPI_ERR_NOT_AVAILABLE);
    assert_null(dir);
    char line[PATH_MAX + 32];
    snprintf(line, sizeof line, "%s (KPI_EXAMPLE_DIR)\n", missing);
    assert_string_equal(looked, line);
    kpi_xfree(NULL, looked);

    /* Set but empty: as if unset. */
    assert_int_equal(kpi_example_find_in(NULL, program, "", &dir, &looked),
                     KPI_OK);
    kpi_xfree(NULL, dir);
}

/* Without /proc (a bare chroot) the program's folder is unknown: say
 * so rather than look in the current folder. */
static void test_program_unknown(void **state)
{
    (void)state;
    char *dir = NULL, *looked = NULL;
    assert_int_equal(kpi_example_find_in(NULL, NULL, NULL, &dir, &looked),
                     KPI_ERR_NOT_AVAILABLE);
    assert_null(dir);
    assert_non_null(strstr(looked, "/proc/self/exe cannot be read"));
    kpi_xfree(NULL, looked);
    assert_int_equal(kpi_example_find_in(NULL, "kpi", NULL, &dir, &looked),
                     KPI_ERR_NOT_AVAILABLE);
    kpi_xfree(NULL, looked);
    assert_int_equal(kpi_example_find_in(NULL, NULL, NULL, NULL, &looked),
                     KPI_ERR_ARG);
}

/* The public function reads /proc/self/exe: this test program is
 * BUILD/tests/test_example, so it finds BUILD/share/kpi/examples/eksempel,
 * the copy the build makes for the build tree's kpi; and it reads
 * KPI_EXAMPLE_DIR. */
static void test_public_function(void **state)
{
    (void)state;
    unsetenv("KPI_EXAMPLE_DIR");
    char exe[PATH_MAX];
    assert_non_null(realpath("/proc/self/exe", exe));
    *strrchr(exe, '/') = '\0'; /* BUILD/tests */
    *strrchr(exe, '/') = '\0'; /* BUILD */
    char want[PATH_MAX + sizeof SUB], real[PATH_MAX];
    snprintf(want, sizeof want, "%s/" SUB, exe);
    assert_non_null(realpath(want, real));
    char *dir = NULL, *looked = NULL;
    assert_int_equal(kpi_example_find(NULL, &dir, &looked), KPI_OK);
    assert_string_equal(dir, real);
    kpi_xfree(NULL, dir);
    kpi_xfree(NULL, looked);

    setenv("KPI_EXAMPLE_DIR", root, 1);
    assert_int_equal(kpi_example_find(NULL, &dir, &looked), KPI_OK);
    assert_non_null(realpath(root, real));
    assert_string_equal(dir, real);
    kpi_xfree(NULL, dir);
    unsetenv("KPI_EXAMPLE_DIR");
}

/* Every allocation may fail: KPI_ERR_NOMEM and nothing left behind (the
 * sanitizer build checks for leaks). */
static void test_out_of_memory(void **state)
{
    (void)state;
    support_failing f = {0};
    const kpi_allocator a = support_failing_allocator(&f);
    make_dirs("oom/bin");
    char program[PATH_MAX];
    snprintf(program, sizeof program, "%s", at("oom/bin/kpi"));
    for (int k = 0; k < 2; k++) {
        /* k allocations succeed, then every one fails */
        f = (support_failing){.fail = k + 1, .from = true};
        char *dir = NULL, *looked = NULL;
        kpi_status st = kpi_example_find_in(&a, program, NULL, &dir, &looked);
        assert_int_equal(st, KPI_ERR_NOMEM);
        assert_null(dir);
        assert_null(looked);
    }
    make_dirs("oom/" SUB);
    f = (support_failing){.fail = 1, .from = true};
    char *dir = NULL, *looked = NULL;
    assert_int_equal(kpi_example_find_in(&a, program, NULL, &dir, &looked),
                     KPI_ERR_NOMEM);
    assert_null(dir);
    assert_null(looked);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_installed_prefix),
        cmocka_unit_test(test_build_tree),
        cmocka_unit_test(test_absent_names_the_places),
        cmocka_unit_test(test_file_is_not_a_folder),
        cmocka_unit_test(test_override),
        cmocka_unit_test(test_program_unknown),
        cmocka_unit_test(test_public_function),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
