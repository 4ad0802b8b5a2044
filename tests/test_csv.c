/* test_csv.c - the CSV reader (csvfile.c) and header mapping (schema.c):
 * SPEC §3.1 and the CPR refusal of §7. */
#include "support.h"

#include "input/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every record the reader passes on, as "LINE:f1|f2|...". */
typedef struct seen_rows {
    char rows[16][256];
    size_t n;
} seen_rows;

static kpi_status collect(void *ctx, unsigned long line,
                          const kpi_csv_field *f, size_t n)
{
    seen_rows *s = ctx;
    assert_true(s->n < 16);
    char *out = s->rows[s->n++];
    int k = snprintf(out, 256, "%lu:", line);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(f[i].s[f[i].len], '\0');
        k += snprintf(out + k, 256 - (size_t)k, "%s%s", i ? "|" : "", f[i].s);
    }
    return KPI_OK;
}

/* Options that collect every record into rows (emptied here). */
static kpi_csv_options collect_options(seen_rows *rows,
                                       kpi_diagnostics *diags,
                                       bool dataset_file)
{
    memset(rows, 0, sizeof *rows);
    kpi_csv_options o;
    memset(&o, 0, sizeof o);
    o.label = "t.csv";
    o.diags = diags;
    o.header = collect;
    o.row = collect;
    o.ctx = rows;
    o.warn_empty_rows = dataset_file;
    return o;
}

/* Reads data as a dataset file (warn_empty_rows) or a sheet; the header
 * and the rows all land in rows. */
static kpi_status read_text_as(const char *data, size_t len, seen_rows *rows,
                               kpi_diagnostics *diags, bool dataset_file)
{
    kpi_csv_options o = collect_options(rows, diags, dataset_file);
    return kpi_csv_read_buffer(&o, data, len);
}

static kpi_status read_text(const char *data, size_t len, seen_rows *rows,
                            kpi_diagnostics *diags)
{
    return read_text_as(data, len, rows, diags, false);
}

static kpi_status read_str(const char *data, seen_rows *rows,
                           kpi_diagnostics *diags)
{
    return read_text(data, strlen(data), rows, diags);
}

/* The only diagnostic, as kpi_diagnostic_print would show it (without
 * the warning prefix). */
static const char *only_message(const kpi_diagnostics *d, char *buf,
                                size_t cap)
{
    assert_int_equal(kpi_diagnostics_count(d), 1);
    const kpi_diagnostic *x = kpi_diagnostics_get(d, 0);
    snprintf(buf, cap, "%s:%lu: %s%s%s", x->file, x->line,
             x->column ? x->column : "", x->column ? ": " : "", x->message);
    return buf;
}

static void test_separators(void **state)
{
    (void)state;
    seen_rows r;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    /* ';' wins over the ',' inside the decimal amounts of the header's
     * neighbours; the header itself decides. */
    assert_int_equal(read_str("a;b;c\n1;2,5;3\n", &r, d), KPI_OK);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.rows[0], "1:a|b|c");
    assert_string_equal(r.rows[1], "2:1|2,5|3");

    assert_int_equal(read_str("a,b\n1,2\n", &r, d), KPI_OK);
    assert_string_equal(r.rows[1], "2:1|2");

    assert_int_equal(read_str("a\tb c\n1\t2 3\n", &r, d), KPI_OK);
    assert_string_equal(r.rows[0], "1:a|b c");
    assert_string_equal(r.rows[1], "2:1|2 3");

    /* A comma inside a quoted header name does not count. */
    assert_int_equal(read_str("\"x,y,z\";b\n1;2\n", &r, d), KPI_OK);
    assert_string_equal(r.rows[0], "1:x,y,z|b");
    assert_int_equal(kpi_diagnostics_count(d), 0);
    kpi_diagnostics_free(d);
}

static void test_quoted_fields_and_lines(void **state)
{
    (void)state;
    seen_rows r;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    /* Line 1 header; line 2 a record whose second field spans lines 2-4
     * and holds a separator and a quote; line 5 empty (skipped); the
     * record after it starts on line 6. */
    const char *text = "id;note;n\n"
                       "1;\"a;b \"\"c\"\"\nline two\nline three\";7\n"
                       "\n"
                       "2;plain;8\n"
                       "  \n"
                       "3;\"\";9";
    assert_int_equal(read_str(text, &r, d), KPI_OK);
    assert_int_equal(r.n, 4);
    assert_string_equal(r.rows[1],
                        "2:1|a;b \"c\"\nline two\nline three|7");
    assert_string_equal(r.rows[2], "6:2|plain|8");
    assert_string_equal(r.rows[3], "8:3||9");
    kpi_diagnostics_free(d);
}

static void test_crlf_and_bom(void **state)
{
    (void)state;
    seen_rows r;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    const char *text = "\xEF\xBB\xBFid;navn\r\n1;\"x\r\ny\"\r\n\r\n2;z\r\n";
    assert_int_equal(read_str(text, &r, d), KPI_OK);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.rows[0], "1:id|navn"); /* no BOM in the name */
    assert_string_equal(r.rows[1], "2:1|x\r\ny");
    assert_string_equal(r.rows[2], "5:2|z");
    kpi_diagnostics_free(d);
}

static void test_windows_1252(void **state)
{
    (void)state;
    seen_rows r;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    /* 0xC6 = Æ, 0xE5 = å, 0xF8 = ø, 0x80 = € (U+20AC) in Windows-1252.
     * The strings are split so "\xF8" "b" is not read as "\xF8b". */
    const char cp[] = "navn;bel\xF8" "b\n\xC6" "blog\xE5rden;5 \x80\n";
    assert_int_equal(read_text(cp, sizeof cp - 1, &r, d), KPI_OK);
    assert_string_equal(r.rows[0], "1:navn|beløb");
    assert_string_equal(r.rows[1], "2:Æblogården|5 €");
    const char cp2[] = "navn\n\xC6" "bleg\xE5rden\n";
    assert_int_equal(read_text(cp2, sizeof cp2 - 1, &r, d), KPI_OK);
    assert_string_equal(r.rows[1], "2:Æblegården");
    assert_int_equal(kpi_diagnostics_count(d), 0);
    kpi_diagnostics_free(d);
}

/* A file of more than 16 MiB (the step in which kpi_csv_read_file checks
 * a mapped file and gives its pages back, csvfile.c RELEASE_STEP) whose
 * byte at 16 MiB - 1 begins `tail`: "navn", blank lines, then "x" and
 * tail on one line. Read as a file, so through the mapped path. */
static kpi_status read_big(const char *tail, seen_rows *r,
                           kpi_diagnostics *d, unsigned long *line)
{
    const size_t step = (size_t)16 << 20;
    size_t tail_len = strlen(tail);
    char *data = malloc(step + tail_len);
    assert_non_null(data);
    memcpy(data, "navn\n", 5);
    memset(data + 5, '\n', step - 1 - 5 - 1);
    data[step - 2] = 'x';
    memcpy(data + step - 1, tail, tail_len);
    *line = 1 + (step - 1 - 5 - 1) + 1; /* navn, the blank lines, x */
    char path[] = "/tmp/kpi-test-csv-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, step - 1 + tail_len, f),
                     step - 1 + tail_len);
    assert_int_equal(fclose(f), 0);
    free(data);
    kpi_csv_options o = collect_options(r, d, false);
    kpi_status st = kpi_csv_read_file(&o, path);
    remove(path);
    return st;
}

/* The encoding is decided on the whole file though it is checked in
 * pieces: a UTF-8 character across the pieces' border is UTF-8; one
 * Windows-1252 byte after the border makes the whole file Windows-1252
 * (the UTF-8 "æ" before it then reads as the two characters "Ã¦"); a
 * binary byte after the border is found at its offset in the file. */
static void test_big_file_in_pieces(void **state)
{
    (void)state;
    seen_rows r;
    char want[64];
    unsigned long line;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    assert_int_equal(read_big("\xC3\xA6\n", &r, d, &line), KPI_OK);
    assert_int_equal(r.n, 2);
    snprintf(want, sizeof want, "%lu:x\xC3\xA6", line);
    assert_string_equal(r.rows[1], want);

    assert_int_equal(read_big("\xC3\xA6\xE6\n", &r, d, &line), KPI_OK);
    snprintf(want, sizeof want, "%lu:x\xC3\x83\xC2\xA6\xC3\xA6", line);
    assert_string_equal(r.rows[1], want);
    assert_int_equal(kpi_diagnostics_count(d), 0);

    assert_int_equal(read_big("ab\x01\n", &r, d, &line), KPI_ERR_INPUT);
    char buf[256];
    snprintf(want, sizeof want,
             "t.csv:%lu: not a text file (binary data at byte %zu)", line,
             ((size_t)16 << 20) + 2);
    assert_string_equal(only_message(d, buf, sizeof buf), want);
    kpi_diagnostics_free(d);
}

static void test_refused_files(void **state)
{
    (void)state;
    seen_rows r;
    char buf[256];
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    assert_int_equal(read_text("", 0, &r, d), KPI_ERR_INPUT);
    assert_string_equal(only_message(d, buf, sizeof buf),
                        "t.csv:0: file is empty");
    kpi_diagnostics_free(d);

    /* A NUL at offset 4 is byte 5. */
    d = kpi_diagnostics_new(NULL);
    assert_int_equal(read_text("a;b\n\0\x01\x02", 7, &r, d), KPI_ERR_INPUT);
    assert_string_equal(only_message(d, buf, sizeof buf),
                        "t.csv:2: not a text file (binary data at byte 5)");
    assert_int_equal(r.n, 0);
    kpi_diagnostics_free(d);

    /* 0x81 is not UTF-8 and Windows-1252 leaves it undefined. */
    d = kpi_diagnostics_new(NULL);
    assert_int_equal(read_str("a;b\nx\x81;y\n", &r, d), KPI_ERR_INPUT);
    assert_string_equal(only_message(d, buf, sizeof buf),
                        "t.csv:2: neither UTF-8 nor Windows-1252 text (byte "
                        "0x81 at byte 6)");
    kpi_diagnostics_free(d);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    seen_rows r;
    char buf[256];
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    /* The file was cut off inside the quoted note that starts on line 3. */
    assert_int_equal(
        read_str("id;note\n1;ok\n2;\"the file ends\nhere", &r, d),
        KPI_ERR_INPUT);
    assert_string_equal(only_message(d, buf, sizeof buf),
                        "t.csv:3: unterminated quoted field starting on "
                        "line 3");
    assert_int_equal(r.n, 2); /* the header and line 2 were passed on */
    kpi_diagnostics_free(d);
}

static void test_malformed_quote_goes_on(void **state)
{
    (void)state;
    seen_rows r;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    /* Line 2 has text after a closing quote; line 3 is fine again. */
    assert_int_equal(read_str("a;b\n\"x\"y;1\n2;3\n", &r, d), KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    assert_int_equal(kpi_diagnostics_get(d, 0)->line, 2);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.rows[1], "3:2|3");
    kpi_diagnostics_free(d);
}

static void test_field_counts(void **state)
{
    (void)state;
    seen_rows r;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    /* Line 3 has one field too many; line 4 was cut off after "4;"
     * (2 fields where the header has 3); ";;" on line 5 is an empty
     * spreadsheet row: skipped with a warning (every row used or
     * reported, SPEC §3.2); the blank line 6 carries nothing. */
    const char *text = "a;b;c\n1;2;3\n1;2;3;4\n4;\n;;\n\n";
    assert_int_equal(read_text_as(text, strlen(text), &r, d, true),
                     KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_count(d), 3);
    const kpi_diagnostic *x = kpi_diagnostics_get(d, 0);
    assert_int_equal(x->line, 3);
    assert_string_equal(x->message, "row has 4 fields, the header has 3");
    x = kpi_diagnostics_get(d, 1);
    assert_int_equal(x->line, 4);
    assert_string_equal(x->message, "row has 2 fields, the header has 3");
    x = kpi_diagnostics_get(d, 2);
    assert_int_equal(x->line, 5);
    assert_int_equal(x->severity, KPI_SEVERITY_WARNING);
    assert_string_equal(x->message,
                        "row has no values (an empty spreadsheet row); skipped");
    assert_int_equal(r.n, 2);
    kpi_diagnostics_free(d);

    /* Read as a sheet (the budget), the empty row is layout: no warning. */
    d = kpi_diagnostics_new(NULL);
    assert_int_equal(read_text_as(text, strlen(text), &r, d, false),
                     KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_count(d), 2);
    kpi_diagnostics_free(d);
}

/* A 10 MB line on line 3, plain or quoted: refused quickly (libcsv alone
 * would grow its buffer 128 bytes at a time), and line 4 is still read. */
static void long_field(bool quoted)
{
    seen_rows r;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    size_t big = 10u << 20;
    char *text = malloc(big + 64);
    assert_non_null(text);
    strcpy(text, quoted ? "a;b\n1;2\n\"" : "a;b\n1;2\n");
    size_t n = strlen(text);
    memset(text + n, 'x', big);
    n += big;
    if (quoted)
        text[n++] = '"';
    memcpy(text + n, ";y\n5;6\n", 7);
    n += 7;
    assert_int_equal(read_text(text, n, &r, d), KPI_ERR_INPUT);
    free(text);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    assert_int_equal(kpi_diagnostics_get(d, 0)->line, 3);
    assert_non_null(strstr(kpi_diagnostics_get(d, 0)->message, "65536"));
    assert_int_equal(r.n, 3); /* header, line 2 and line 4 */
    assert_string_equal(r.rows[2], "4:5|6");
    kpi_diagnostics_free(d);
}

static void test_long_field(void **state)
{
    (void)state;
    long_field(false);
    long_field(true);
}

/* Just over the limit inside quotes, in a short record: libcsv reads it
 * and the reader refuses the field. */
static void test_long_quoted_field_short_record(void **state)
{
    (void)state;
    seen_rows r;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    size_t big = KPI_CSV_MAX_FIELD + 1;
    char *text = malloc(big + 64);
    assert_non_null(text);
    strcpy(text, "a;b;c;d\n\"");
    size_t n = strlen(text);
    memset(text + n, 'x', big);
    n += big;
    memcpy(text + n, "\";;;\n", 5);
    n += 5;
    assert_int_equal(read_text(text, n, &r, d), KPI_ERR_INPUT);
    free(text);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    assert_int_equal(kpi_diagnostics_get(d, 0)->line, 2);
    assert_int_equal(r.n, 1);
    kpi_diagnostics_free(d);
}

static void test_cpr_refused(void **state)
{
    (void)state;
    seen_rows r;
    char buf[512];
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    /* 010112-1234: 1 January (20)12. Never echoed. */
    assert_int_equal(read_str("id;Personnr\nA;x\nB;010112-1234\nC;"
                              "020212-4321\n",
                              &r, d),
                     KPI_ERR_INPUT);
    assert_string_equal(only_message(d, buf, sizeof buf),
                        "t.csv:3: Personnr: column 'Personnr' looks like CPR "
                        "numbers (ddmmyy-xxxx); kpi refuses personal identity "
                        "numbers: replace them with pseudonyms");
    assert_null(strstr(buf, "1234"));
    assert_int_equal(r.n, 2); /* header and line 2; CPR rows not passed on */
    kpi_diagnostics_free(d);

    /* Ten digits in every non-empty value: refused at the first. */
    d = kpi_diagnostics_new(NULL);
    assert_int_equal(read_str("id;cpr\nA;\nB;3112991234\nC;0101001111\n", &r,
                              d),
                     KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    assert_int_equal(kpi_diagnostics_get(d, 0)->line, 3);
    kpi_diagnostics_free(d);

    /* Not CPR: 32 is no day, 13 no month, a date is not ddmmyy-xxxx, and a
     * column with one ten-digit value among others is an id column. */
    d = kpi_diagnostics_new(NULL);
    assert_int_equal(read_str("a;b;c;d\n321299-1234;2026-10-31;0101121234;"
                              "011312-1234\nx;y;K17;z\n",
                              &r, d),
                     KPI_OK);
    assert_int_equal(kpi_diagnostics_count(d), 0);
    kpi_diagnostics_free(d);

    assert_true(kpi_csv_looks_like_cpr("Barn 290200-1234 ", 17));
    assert_false(kpi_csv_looks_like_cpr("12290200-12345", 14));
    assert_false(kpi_csv_looks_like_cpr("300200-1234", 11)); /* 30 Feb */
}

/* ---- header mapping (schema.c) ---------------------------------------- */

static kpi_csv_field F(const char *s)
{
    kpi_csv_field f = {s, strlen(s)};
    return f;
}

static void test_header_aliases(void **state)
{
    (void)state;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_config *c = kpi_config_new_default(NULL);
    assert_non_null(c);
    const kpi_schema *s = kpi_schema_of(KPI_FILE_MEASURES);
    kpi_csv_field h[] = {
        F("Measure ID"),      F("CHILD_ID"),        F("Fødselsdato"),
        F("Målgruppe"),       F("Foranstaltningstype"), F("Leverandørtype"),
        F("Sagsbehandler"),   F("Start-dato"),      F("Slutdato"),
        F("Månedlig udgift"), F("Noget andet"),
    };
    int col[KPI_MAX_COLUMNS];
    assert_int_equal(kpi_schema_map(s, c, h, 11, col, "m.csv", 1, d), KPI_OK);
    assert_int_equal(col[MC_MEASURE_ID], 0);
    assert_int_equal(col[MC_CHILD_ID], 1);
    assert_int_equal(col[MC_BIRTH_DATE], 2);
    assert_int_equal(col[MC_TARGET_GROUP], 3);
    assert_int_equal(col[MC_MEASURE_TYPE], 4);
    assert_int_equal(col[MC_PROVIDER_KIND], 5);
    assert_int_equal(col[MC_CASEWORKER], 6);
    assert_int_equal(col[MC_START_DATE], 7);
    assert_int_equal(col[MC_END_DATE], 8);
    assert_int_equal(col[MC_MONTHLY_COST], 9);
    assert_int_equal(col[MC_FAMILY_ID], -1);
    assert_int_equal(kpi_diagnostics_count(d), 0);

    /* Missing columns are named, one error each; a column named twice is
     * an error too. */
    kpi_csv_field h2[] = {F("measure_id"), F("child_id"), F("barn"),
                          F("birth_date"), F("target_group"),
                          F("measure_type"), F("provider_kind"),
                          F("caseworker")};
    assert_int_equal(kpi_schema_map(s, c, h2, 8, col, "m.csv", 1, d),
                     KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_count(d), 2);
    assert_string_equal(kpi_diagnostics_get(d, 0)->message,
                        "columns 'child_id' and 'barn' both name column "
                        "'child_id'");
    assert_string_equal(kpi_diagnostics_get(d, 1)->message,
                        "missing required column 'start_date'");
    assert_string_equal(kpi_diagnostics_get(d, 1)->column, "start_date");
    kpi_config_free(NULL, c);
    kpi_diagnostics_free(d);
}

/* No two columns of a schema may share a spelling: a header must map to
 * one column or none. */
static void test_aliases_unambiguous(void **state)
{
    (void)state;
    for (int f = 0; f < KPI_FILE_COUNT; f++) {
        const kpi_schema *s = kpi_schema_of((kpi_file)f);
        assert_true(s->n <= KPI_MAX_COLUMNS);
        char names[256][64];
        int owner[256];
        size_t n = 0;
        for (size_t k = 0; k < s->n; k++) {
            kpi_text_fold(s->cols[k].name, strlen(s->cols[k].name), names[n],
                          64);
            owner[n++] = (int)k;
            const char *p = s->cols[k].aliases;
            while (p && *p) {
                const char *bar = strchr(p, '|');
                size_t len = bar ? (size_t)(bar - p) : strlen(p);
                assert_true(n < 256);
                kpi_text_fold(p, len, names[n], 64);
                owner[n++] = (int)k;
                p = bar ? bar + 1 : NULL;
            }
        }
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++)
                if (owner[i] != owner[j] && strcmp(names[i], names[j]) == 0)
                    fail_msg("%s: '%s' names two columns", s->name, names[i]);
    }
    assert_int_equal(kpi_file_from_stem("budget"), KPI_FILE_BUDGET);
    assert_int_equal(kpi_file_from_stem("nope"), -1);
    assert_string_equal(kpi_file_name(KPI_FILE_WAITLIST), "waitlist.csv");
    assert_true(kpi_file_has_column(KPI_FILE_MEASURES, "start_date"));
    assert_false(kpi_file_has_column(KPI_FILE_CASES, "start_date"));
}

/* kpi_text_fold into a buffer of 6 bytes (5 folded bytes and the NUL):
 * a fold of exactly 5 fills it and is whole (returns 5); one more byte is
 * a truncation (returns 6, the cap, with the 5 that fit). "abcdæf" folds
 * to "abcdaef", whose "ae" does not fit after "abcd": the fold stops
 * there, "abcd"; it must not skip the æ and write the f ("abcdf", a fold
 * that "abcdf" itself has: a false match). With 7 bytes "abcdæ" folds
 * exactly full to "abcdae". */
static void test_fold_full_buffer(void **state)
{
    (void)state;
    char out[7];
    assert_int_equal(kpi_text_fold("A-b c", 5, out, 6), 3);
    assert_string_equal(out, "abc");
    assert_int_equal(kpi_text_fold("ab cDe", 6, out, 6), 5);
    assert_string_equal(out, "abcde");
    assert_int_equal(kpi_text_fold("abcdef", 6, out, 6), 6);
    assert_string_equal(out, "abcde");
    assert_int_equal(kpi_text_fold("abcd\xc3\xa6"
                                   "f",
                                   7, out, 6),
                     6);
    assert_string_equal(out, "abcd");
    assert_int_equal(kpi_text_fold("abcd\xc3\xa6", 6, out, 7), 6);
    assert_string_equal(out, "abcdae");
    assert_int_equal(kpi_text_fold("x", 1, out, 1), 1); /* only the NUL */
    assert_string_equal(out, "");
    assert_int_equal(kpi_text_fold("x", 1, out, 0), 0);
}

/* A measure type's spellings are looked up in kpi.ini's catalogue once
 * each, however many a file has (it was a cache of 32: the 33rd and later
 * spellings were looked up again on every row). 40 unknown spellings and
 * 10 of almen_plejefamilie (a space put in at another place each time:
 * "a lmen_plejefamilie", "al men_plejefamilie", ..., all folding to the
 * code), three rows each: 150 rows, 50 lookups; the 120 unknown rows are
 * 120 errors, the 30 known ones the type. */
static void test_type_spellings_looked_up_once(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    assert_non_null(d);
    kpi_table t;
    memset(&t, 0, sizeof t);
    t.ds = ds;
    t.diags = d;
    t.label = "measures.csv";
    t.schema = kpi_schema_of(KPI_FILE_MEASURES);
    for (size_t k = 0; k < KPI_MAX_COLUMNS; k++)
        t.col[k] = -1;
    t.col[0] = 0;
    const char *code = "almen_plejefamilie";
    int almen = kpi_config_find_type(ds->config, code, strlen(code));
    assert_true(almen >= 0);
    char text[50][40];
    for (int i = 0; i < 40; i++)
        snprintf(text[i], sizeof text[i], "ukendt type %d", i);
    for (int i = 0; i < 10; i++)
        snprintf(text[40 + i], sizeof text[i], "%.*s %s", i + 1, code,
                 code + i + 1);
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 50; i++) {
            kpi_csv_field f = {text[i], strlen(text[i])};
            t.fields = &f;
            t.line = (unsigned long)(2 + round * 50 + i);
            uint16_t type = UINT16_MAX;
            bool ok = kpi_table_type(&t, 0, true, "measure type", &type);
            assert_int_equal(ok, i >= 40);
            if (ok)
                assert_int_equal(type, almen);
        }
    assert_int_equal(t.lookups, 50);
    assert_int_equal(t.errors, 120);
    assert_int_equal(t.fatal, KPI_OK);
    kpi_table_spellings_free(&t);
    kpi_diagnostics_free(d);
    kpi_dataset_free(ds);
}

/* kpi_text_is_utf8 reads eight ASCII bytes at a time: a bad or good
 * multi-byte character is found wherever it falls, before, inside or
 * after a run of eight, and at the very end. */
static void test_utf8_check(void **state)
{
    (void)state;
    char buf[40];
    static const struct {
        const char *seq;
        bool ok;
    } cases[] = {
        {"\xc3\xb8", true},          /* ø */
        {"\xe2\x82\xac", true},      /* € */
        {"\xf0\x9f\x98\x80", true},  /* U+1F600 */
        {"\xf8", false},              /* no such lead byte */
        {"\xc3", false},              /* cut short */
        {"\xc0\xaf", false},          /* overlong '/' */
        {"\xed\xa0\x80", false},      /* a surrogate */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t n = strlen(cases[c].seq);
        for (size_t at = 0; at + n <= 20; at++) {
            memset(buf, 'a', 20);
            memcpy(buf + at, cases[c].seq, n);
            /* at the end of the text too: only at + n bytes */
            assert_int_equal(kpi_text_is_utf8(buf, 20), cases[c].ok);
            assert_int_equal(kpi_text_is_utf8(buf, at + n), cases[c].ok);
        }
    }
    memset(buf, 'a', 20);
    assert_true(kpi_text_is_utf8(buf, 20));
    assert_true(kpi_text_is_utf8(buf, 0));
}

/* Records are scanned sixteen bytes at a time (scan_plain): a
 * separator, a quote, a CR or the newline at every offset around the
 * steps lands in the right field, and a record with a quote still goes
 * to libcsv. Record 2 is "<k x's> ;<sp>b;c" + one of the
 * endings; record 3 follows on the same buffer. */
static void test_plain_records_any_offset(void **state)
{
    (void)state;
    static const struct {
        const char *tail, *want;
    } cases[] = {
        {" ; b ;c\n", "|b|c"},
        {";\"b;\";c\r\n", "|b;|c"},
        {";b;\"c\"\n", "|b|c"},
        {";b;c\r\n", "|b|c"},
        {";b; c \n", "|b|c"},
    };
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    assert_non_null(d);
    char text[128], want[3][96];
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (int k = 0; k < 40; k++) {
            int n = snprintf(text, sizeof text, "h1;h2;h3\n%.*s%s1;2;3",
                             k, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                             cases[c].tail);
            seen_rows rows;
            kpi_diagnostics_truncate(d, 0);
            assert_int_equal(read_text((const char *)text, (size_t)n, &rows,
                                       d),
                             KPI_OK);
            snprintf(want[0], sizeof want[0], "1:h1|h2|h3");
            snprintf(want[1], sizeof want[1], "2:%.*s%s", k,
                     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                     cases[c].want);
            snprintf(want[2], sizeof want[2], "3:1|2|3");
            assert_int_equal(rows.n, 3);
            for (int i = 0; i < 3; i++)
                assert_string_equal(rows.rows[i], want[i]);
        }
    kpi_diagnostics_free(d);
}

/* kpi_text_check against the two checks it replaced, byte by byte: the
 * first binary byte, and whether the text is UTF-8 up to the end. Random
 * texts of ASCII, controls, Danish letters, longer characters and bad
 * bytes, at every length around the eight-byte steps. */
static size_t slow_binary(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' &&
            s[i] != '\f' && s[i] != 0x1A)
            return i;
    return (size_t)-1;
}

/* UTF-8 by the table of RFC 3629 (section 4): the byte ranges of each
 * valid sequence, no arithmetic. */
static bool slow_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        unsigned lo = 0x80, hi = 0xBF;
        size_t more;
        if (c < 0x80)
            more = 0;
        else if (c >= 0xC2 && c <= 0xDF)
            more = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else
            return false;
        if (more && i + more >= len)
            return false;
        for (size_t k = 1; k <= more; k++) {
            unsigned b = s[i + k];
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
                return false;
        }
        i += more + 1;
    }
    return true;
}

/* The same through the reader (csvfile.c reads sixteen bytes at a time
 * where it can): after a byte order mark, the binary byte's message, or
 * the BOM's when the text is not UTF-8, or neither. */
static void check_as_file(const unsigned char *text, size_t n, size_t bin,
                          bool utf8)
{
    /* The BOM sends the first 32 bytes the slow way: the text starts
     * after them, at a multiple of sixteen. */
    char file[112], want[96];
    memcpy(file, "\xEF\xBB\xBF", 3);
    memset(file + 3, 'a', 29);
    memcpy(file + 32, text, n);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    assert_non_null(d);
    kpi_csv_options o;
    memset(&o, 0, sizeof o);
    o.label = "t.csv";
    o.diags = d;
    kpi_csv_read_buffer(&o, file, n + 32);
    const char *got = kpi_diagnostics_count(d)
                          ? kpi_diagnostics_get(d, 0)->message
                          : "";
    if (bin != (size_t)-1) {
        snprintf(want, sizeof want,
                 "not a text file (binary data at byte %zu)", bin + 33);
        assert_string_equal(got, want);
    } else if (!utf8) {
        assert_string_equal(got, "the file starts with a UTF-8 byte order "
                                 "mark but is not valid UTF-8");
    } else {
        assert_null(strstr(got, "UTF-8"));
        assert_null(strstr(got, "binary"));
    }
    kpi_diagnostics_free(d);
}

static void test_text_check(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "bc", ";", "\n", "\r\n", "\t", "\x1a", "\f", "\xc3\xb8",
        "\xc3\x98", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xc3",
        "\xb8", "\xc0\xaf", "\xed\xa0\x80", "\xf8", "\xe9"};
    const size_t n_pieces = sizeof pieces / sizeof pieces[0];
    unsigned seed = 12345;
    unsigned char buf[64];
    for (int round = 0; round < 5000; round++) {
        size_t len = 0;
        while (len < 40) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 100;
            const char *piece;
            char one[2] = {0, 0};
            if (r < 60)
                piece = "abcdefgh";
            else if (r < 90 || (r < 96 && round % 3))
                piece = pieces[r % (n_pieces - 5)];
            else if (r < 96) /* a third of the texts have bad bytes */
                piece = pieces[n_pieces - 5 + (seed >> 8) % 5];
            else {
                one[0] = (char)((seed >> 8) % 0x20); /* maybe NUL */
                piece = one;
            }
            size_t k = strlen(piece);
            if (piece == one)
                k = 1;
            if (r < 60)
                k = 1 + (seed >> 4) % 8;
            memcpy(buf + len, piece, k);
            len += k;
        }
        for (size_t n = 0; n <= len; n++) {
            size_t bin = slow_binary(buf, n);
            bool utf8 = true;
            assert_int_equal(kpi_text_check((const char *)buf, n, &utf8),
                             bin);
            if (bin == (size_t)-1)
                assert_int_equal(utf8, slow_utf8(buf, n));
            assert_int_equal(kpi_text_is_utf8((const char *)buf, n),
                             slow_utf8(buf, n));
            bool unchecked = false;
            assert_int_equal(
                kpi_text_check((const char *)buf, n, &unchecked), bin);
            assert_false(unchecked);
            if (n + 2 >= len) /* long enough for two sixteens */
                check_as_file(buf, n, bin, slow_utf8(buf, n));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_quoted_fields_and_lines),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_windows_1252),
        cmocka_unit_test(test_utf8_check),
        cmocka_unit_test(test_text_check),
        cmocka_unit_test(test_plain_records_any_offset),
        cmocka_unit_test(test_refused_files),
        cmocka_unit_test(test_big_file_in_pieces),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_malformed_quote_goes_on),
        cmocka_unit_test(test_field_counts),
        cmocka_unit_test(test_long_field),
        cmocka_unit_test(test_long_quoted_field_short_record),
        cmocka_unit_test(test_cpr_refused),
        cmocka_unit_test(test_header_aliases),
        cmocka_unit_test(test_aliases_unambiguous),
        cmocka_unit_test(test_fold_full_buffer),
        cmocka_unit_test(test_type_spellings_looked_up_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
