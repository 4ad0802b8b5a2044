/* budget_template.c - the budget workbook in the layout kpi reads best
 * (SPEC §3.9), for the finance staff to fill in: the header names kpi
 * looks for, one row per measure type of the catalogue, and months that
 * follow the annual budget until someone types over them. */
#include "sheet_internal.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#define HEADER_ROW 3 /* 0-based: row 4 in the sheet, under the title */

static const char *const guide[] = {
    "Sådan udfylder du budgettet til kpi",
    "",
    "1. Skriv det korrigerede budget for hver foranstaltningstype i kolonnen "
    "'Korrigeret budget' (kroner, fx 1250000).",
    "2. Helårspersoner og Gennemsnitspris er budgettets forudsætninger: "
    "antal børn og unge omregnet til hele år, og den gennemsnitlige årspris "
    "pr. helårsperson. De kan udelades.",
    "3. Månederne Jan til Dec er budgettet fordelt på måneder. Som standard er "
    "hver måned en tolvtedel af det korrigerede budget (en formel). Skriv "
    "selv beløbene, hvis budgettet ikke falder jævnt.",
    "4. Vælg foranstaltningstypen fra listen i kolonne A. Typer, I ikke "
    "bruger, kan stå tomme eller slettes. Hver type må kun stå én gang.",
    "5. Rækker uden korrigeret budget og uden beløb i månederne tæller ikke "
    "med.",
    "6. Behold overskrifterne i række 4. Kolonner og rækker over overskrifterne "
    "må gerne flyttes eller tilføjes; kpi finder overskrifterne selv.",
    "7. Gem projektmappen som budget.xlsx i datasætmappen (.xls og .csv kan "
    "også læses).",
    "",
    "Hvis en type mangler i listen, kan den tilføjes i kpi.ini under "
    "[measure_type.KODE] eller [measure_type_aliases].",
};

kpi_status kpi_budget_template_write(const char *path)
{
    if (!path)
        return KPI_ERR_ARG;
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return KPI_ERR_IO;
    /* Deterministic bytes: a fixed creation time instead of the clock. */
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = "Budget";
    props.created = 1767225600; /* 2026-01-01T00:00:00Z */
    workbook_set_properties(wb, &props);

    lxw_worksheet *ws = workbook_add_worksheet(wb, "Budget");
    lxw_worksheet *help = workbook_add_worksheet(wb, "Vejledning");
    lxw_worksheet *lists = workbook_add_worksheet(wb, "Lister");

    lxw_format *title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format *head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bottom(head, LXW_BORDER_THIN);
    format_set_text_wrap(head);
    lxw_format *kroner = workbook_add_format(wb);
    format_set_num_format(kroner, "#,##0.00");
    lxw_format *input = workbook_add_format(wb);
    format_set_num_format(input, "#,##0.00");
    format_set_bg_color(input, 0xFFF2CC);
    lxw_format *persons = workbook_add_format(wb);
    format_set_num_format(persons, "0.0");
    format_set_bg_color(persons, 0xFFF2CC);
    lxw_format *wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    worksheet_write_string(ws, 0, 0, "Budget for børn og unge med særlige "
                                     "behov", title);
    worksheet_write_string(ws, 1, 0, "Udfyld de gule felter. Se arket "
                                     "Vejledning.", NULL);
    /* The columns in the order of kpi_budget_column: type, annual,
     * recipients, price, Jan..Dec. */
    for (int k = 0; k < KPI_BUDGET_COLUMN_COUNT; k++)
        worksheet_write_string(ws, HEADER_ROW, (lxw_col_t)k,
                               kpi_budget_column_header((kpi_budget_column)k),
                               head);
    worksheet_set_column(ws, 0, 0, 42, NULL);
    worksheet_set_column(ws, 1, 3, 18, NULL);
    worksheet_set_column(ws, 4, 15, 13, NULL);

    size_t n = kpi_catalog_measure_type_count();
    kpi_measure_type_info type;
    for (size_t i = 0; kpi_catalog_measure_type(i, &type); i++) {
        lxw_row_t row = (lxw_row_t)(HEADER_ROW + 1 + i);
        worksheet_write_string(lists, (lxw_row_t)i, 0, type.name, NULL);
        worksheet_write_string(ws, row, 0, type.name, NULL);
        worksheet_write_blank(ws, row, 1, input);
        worksheet_write_blank(ws, row, 2, persons);
        worksheet_write_blank(ws, row, 3, input);
        for (int m = 0; m < 12; m++) {
            char formula[48];
            /* The stored result must be what the formula gives
             * (PLATFORM.md: LibreOffice shows stored results); with the
             * annual budget empty that is 0. */
            snprintf(formula, sizeof formula, "=ROUND(B%lu/12,2)",
                     (unsigned long)row + 1);
            worksheet_write_formula_num(ws, row,
                                        (lxw_col_t)(KPI_BUDGET_JAN + m),
                                        formula, kroner, 0);
        }
    }
    /* The list to choose from: the catalogue's names on the Lister sheet,
     * with room below the prefilled rows for more. */
    char source[64];
    snprintf(source, sizeof source, "=Lister!$A$1:$A$%zu", n);
    lxw_data_validation dv;
    memset(&dv, 0, sizeof dv);
    dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    dv.value_formula = source;
    dv.error_title = "Ukendt foranstaltningstype";
    dv.error_message = "Vælg en type fra listen, eller tilføj den i kpi.ini.";
    worksheet_data_validation_range(ws, HEADER_ROW + 1, 0,
                                    (lxw_row_t)(HEADER_ROW + n + 20), 0, &dv);
    worksheet_freeze_panes(ws, HEADER_ROW + 1, 1);
    worksheet_hide(lists);

    worksheet_set_column(help, 0, 0, 100, wrap);
    for (size_t i = 0; i < sizeof guide / sizeof guide[0]; i++)
        worksheet_write_string(help, (lxw_row_t)i, 0, guide[i],
                               i == 0 ? title : NULL);

    lxw_error err = workbook_close(wb);
    return err == LXW_NO_ERROR ? KPI_OK : KPI_ERR_IO;
}
