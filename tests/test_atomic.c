/*
 * test_atomic.c - all-or-nothing output (kpi/atomic.h, report/atomic_*.c):
 * a file and a folder written whole, and the failures that can be made
 * to happen even as root (a path that names a folder, a missing or
 * non-folder parent, a folder in the way): the destination is left as it
 * was, no temporary file or folder stays behind, and the reason is an
 * errno value or a message through kpi_notify. tests/e2e/report_kill.sh
 * and workbook_atomic.sh test the same through `kpi report`.
 */
#include "kpi/atomic.h"

#include "support.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A fresh folder per test, removed with everything in it. */
static int make_root(void **state)
{
    char *dir = strdup("/tmp/kpi-test-atomic.XXXXXX");
    if (!dir || !mkdtemp(dir))
        return -1;
    *state = dir;
    return 0;
}

static int remove_root(void **state)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", (char *)*state);
    int rc = system(cmd);
    free(*state);
    return rc == 0 ? 0 : -1;
}

static char *join(const char *dir, const char *name)
{
    char *p = kpi_file_path(dir, name);
    assert_non_null(p);
    return p;
}

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static void expect_text(const char *path, const char *text)
{
    char buf[256] = "";
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    assert_string_equal(buf, text);
}

/* The names in dir, sorted, one per line: what a failure must not leave. */
static void expect_entries(const char *dir, const char *want)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    assert_true(n >= 0);
    char got[1024] = "";
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
            strcat(got, list[i]->d_name);
            strcat(got, "\n");
        }
        free(list[i]);
    }
    free(list);
    assert_string_equal(got, want);
}

static void test_file_written(void **state)
{
    const char *root = *state;
    char *path = join(root, "out.csv");
    write_text(path, "old\n");
    mode_t old_mask = umask(022);
    kpi_atomic_file f;
    assert_int_equal(kpi_atomic_file_open(&f, path), KPI_OK);
    fputs("new\n", f.fp);
    /* Until the commit the old file is there, and a hidden temporary. */
    expect_text(path, "old\n");
    assert_int_equal(kpi_atomic_file_commit(&f), KPI_OK);
    assert_int_equal(f.error, 0);
    expect_text(path, "new\n");
    /* Not mkstemp's 0600: what fopen would have made under the umask. */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    umask(old_mask);
    expect_entries(root, "out.csv\n");
    free(path);
}

static void test_file_aborted(void **state)
{
    const char *root = *state;
    char *path = join(root, "keep.csv");
    write_text(path, "keep\n");
    kpi_atomic_file f;
    assert_int_equal(kpi_atomic_file_open(&f, path), KPI_OK);
    fputs("half", f.fp);
    kpi_atomic_file_abort(&f);
    expect_text(path, "keep\n");
    expect_entries(root, "keep.csv\n");
    /* A commit after the abort is a misuse, not a write. */
    assert_int_equal(kpi_atomic_file_commit(&f), KPI_ERR_ARG);
    assert_int_equal(f.error, EINVAL);
    /* An abort of a zeroed struct does nothing. */
    kpi_atomic_file z;
    memset(&z, 0, sizeof z);
    kpi_atomic_file_abort(&z);
    free(path);
}

static void test_file_cannot_open(void **state)
{
    const char *root = *state;
    kpi_atomic_file f;
    /* A path that names a folder, not a file. */
    char *dir_path = join(root, "sub/");
    assert_int_equal(kpi_atomic_file_open(&f, dir_path), KPI_ERR_IO);
    assert_int_equal(f.error, EISDIR);
    assert_int_equal(kpi_atomic_file_open(&f, "."), KPI_ERR_IO);
    assert_int_equal(f.error, EISDIR);
    /* A folder that is not there. */
    char *missing = join(root, "no-such-folder/out.csv");
    assert_int_equal(kpi_atomic_file_open(&f, missing), KPI_ERR_IO);
    assert_int_equal(f.error, ENOENT);
    /* A parent that is a file. */
    char *file = join(root, "plain");
    write_text(file, "x");
    char *under = join(file, "out.csv");
    assert_int_equal(kpi_atomic_file_open(&f, under), KPI_ERR_IO);
    assert_int_equal(f.error, ENOTDIR);
    expect_entries(root, "plain\n");
    free(dir_path);
    free(missing);
    free(file);
    free(under);
}

/* The destination is a folder: the rename fails at the commit, the
 * folder and its content stay, the temporary file goes. */
static void test_file_cannot_replace_a_folder(void **state)
{
    const char *root = *state;
    char *path = join(root, "out.csv");
    assert_int_equal(mkdir(path, 0777), 0);
    char *inside = join(path, "x");
    write_text(inside, "x");
    kpi_atomic_file f;
    assert_int_equal(kpi_atomic_file_open(&f, path), KPI_OK);
    fputs("new\n", f.fp);
    assert_int_equal(kpi_atomic_file_commit(&f), KPI_ERR_IO);
    assert_true(f.error == EISDIR || f.error == ENOTEMPTY || f.error == EEXIST);
    expect_entries(root, "out.csv\n");
    expect_text(inside, "x");
    free(inside);
    free(path);
}

static void test_folder_make(void **state)
{
    const char *root = *state;
    int err = -1;
    char *deep = join(root, "a/b/c");
    assert_int_equal(kpi_folder_make(deep, &err), KPI_OK);
    assert_int_equal(err, 0);
    assert_int_equal(kpi_folder_make(deep, NULL), KPI_OK); /* exists */
    char *file = join(root, "a/file");
    write_text(file, "x");
    char *under = join(file, "d");
    assert_int_equal(kpi_folder_make(under, &err), KPI_ERR_IO);
    assert_int_equal(err, ENOTDIR);
    assert_int_equal(kpi_folder_make("", &err), KPI_ERR_IO);
    assert_int_equal(err, ENOENT);
    free(deep);
    free(file);
    free(under);
}

/* Writes the named files into d's stage and commits them. */
static kpi_status stage_and_commit(kpi_atomic_dir *d, const char *const *names,
                                   size_t n, const kpi_notify *nt)
{
    for (size_t i = 0; i < n; i++) {
        char *p = join(d->stage, names[i]);
        write_text(p, names[i]);
        free(p);
    }
    return kpi_atomic_dir_commit(d, names, n, nt);
}

static void test_dir_new_and_replaced(void **state)
{
    const char *root = *state;
    support_heard h = {""};
    kpi_notify nt = {.problem = support_hear, .ctx = &h};
    char *out = join(root, "new/out");
    const char *names[] = {"a.xlsx", "b.xlsx"};
    kpi_atomic_dir d;
    /* A new destination: its parents are made, the stage becomes it. */
    assert_int_equal(kpi_atomic_dir_open(&d, out, &nt), KPI_OK);
    assert_int_equal(stage_and_commit(&d, names, 2, &nt), KPI_OK);
    expect_entries(out, "a.xlsx\nb.xlsx\n");
    /* An existing one: the new files replace theirs, the others stay
     * (the same inode: linked, not copied), nothing is left beside it. */
    char *other = join(out, ".other");
    write_text(other, "keep");
    struct stat before, after;
    assert_int_equal(stat(other, &before), 0);
    const char *one[] = {"a.xlsx"};
    assert_int_equal(kpi_atomic_dir_open(&d, out, &nt), KPI_OK);
    assert_int_equal(stage_and_commit(&d, one, 1, &nt), KPI_OK);
    expect_entries(out, ".other\na.xlsx\nb.xlsx\n");
    assert_int_equal(stat(other, &after), 0);
    assert_int_equal(before.st_ino, after.st_ino);
    char *parent = join(root, "new");
    expect_entries(parent, "out\n");
    assert_string_equal(h.text, "");
    free(parent);
    free(other);
    free(out);
}

static void test_dir_failures(void **state)
{
    const char *root = *state;
    support_heard h = {""};
    kpi_notify nt = {.problem = support_hear, .ctx = &h};
    kpi_atomic_dir d;
    /* Under a file: no folder can be made there. */
    char *file = join(root, "plain");
    write_text(file, "x");
    char *under = join(file, "out");
    assert_int_equal(kpi_atomic_dir_open(&d, under, &nt), KPI_ERR_IO);
    char want[1024];
    snprintf(want, sizeof want, ": cannot create folder '%s': %s\n", under,
             strerror(ENOTDIR));
    assert_string_equal(h.text, want);
    /* A folder where a new file should go: refused before any change. */
    h.text[0] = '\0';
    char *out = join(root, "out");
    char *blocker = join(out, "a.xlsx");
    assert_int_equal(mkdir(out, 0777), 0);
    assert_int_equal(mkdir(blocker, 0777), 0);
    const char *names[] = {"a.xlsx"};
    assert_int_equal(kpi_atomic_dir_open(&d, out, &nt), KPI_OK);
    assert_int_equal(stage_and_commit(&d, names, 1, &nt), KPI_ERR_IO);
    /* The message names the destination as resolved (realpath). */
    assert_non_null(strstr(h.text, "cannot replace the folder '"));
    assert_non_null(strstr(h.text, "/out/a.xlsx' with a file; nothing "
                                   "written\n"));
    expect_entries(out, "a.xlsx\n");
    expect_entries(root, "out\nplain\n");
    /* An abort removes the stage and what was written into it. */
    assert_int_equal(kpi_atomic_dir_open(&d, out, &nt), KPI_OK);
    char *p = join(d.stage, "half.xlsx");
    write_text(p, "half");
    kpi_atomic_dir_abort(&d);
    expect_entries(root, "out\nplain\n");
    /* A commit without an open is a misuse. */
    kpi_atomic_dir z;
    memset(&z, 0, sizeof z);
    assert_int_equal(kpi_atomic_dir_commit(&z, names, 1, &nt), KPI_ERR_ARG);
    free(p);
    free(blocker);
    free(out);
    free(under);
    free(file);
}

/* A staging folder a killed run left long ago is pointed out, never
 * removed unasked: after an exchange it may hold the destination's
 * files. */
static void test_dir_stale_stage(void **state)
{
    const char *root = *state;
    char *stale = join(root, ".kpi-report.AbC123");
    assert_int_equal(mkdir(stale, 0777), 0);
    struct timespec old[2] = {{time(NULL) - 7200, 0}, {time(NULL) - 7200, 0}};
    assert_int_equal(utimensat(AT_FDCWD, stale, old, 0), 0);
    support_heard h = {""};
    kpi_notify nt = {.problem = support_hear, .ctx = &h};
    char *out = join(root, "out");
    kpi_atomic_dir d;
    assert_int_equal(kpi_atomic_dir_open(&d, out, &nt), KPI_OK);
    kpi_atomic_dir_abort(&d);
    assert_non_null(strstr(h.text, "warning: "));
    assert_non_null(strstr(h.text, "kpi-report.AbC123' was left by an "
                                   "interrupted run"));
    struct stat st;
    assert_int_equal(stat(stale, &st), 0);
    free(out);
    free(stale);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_file_written, make_root,
                                        remove_root),
        cmocka_unit_test_setup_teardown(test_file_aborted, make_root,
                                        remove_root),
        cmocka_unit_test_setup_teardown(test_file_cannot_open, make_root,
                                        remove_root),
        cmocka_unit_test_setup_teardown(test_file_cannot_replace_a_folder,
                                        make_root, remove_root),
        cmocka_unit_test_setup_teardown(test_folder_make, make_root,
                                        remove_root),
        cmocka_unit_test_setup_teardown(test_dir_new_and_replaced, make_root,
                                        remove_root),
        cmocka_unit_test_setup_teardown(test_dir_failures, make_root,
                                        remove_root),
        cmocka_unit_test_setup_teardown(test_dir_stale_stage, make_root,
                                        remove_root),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
