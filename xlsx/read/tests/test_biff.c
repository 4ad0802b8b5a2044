/* test_biff.c - biff.c on compound files built here byte by byte (MS-CFB
 * around a BIFF8 Workbook stream, MS-XLS records): each formula's stored
 * result (a number, text from a STRING record continued in a CONTINUE
 * record, a boolean, an error, an empty text, dates by built-in and
 * custom format), a typed #N/A, a sheet found by order when BOUNDSHEET's
 * position is wrong; FILEPASS, an encrypted .xlsx and an Office file
 * without a workbook told apart. And the .xlsx reader's shared strings:
 * two cells showing one string point to one copy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sheet_internal.h"

#include <stdio.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define SECTOR 512
#define STREAM_SECTORS 8 /* 4096 bytes: not in the mini stream */
#define FILE_SIZE (SECTOR * (3 + STREAM_SECTORS))

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v & 0xFF);
    p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xFFFF);
    put16(p + 2, v >> 16);
}

/* A directory entry: name (ASCII), type, first sector, size. */
static void dir_entry(unsigned char *e, const char *name, unsigned type,
                      uint32_t start, uint32_t size)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++)
        put16(e + 2 * i, (unsigned char)name[i]);
    put16(e + 0x40, (unsigned)(n + 1) * 2);
    e[0x42] = (unsigned char)type;
    put32(e + 0x44, 0xFFFFFFFFu); /* no siblings, no child */
    put32(e + 0x48, 0xFFFFFFFFu);
    put32(e + 0x4C, 0xFFFFFFFFu);
    put32(e + 0x74, start);
    put32(e + 0x78, size);
}

/* A compound file whose second directory entry is `name` holding stream
 * (at most 4096 bytes; the rest zeros). Header, FAT in sector 0, the
 * directory in sector 1, the stream from sector 2. */
static void make_cfb(unsigned char *f, const char *name,
                     const unsigned char *stream, size_t len)
{
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                         0xA1, 0xB1, 0x1A, 0xE1};
    memset(f, 0, FILE_SIZE);
    memcpy(f, sig, 8);
    put16(f + 0x18, 0x3E);
    put16(f + 0x1A, 3);
    put16(f + 0x1C, 0xFFFE);
    put16(f + 0x1E, 9);
    put16(f + 0x20, 6);
    put32(f + 0x2C, 1);           /* one FAT sector */
    put32(f + 0x30, 1);           /* the directory */
    put32(f + 0x38, 4096);        /* mini stream cutoff */
    put32(f + 0x3C, 0xFFFFFFFEu); /* no mini FAT */
    put32(f + 0x44, 0xFFFFFFFEu); /* no DIFAT sectors */
    for (int i = 0; i < 109; i++)
        put32(f + 0x4C + 4 * i, i == 0 ? 0 : 0xFFFFFFFFu);
    unsigned char *fat = f + SECTOR;
    for (int i = 0; i < SECTOR / 4; i++)
        put32(fat + 4 * i, 0xFFFFFFFFu);
    put32(fat, 0xFFFFFFFDu);     /* sector 0: the FAT */
    put32(fat + 4, 0xFFFFFFFEu); /* sector 1: the directory */
    for (uint32_t s = 2; s < 2 + STREAM_SECTORS; s++)
        put32(fat + 4 * s, s + 1 < 2 + STREAM_SECTORS ? s + 1 : 0xFFFFFFFEu);
    unsigned char *dir = f + 2 * SECTOR;
    dir_entry(dir, "Root Entry", 5, 0xFFFFFFFEu, 0);
    dir_entry(dir + 128, name, 2, 2, STREAM_SECTORS * SECTOR);
    assert_true(len <= STREAM_SECTORS * SECTOR);
    memcpy(f + 3 * SECTOR, stream, len);
}

/* Appends a record. */
static size_t rec(unsigned char *s, size_t at, unsigned id,
                  const unsigned char *data, size_t size)
{
    put16(s + at, id);
    put16(s + at + 2, (unsigned)size);
    if (size)
        memcpy(s + at + 4, data, size);
    return at + 4 + size;
}

/* A FORMULA record at row, col (0-based) with XF xf and the 8 bytes of
 * its cached value; no formula tokens (cce 0). */
static size_t formula(unsigned char *s, size_t at, unsigned row,
                      unsigned col, unsigned xf, const unsigned char v[8])
{
    unsigned char d[22] = {0};
    put16(d, row);
    put16(d + 2, col);
    put16(d + 4, xf);
    memcpy(d + 6, v, 8);
    return rec(s, at, 0x0006, d, sizeof d);
}

static size_t number(unsigned char *s, size_t at, unsigned row,
                     unsigned col, unsigned xf, double x)
{
    unsigned char v[8];
    uint64_t bits;
    memcpy(&bits, &x, 8);
    put32(v, (uint32_t)bits);
    put32(v + 4, (uint32_t)(bits >> 32));
    return formula(s, at, row, col, xf, v);
}

/* The Workbook stream of a one-sheet workbook 'Budget' with the formula
 * cells of test_stored_results; with boundsheet_pos_wrong the BOUNDSHEET
 * points nowhere. Returns its length. */
static size_t workbook(unsigned char *s, bool filepass,
                       bool boundsheet_pos_wrong)
{
    unsigned char bof[16] = {0x00, 0x06, 0x05, 0x00};
    size_t at = rec(s, 0, 0x0809, bof, sizeof bof);
    if (filepass) {
        unsigned char fp[6] = {0};
        return rec(s, at, 0x002F, fp, sizeof fp);
    }
    /* FORMAT 164 "dd.mm.yyyy", then XF 0 (General), 1 (built-in 14),
     * 2 (164). */
    unsigned char fmt[15] = {164, 0, 10, 0, 0};
    memcpy(fmt + 5, "dd.mm.yyyy", 10);
    at = rec(s, at, 0x041E, fmt, sizeof fmt);
    const unsigned xf_fmt[3] = {0, 14, 164};
    for (int i = 0; i < 3; i++) {
        unsigned char xf[20] = {0};
        put16(xf + 2, xf_fmt[i]);
        at = rec(s, at, 0x00E0, xf, sizeof xf);
    }
    size_t bs = at;
    unsigned char sheet[14] = {0, 0, 0, 0, 0, 0, 6, 0};
    memcpy(sheet + 8, "Budget", 6);
    at = rec(s, at, 0x0085, sheet, sizeof sheet);
    at = rec(s, at, 0x000A, NULL, 0);
    /* The sheet's BOF: BOUNDSHEET points here, or past the stream. */
    put32(s + bs + 4, boundsheet_pos_wrong ? 0x7FFFFFF0u : (uint32_t)at);
    bof[2] = 0x10;
    at = rec(s, at, 0x0809, bof, sizeof bof);
    at = number(s, at, 0, 0, 0, 1234.5); /* A1 */
    /* A2: text, "Bud" in the STRING record, "gæt" (UTF-16) continued. */
    static const unsigned char text_v[8] = {0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    at = formula(s, at, 1, 0, 0, text_v);
    static const unsigned char str[6] = {6, 0, 0, 'B', 'u', 'd'};
    at = rec(s, at, 0x0207, str, sizeof str);
    static const unsigned char cont[7] = {1, 'g', 0, 0xE6, 0, 't', 0};
    at = rec(s, at, 0x003C, cont, sizeof cont);
    static const unsigned char bool_v[8] = {1, 0, 1, 0, 0, 0, 0xFF, 0xFF};
    at = formula(s, at, 2, 0, 0, bool_v); /* A3: TRUE */
    static const unsigned char err_v[8] = {2, 0, 7, 0, 0, 0, 0xFF, 0xFF};
    at = formula(s, at, 3, 0, 0, err_v); /* A4: #DIV/0! */
    static const unsigned char empty_v[8] = {3, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    at = formula(s, at, 4, 0, 0, empty_v); /* A5: "" */
    /* 46023 is 2026-01-01: 25569 is 1970-01-01, 20454 days before. */
    at = number(s, at, 5, 0, 1, 46023.0); /* A6: built-in date */
    at = number(s, at, 6, 0, 2, 46023.75); /* A7: custom date, 18:00 */
    at = number(s, at, 7, 0, 2, -1.0); /* A8: no date before 1900 */
    unsigned char boolerr[8] = {8, 0, 0, 0, 0, 0, 0x2A, 1};
    at = rec(s, at, 0x0205, boolerr, sizeof boolerr); /* A9: typed #N/A */
    return rec(s, at, 0x000A, NULL, 0);
}

static void check_cell(const kpi_biff_formula *f, uint32_t row,
                       kpi_cell_type type, bool is_formula)
{
    assert_string_equal(f->sheet, "Budget");
    assert_int_equal(f->row, row);
    assert_int_equal(f->col, 1);
    assert_int_equal(f->type, type);
    assert_int_equal(f->formula, is_formula);
}

static void scan_workbook(bool pos_wrong)
{
    static unsigned char stream[4096], file[FILE_SIZE];
    memset(stream, 0, sizeof stream);
    size_t n = workbook(stream, false, pos_wrong);
    make_cfb(file, "Workbook", stream, n);
    kpi_biff_formulas f;
    assert_int_equal(kpi_biff_find_formulas(NULL, file, sizeof file, &f),
                     KPI_OK);
    assert_int_equal(f.kind, KPI_BIFF_WORKBOOK);
    assert_int_equal(f.count, 9);
    check_cell(&f.items[0], 1, KPI_CELL_NUMBER, true);
    assert_true(f.items[0].number == 1234.5);
    check_cell(&f.items[1], 2, KPI_CELL_TEXT, true);
    assert_string_equal(f.items[1].text, "Bud" "g\xC3\xA6t");
    check_cell(&f.items[2], 3, KPI_CELL_BOOL, true);
    assert_true(f.items[2].number == 1);
    check_cell(&f.items[3], 4, KPI_CELL_ERROR, true);
    assert_string_equal(f.items[3].text, "#DIV/0!");
    check_cell(&f.items[4], 5, KPI_CELL_EMPTY, true);
    check_cell(&f.items[5], 6, KPI_CELL_DATE, true);
    char date[11];
    kpi_date_format(f.items[5].date, date);
    assert_string_equal(date, "2026-01-01");
    check_cell(&f.items[6], 7, KPI_CELL_DATE, true);
    kpi_date_format(f.items[6].date, date);
    assert_string_equal(date, "2026-01-01");
    check_cell(&f.items[7], 8, KPI_CELL_NUMBER, true);
    assert_true(f.items[7].number == -1.0);
    check_cell(&f.items[8], 9, KPI_CELL_ERROR, false);
    assert_string_equal(f.items[8].text, "#N/A");
    kpi_biff_formulas_free(NULL, &f);
}

static void test_stored_results(void **state)
{
    (void)state;
    scan_workbook(false);
}

static void test_sheet_by_order(void **state)
{
    (void)state;
    scan_workbook(true);
}

static void test_kinds(void **state)
{
    (void)state;
    static unsigned char stream[4096], file[FILE_SIZE];
    memset(stream, 0, sizeof stream);
    size_t n = workbook(stream, true, false);
    static const struct {
        const char *stream;
        kpi_biff_kind kind;
    } cases[] = {{"Workbook", KPI_BIFF_PASSWORD},
                 {"EncryptedPackage", KPI_BIFF_ENCRYPTED_OOXML},
                 {"WordDocument", KPI_BIFF_NOT_A_WORKBOOK}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kpi_biff_formulas f;
        make_cfb(file, cases[i].stream, stream, n);
        assert_int_equal(kpi_biff_find_formulas(NULL, file, sizeof file, &f),
                         KPI_OK);
        assert_int_equal(f.kind, cases[i].kind);
        kpi_biff_formulas_free(NULL, &f);
    }

    /* And what the clerk reads: no library named. */
    make_cfb(file, "EncryptedPackage", stream, n);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_sheets_options o;
    memset(&o, 0, sizeof o);
    o.soffice = "";
    o.label = "budget.xlsx";
    kpi_sheets *book = NULL;
    assert_int_equal(kpi_sheets_open_buffer(file, sizeof file, &o, &book, d),
                     KPI_ERR_INPUT);
    assert_string_equal(kpi_diagnostics_get(d, 0)->message,
                        "the workbook is protected with a password (an "
                        "encrypted .xlsx): remove it and save again (in "
                        "Excel: File, Info, Protect Workbook, Encrypt with "
                        "Password, clear the password)");
    kpi_diagnostics_free(d);
}

/* Two cells showing one shared string point to one copy of it. */
static void test_shared_string_once(void **state)
{
    (void)state;
    char path[] = "/tmp/kpi-biff-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Budget");
    worksheet_write_string(ws, 0, 0, "Plejefamilie", NULL);
    worksheet_write_string(ws, 5, 2, "Plejefamilie", NULL);
    worksheet_write_string(ws, 6, 2, "Andet", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_sheets *book = NULL;
    assert_int_equal(kpi_sheets_open(path, NULL, &book, d), KPI_OK);
    unlink(path);
    const kpi_sheet *s = kpi_sheets_get(book, 0);
    const kpi_cell *a = kpi_sheet_find(s, 1, 1), *b = kpi_sheet_find(s, 6, 3),
                   *c = kpi_sheet_find(s, 7, 3);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_string_equal(a->text, "Plejefamilie");
    assert_ptr_equal(a->text, b->text);
    assert_ptr_not_equal(a->text, c->text);
    kpi_sheets_free(book);
    kpi_diagnostics_free(d);
}

/* BIFF5 (Excel 5/95) keeps its 8-bit text in the workbook's code page,
 * which the CODEPAGE record (0x0042, MS-XLS 2.4.52) names; without one it
 * is Windows-1252. The corpus has no BIFF5 file with text outside ASCII in
 * another code page (two say 10000, Macintosh, over ASCII names), so the
 * stream is made here: a "Book" stream, BOF version 0x0500, the sheet
 * "B\x8Er" (BOUNDSHEET: position, flags, an 8-bit count, the bytes) and a
 * formula in A1 whose text "\x8E" is in the STRING record (a 16-bit count
 * and the bytes). The byte 0x8E is Ž (U+017D) in 1252, é (U+00E9) in the
 * Macintosh code page, Ä (U+00C4) in the DOS code page 850. */
static size_t book_biff5(unsigned char *s, int codepage)
{
    unsigned char bof[8] = {0x00, 0x05, 0x05, 0x00};
    size_t at = rec(s, 0, 0x0809, bof, sizeof bof);
    if (codepage) {
        unsigned char cp[2];
        put16(cp, (unsigned)codepage);
        at = rec(s, at, 0x0042, cp, sizeof cp);
    }
    size_t bs = at;
    unsigned char sheet[10] = {0, 0, 0, 0, 0, 0, 3, 'B', 0x8E, 'r'};
    at = rec(s, at, 0x0085, sheet, sizeof sheet);
    at = rec(s, at, 0x000A, NULL, 0);
    put32(s + bs + 4, (uint32_t)at);
    bof[2] = 0x10;
    at = rec(s, at, 0x0809, bof, sizeof bof);
    static const unsigned char text_v[8] = {0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    at = formula(s, at, 0, 0, 0, text_v);
    static const unsigned char str[3] = {1, 0, 0x8E};
    at = rec(s, at, 0x0207, str, sizeof str);
    return rec(s, at, 0x000A, NULL, 0);
}

static void test_biff5_code_page(void **state)
{
    (void)state;
    static const struct {
        int codepage;
        const char *letter; /* 0x8E in UTF-8 */
    } cases[] = {
        {0, "\xC5\xBD"},     /* no CODEPAGE: 1252, Ž */
        {1252, "\xC5\xBD"},  /* Ž */
        {32769, "\xC5\xBD"}, /* 1252 by its BIFF name */
        {10000, "\xC3\xA9"}, /* Macintosh: é */
        {850, "\xC3\x84"},   /* DOS Latin-1: Ä */
        {4242, "\xC5\xBD"},  /* no such code page: 1252 */
    };
    static unsigned char stream[4096], file[FILE_SIZE];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(stream, 0, sizeof stream);
        size_t n = book_biff5(stream, cases[i].codepage);
        make_cfb(file, "Book", stream, n);
        kpi_biff_formulas f;
        assert_int_equal(kpi_biff_find_formulas(NULL, file, sizeof file, &f),
                         KPI_OK);
        char sheet[16], text[16];
        snprintf(sheet, sizeof sheet, "B%sr", cases[i].letter);
        snprintf(text, sizeof text, "%s", cases[i].letter);
        assert_int_equal(f.n_sheets, 1);
        assert_string_equal(f.sheets[0], sheet);
        assert_int_equal(f.count, 1);
        assert_int_equal(f.items[0].type, KPI_CELL_TEXT);
        assert_string_equal(f.items[0].text, text);
        kpi_biff_formulas_free(NULL, &f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stored_results),
        cmocka_unit_test(test_sheet_by_order),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_shared_string_once),
        cmocka_unit_test(test_biff5_code_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
