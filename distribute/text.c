/*
 * text.c - the Danish words of a pack's mail (kpi/distribute.h:
 * kpi_mail_text): the subject, and a body with a greeting, what is
 * attached, the headline figures the map gives the recipient's group, the
 * red lights among the pack's figures, and a signature. The figures are
 * written as the pack shows them: the same headline rows as the recipient
 * overview (kpi_book_headline), hidden or "<5" / ".." where the recipient's
 * privacy says so.
 */
#include "danish.h"
#include "mail.h"

#include "kpi/distribute.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "- label: value" of the headline row of figure f, the value as the
 * pack shows it ("<5" or ".." when masked). */
static void figure_line(kpi_mail_buf *b, const kpi_pack_view *v,
                        const kpi_figure_info *f, const kpi_row *row,
                        const char *label, const char *suffix)
{
    char value[64];
    const char *mark = kpi_privacy_row_mark(v->privacy, row);
    if (mark)
        snprintf(value, sizeof value, "%s", mark);
    else
        kpi_danish_value(row, f->headline.format, value, sizeof value);
    kpi_mail_buf_puts(b, "- ");
    kpi_mail_buf_puts(b, label);
    kpi_mail_buf_puts(b, ": ");
    kpi_mail_buf_puts(b, value);
    kpi_mail_buf_puts(b, suffix);
    kpi_mail_buf_puts(b, "\n");
}

static void greeting(kpi_mail_buf *b, const kpi_pack *p, kpi_month m)
{
    char period[64]; /* "oktober 2026" */
    kpi_period_format(KPI_PERIOD_MONTH, m, KPI_PERIOD_STYLE_TEXT, period,
                      sizeof period);
    kpi_mail_buf_puts(b, "Kære ");
    kpi_mail_buf_puts(b, p->name ? p->name : kpi_group_name(p->group));
    kpi_mail_buf_puts(b, "\n\nHer er ledelsesinformationen for ");
    kpi_mail_buf_puts(b, period);
    if (p->team) {
        kpi_mail_buf_puts(b, " for ");
        kpi_mail_buf_puts(b, p->team);
    } else if (p->caseworker) {
        kpi_mail_buf_puts(b, " for dine egne sager");
    }
    kpi_mail_buf_puts(b, ". Projektmappen ");
    kpi_mail_buf_puts(b, p->file_name);
    kpi_mail_buf_puts(b, " er vedhæftet med alle dine nøgletal og deres "
                         "opdelinger.\n\nHovedtal\n");
}

/* The headline of every figure the map gives the group. */
static void headlines(kpi_mail_buf *b, const kpi_map *map, const kpi_pack *p,
                      const kpi_pack_view *v, const kpi_book_input *in)
{
    size_t shown = 0;
    char label[256];
    for (size_t i = 0; kpi_catalog_figure(i); i++) {
        const kpi_figure_info *f = kpi_catalog_figure(i);
        if (!kpi_map_get(map, f->id, p->group))
            continue;
        const kpi_row *row = kpi_book_headline(in, f->id, label, sizeof label);
        if (!row || !kpi_privacy_row_visible(v->privacy, row))
            continue;
        figure_line(b, v, f, row, label, "");
        shown++;
    }
    if (!shown)
        kpi_mail_buf_puts(b, "- Der er ingen hovedtal at vise for "
                             "måneden.\n");
}

/* The red lights: the target statuses (kpi.ini [target.*]) that are red,
 * for the figures of the recipient's pack. */
static void red_lights(kpi_mail_buf *b, const kpi_map *map, const kpi_pack *p,
                       const kpi_pack_view *v, const kpi_book_input *in)
{
    char red_word[16], label[256];
    kpi_danish_status(KPI_TARGET_RED, red_word, sizeof red_word);
    kpi_mail_buf_puts(b, "\nRøde lamper\n");
    size_t red = 0;
    /* In the catalogue's order, which is the rows' order. */
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++) {
        const kpi_figure_info *f = kpi_catalog_figure(i);
        const kpi_row *r = kpi_figures_status(v->used, f->id);
        if (kpi_row_target_status(r) != KPI_TARGET_RED ||
            !kpi_map_get(map, r->kpi_id, p->group) ||
            !kpi_privacy_row_visible(v->privacy, r) ||
            kpi_privacy_row_masked(v->privacy, r))
            continue;
        const kpi_row *head =
            kpi_book_headline(in, r->kpi_id, label, sizeof label);
        if (head && kpi_privacy_row_visible(v->privacy, head)) {
            char suffix[32];
            snprintf(suffix, sizeof suffix, " (%s)", red_word);
            figure_line(b, v, f, head, label, suffix);
        } else {
            /* No headline to show: the figure's name and the period. */
            char when[64];
            /* A text that is not a period code is written as it is. */
            kpi_period_text(r->period, KPI_PERIOD_STYLE_TEXT, when,
                            sizeof when);
            snprintf(label, sizeof label, "%s, %s", f->name, when);
            kpi_mail_buf_puts(b, "- ");
            kpi_mail_buf_puts(b, label);
            kpi_mail_buf_puts(b, ": ");
            kpi_mail_buf_puts(b, red_word);
            kpi_mail_buf_puts(b, "\n");
        }
        red++;
    }
    if (!red)
        kpi_mail_buf_puts(b, "- Ingen af dine nøgletal er røde.\n");
}

static void signature(kpi_mail_buf *b, const kpi_dataset *ds, const kpi_pack *p)
{
    const char *muni = kpi_dataset_municipality(ds);
    if (kpi_group_suppresses(p->group))
        kpi_mail_buf_puts(b, "\nAntal fra 1 til 4 vises som \"<5\" og tal, "
                             "der er skjult for at beskytte dem, som \"..\", "
                             "så ingen enkelte børn kan genkendes.\n");
    kpi_mail_buf_puts(b, "\nMed venlig hilsen\n");
    kpi_mail_buf_puts(b, *muni ? muni : "Ledelsesinformation");
    kpi_mail_buf_puts(b, "\n\n-- \nDenne mail er dannet automatisk af kpi. "
                         "Spørgsmål til tallene rettes til\n"
                         "økonomi- eller fagafdelingen.\n");
}

kpi_status kpi_mail_text(const kpi_pack_view *v, char **subject, char **body)
{
    if (!subject || !body)
        return KPI_ERR_ARG;
    *subject = *body = NULL;
    if (!v || !v->pack || !v->source.map || !v->used || !v->privacy)
        return KPI_ERR_ARG;
    const kpi_pack *p = v->pack;
    const kpi_map *map = v->source.map;
    kpi_month m = v->source.month;
    /* "Ledelsesinformation oktober 2026 – Team Øst": who it is about. */
    char subj[512];
    const char *who = p->team         ? p->team
                      : p->caseworker ? p->caseworker
                                      : kpi_group_name(p->group);
    char period[64];
    kpi_period_format(KPI_PERIOD_MONTH, m, KPI_PERIOD_STYLE_TEXT, period,
                      sizeof period);
    snprintf(subj, sizeof subj, "Ledelsesinformation %s \xE2\x80\x93 %s",
             period, who);

    kpi_book_input in;
    kpi_pack_view_input(v, &in);
    kpi_mail_buf b;
    kpi_mail_buf_init(&b);
    greeting(&b, p, m);
    headlines(&b, map, p, v, &in);
    red_lights(&b, map, p, v, &in);
    signature(&b, v->source.dataset, p);
    *subject = strdup(subj);
    if (b.failed || !b.data || !*subject) {
        kpi_mail_buf_free(&b);
        free(*subject);
        *subject = NULL;
        return KPI_ERR_NOMEM;
    }
    *body = b.data; /* the buffer's bytes become the caller's */
    return KPI_OK;
}
