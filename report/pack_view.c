/*
 * pack_view.c - rendering one pack with its recipient's privacy
 * (kpi/report.h: kpi_pack_view_open, kpi_pack_write).
 *
 * A pack is the template templates/pakke.ini rendered through the engine's
 * hooks: libkpi's kpi_privacy decides which rows the recipient may see and
 * which are shown as "<5"; the template leaves out (drop_empty) every table
 * and sheet that is left without visible rows. A team leader's and a
 * caseworker's pack are computed on their own subset of the dataset, so no
 * other team's or caseworker's numbers exist in it to leak.
 */
#include "packs.h"

#include <stdio.h>
#include <string.h>

kpi_status kpi_pack_view_open(const kpi_pack_source *src, const kpi_pack *p,
                              kpi_pack_view *v)
{
    memset(v, 0, sizeof *v);
    if (!src || !src->dataset || !src->figures || !p)
        return KPI_ERR_ARG;
    v->source = *src;
    v->pack = p;
    kpi_status s = KPI_OK;
    if (p->team || p->caseworker) {
        s = kpi_dataset_subset(src->dataset, p->team,
                               p->team ? NULL : p->caseworker, &v->subset);
        if (s == KPI_OK)
            s = kpi_figures_compute(v->subset, src->month, NULL, &v->figures);
        if (s != KPI_OK)
            return s;
        v->used = v->figures;
    } else {
        v->used = src->figures;
    }
    const kpi_map *map = src->map;
    kpi_audience aud = {.group = p->group,
                        .detail = map ? kpi_map_detail(map, p->group)
                                      : kpi_group_max_detail(p->group),
                        .map = map};
    return kpi_privacy_new(v->used, &aud, NULL, &v->privacy);
}

void kpi_pack_view_close(kpi_pack_view *v)
{
    if (!v)
        return;
    kpi_privacy_free(v->privacy);
    kpi_figures_free(v->figures);
    kpi_dataset_free(v->subset);
    memset(v, 0, sizeof *v);
}

/* The hooks get the view: a comparison row (kpi_id "compare", not one of
 * the figures the privacy was made for) is decided by the comparison. */
static bool is_compare(const kpi_row *row)
{
    return !strcmp(row->kpi_id, "compare");
}

static bool hook_visible(const kpi_row *row, void *ctx)
{
    const kpi_pack_view *v = ctx;
    return is_compare(row) ? kpi_comparison_row_visible(v->privacy, row)
                           : kpi_privacy_row_visible(v->privacy, row);
}

static const char *hook_mask(const kpi_row *row, void *ctx)
{
    const kpi_pack_view *v = ctx;
    return is_compare(row)
               ? kpi_comparison_row_mark(v->source.comparison, v->privacy,
                                         v->used, row)
               : kpi_privacy_row_mark(v->privacy, row);
}

static bool hook_disposition(const kpi_disposition *d, void *ctx)
{
    return kpi_privacy_disposition_visible(
        ((const kpi_pack_view *)ctx)->privacy, d);
}

static bool hook_case_lists(void *ctx)
{
    return kpi_privacy_case_lists_visible(
        ((const kpi_pack_view *)ctx)->privacy);
}

static bool hook_issue(const kpi_issue *x, void *ctx)
{
    return kpi_privacy_issue_visible(((const kpi_pack_view *)ctx)->privacy,
                                     x);
}

void kpi_pack_view_input(const kpi_pack_view *v, kpi_book_input *in)
{
    memset(in, 0, sizeof *in);
    /* The subset shares the dataset's configuration (measure-type names,
     * municipality). */
    in->dataset = v->subset ? v->subset : v->source.dataset;
    in->figures = v->used;
    in->month = v->source.month;
    in->limits = v->source.limits;
    in->row_visible = hook_visible;
    in->row_mask = hook_mask;
    in->disposition_visible = hook_disposition;
    in->case_lists_visible = hook_case_lists;
    in->issue_visible = hook_issue;
    in->hook_ctx = (void *)v;
    in->trajectory = v->source.trajectory;
    in->comparison = v->source.comparison;
    /* The administration writes its note to the politicians and the
     * directors (KL's råd 9): the levels that decide on compensating
     * actions. A team leader's or caseworker's pack is no place for it. */
    in->group = kpi_group_code(v->pack->group);
    /* The template lays out an økonomichef's pack by the role (the
     * economy in detail, not the professional pages); what may be seen
     * stays the group's (the privacy above). */
    if (v->pack->role)
        in->group = v->pack->role;
    if (v->pack->group == KPI_GROUP_FAGUDVALG ||
        v->pack->group == KPI_GROUP_DIREKTION)
        in->note = v->source.note;
}

kpi_status kpi_pack_write(const kpi_pack_view *v, const char *path, char *err,
                          size_t err_size)
{
    if (err && err_size)
        err[0] = '\0';
    if (!v || !v->pack || !v->used || !v->privacy || !path)
        return KPI_ERR_ARG;
    const kpi_pack *p = v->pack;
    kpi_book_template *t = NULL;
    kpi_status s =
        kpi_book_template_builtin(KPI_PACK_TEMPLATE, &t, err, err_size);
    if (s != KPI_OK)
        return s;
    /* Who it is for, as the headings say it: "Team Øst (Afdelingsleder)",
     * "Lene Thygesen (Fagchef)", or the group alone. */
    char recipient[512];
    const char *group =
        p->role ? "Direktion, økonomichef" : kpi_group_name(p->group);
    if (p->name && p->team && strcmp(p->name, p->team) != 0)
        snprintf(recipient, sizeof recipient, "%s (%s, %s)", p->name, group,
                 p->team);
    else if (p->name)
        snprintf(recipient, sizeof recipient, "%s (%s)", p->name, group);
    else
        snprintf(recipient, sizeof recipient, "%s", group);
    kpi_book_input in;
    kpi_pack_view_input(v, &in);
    in.recipient = recipient;
    s = kpi_book_write(t, &in, path, err, err_size);
    kpi_book_template_free(t);
    return s;
}
