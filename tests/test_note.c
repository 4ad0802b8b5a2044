/* test_note.c - the administration's note (kpi.h: kpi_note_read): the
 * file bemaerkninger-YYYY-MM.txt of the report month, plain UTF-8. */
#include "support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kpi.h"

static const kpi_month SEPT = {2026, 9};

/* A fresh folder with bemaerkninger-2026-09.txt holding len bytes of
 * text (none when text is NULL). */
static char *folder_with(const char *text, size_t len)
{
    char tmpl[] = "/tmp/kpi-note.XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    if (text) {
        char path[256];
        snprintf(path, sizeof path, "%s/bemaerkninger-2026-09.txt", dir);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(text, 1, len, f), len);
        fclose(f);
    }
    return strdup(dir);
}

static void remove_folder(char *dir)
{
    char path[256];
    snprintf(path, sizeof path, "%s/bemaerkninger-2026-09.txt", dir);
    unlink(path);
    rmdir(dir);
    free(dir);
}

static void no_file_is_no_note(void **state)
{
    (void)state;
    char *dir = folder_with(NULL, 0);
    char *text = (char *)1;
    assert_int_equal(kpi_note_read(NULL, dir, SEPT, &text, NULL), KPI_OK);
    assert_null(text);
    remove_folder(dir);
}

/* Another month's note is not this month's. */
static void other_month_is_no_note(void **state)
{
    (void)state;
    char *dir = folder_with("Noter", 5);
    char *text = NULL;
    kpi_month oct = {2026, 10};
    assert_int_equal(kpi_note_read(NULL, dir, oct, &text, NULL), KPI_OK);
    assert_null(text);
    remove_folder(dir);
}

/* The byte order mark goes, CR LF becomes LF, the trailing blank lines
 * and spaces go; Danish letters stay. */
static void text_is_normalised(void **state)
{
    (void)state;
    const char raw[] = "\xEF\xBB\xBFMerforbrug p\xC3\xA5 opholdssteder.\r\n"
                       "\r\nBesparelse: 1,6 mio. kr.  \r\n\r\n";
    char *dir = folder_with(raw, sizeof raw - 1);
    char *text = NULL;
    assert_int_equal(kpi_note_read(NULL, dir, SEPT, &text, NULL), KPI_OK);
    assert_string_equal(text, "Merforbrug p\xC3\xA5 opholdssteder.\n\n"
                              "Besparelse: 1,6 mio. kr.");
    kpi_xfree(NULL, text);
    remove_folder(dir);
}

/* Nothing but white space: no note, so no empty box. */
static void blank_file_is_no_note(void **state)
{
    (void)state;
    char *dir = folder_with(" \r\n\n\t\n", 6);
    char *text = (char *)1;
    assert_int_equal(kpi_note_read(NULL, dir, SEPT, &text, NULL), KPI_OK);
    assert_null(text);
    remove_folder(dir);
}

/* A note of len bytes is refused as input at line `line`, with no text. */
static void expect_bad_line(const char *raw, size_t len, unsigned long line)
{
    char *dir = folder_with(raw, len);
    char *text = (char *)1;
    unsigned long got = 0;
    assert_int_equal(kpi_note_read(NULL, dir, SEPT, &text, &got),
                     KPI_ERR_INPUT);
    assert_null(text);
    assert_int_equal(got, line);
    remove_folder(dir);
}

/* Windows-1252 "å" (0xE5) on line 3 is not UTF-8: an error at line 3. */
static void invalid_utf8_names_its_line(void **state)
{
    (void)state;
    const char raw[] = "Linje 1\nLinje 2\nBesparelse p\xE5 5 mio.\nLinje 4\n";
    expect_bad_line(raw, sizeof raw - 1, 3);
}

/* A NUL byte (a binary file saved under the name) on line 2. */
static void nul_byte_is_an_error(void **state)
{
    (void)state;
    const char raw[] = "Linje 1\nab\0cd\n";
    expect_bad_line(raw, sizeof raw - 1, 2);
}

static void bad_arguments(void **state)
{
    (void)state;
    char *text = NULL;
    kpi_month bad = {2026, 13};
    assert_int_equal(kpi_note_read(NULL, NULL, SEPT, &text, NULL), KPI_ERR_ARG);
    assert_int_equal(kpi_note_read(NULL, "/tmp", bad, &text, NULL),
                     KPI_ERR_ARG);
    assert_int_equal(kpi_note_read(NULL, "/tmp", SEPT, NULL, NULL),
                     KPI_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_file_is_no_note),
        cmocka_unit_test(other_month_is_no_note),
        cmocka_unit_test(text_is_normalised),
        cmocka_unit_test(blank_file_is_no_note),
        cmocka_unit_test(invalid_utf8_names_its_line),
        cmocka_unit_test(nul_byte_is_an_error),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
