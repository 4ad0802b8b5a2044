/*
 * packs.c - the recipient packs (SPEC §6-§8): who gets one, what it is
 * called, and rendering it with the recipient's privacy.
 *
 * A pack is the template templates/pakke.ini rendered through the engine's
 * hooks: libkpi's kpi_privacy decides which rows the recipient may see and
 * which are shown as "<5"; the template leaves out (drop_empty) every table
 * and sheet that is left without visible rows. A team leader's and a
 * caseworker's pack are computed on their own subset of the dataset, so no
 * other team's or caseworker's numbers exist in it to leak.
 */
#include "packs.h"

#include "kpi/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RC_OK = 0, RC_INPUT = 1, RC_ENV = 3 };

#define PACK_TEMPLATE "pakke"

static char *dup_or_null(const char *s)
{
    if (!s || !*s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* A file-name-safe slug: lowercase ASCII letters and digits, æ ø å as
 * ae oe aa (upper case too), every other run of characters one '-', none
 * at the ends. "Team Øst" -> "team-oest", "Anne Sørensen" ->
 * "anne-soerensen". Writes at most size bytes with the NUL. */
static void slug(const char *text, char *out, size_t size)
{
    static const struct {
        const char *utf8, *ascii;
    } letters[] = {
        {"\xC3\xA6", "ae"}, {"\xC3\x86", "ae"}, /* æ Æ */
        {"\xC3\xB8", "oe"}, {"\xC3\x98", "oe"}, /* ø Ø */
        {"\xC3\xA5", "aa"}, {"\xC3\x85", "aa"}, /* å Å */
    };
    size_t len = 0;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        const char *piece = NULL;
        char one[2] = {0, 0};
        size_t step = 1;
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
            one[0] = (char)*p;
            piece = one;
        } else if (*p >= 'A' && *p <= 'Z') {
            one[0] = (char)(*p - 'A' + 'a');
            piece = one;
        } else {
            for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
                if (!strncmp((const char *)p, letters[i].utf8, 2)) {
                    piece = letters[i].ascii;
                    step = 2;
                }
            /* Any other character, whole (a UTF-8 sequence), is a gap. */
            if (!piece)
                while (p[step] && (p[step] & 0xC0) == 0x80)
                    step++;
        }
        p += step;
        if (!piece) {
            dash = len > 0;
            continue;
        }
        size_t n = strlen(piece) + (dash ? 1 : 0);
        if (len + n + 1 > size)
            break;
        if (dash)
            out[len++] = '-';
        dash = false;
        memcpy(out + len, piece, strlen(piece));
        len += strlen(piece);
    }
    out[len] = '\0';
}

void cli_packs_free(cli_pack *packs, size_t n)
{
    if (!packs)
        return;
    for (size_t i = 0; i < n; i++) {
        free(packs[i].key);
        free(packs[i].name);
        free(packs[i].email);
        free(packs[i].team);
        free(packs[i].caseworker);
        free(packs[i].file_name);
    }
    free(packs);
}

/* The pack's file name from the template's pattern, with
 * "GROUP" or "GROUP-SLUG" for {name}. */
static kpi_status pack_file_name(const kpi_book_template *t, kpi_month m,
                                 kpi_group g, const char *slug_text, char **out)
{
    char name[192], buf[256];
    if (slug_text && *slug_text)
        snprintf(name, sizeof name, "%s-%s", kpi_group_code(g), slug_text);
    else
        snprintf(name, sizeof name, "%s", kpi_group_code(g));
    kpi_status s = kpi_book_file_name(t, m, name, buf, sizeof buf);
    if (s != KPI_OK)
        return s;
    *out = dup_or_null(buf);
    return *out ? KPI_OK : KPI_ERR_NOMEM;
}

void cli_print_recipient_problem(void *ctx, unsigned long line, const char *key,
                                 const char *message)
{
    (void)ctx;
    if (key)
        fprintf(stderr, "kpi.ini:%lu: %s: %s\n", line, key, message);
    else
        fprintf(stderr, "kpi.ini:%lu: %s\n", line, message);
}

/* Checks one [recipient] section (the one recipient validation); false
 * when it cannot make a pack. */
static bool check_recipient(const kpi_dataset *ds, const kpi_recipient_info *r,
                            kpi_group *g)
{
    return kpi_recipient_check(ds, r, NULL, KPI_RECIPIENT_PACK,
                               cli_print_recipient_problem, NULL) == KPI_OK &&
           kpi_group_parse(r->group, g) == KPI_OK;
}

static bool grow(cli_pack **packs, size_t n, size_t *cap)
{
    if (n < *cap)
        return true;
    size_t c = *cap ? *cap * 2 : 16;
    cli_pack *p = realloc(*packs, c * sizeof *p);
    if (!p)
        return false;
    memset(p + *cap, 0, (c - *cap) * sizeof *p);
    *packs = p;
    *cap = c;
    return true;
}

/* Adds one pack; returns RC_OK, RC_INPUT (no usable file name) or RC_ENV. */
static int add_pack(cli_pack **packs, size_t *n, size_t *cap,
                    const kpi_book_template *t, kpi_month m, kpi_group g,
                    const char *key, const char *name, const char *email,
                    const char *team, const char *caseworker,
                    const char *slug_of, unsigned long line)
{
    if (!grow(packs, *n, cap))
        return RC_ENV;
    cli_pack *p = &(*packs)[(*n)++];
    p->group = g;
    char s[128] = "";
    if (slug_of) {
        slug(slug_of, s, sizeof s);
        if (!*s) {
            if (line)
                fprintf(stderr,
                        "kpi.ini:%lu: [recipient %s]: the key gives no file "
                        "name (use letters or digits)\n",
                        line, slug_of);
            else
                fprintf(stderr,
                        "kpi: '%s' gives no file name for its pack "
                        "(use letters or digits)\n",
                        slug_of);
            return RC_INPUT;
        }
    }
    p->key = dup_or_null(key ? key : (slug_of ? s : NULL));
    p->name = dup_or_null(name);
    p->email = dup_or_null(email);
    p->team = dup_or_null(team);
    p->caseworker = dup_or_null(caseworker);
    if ((key && *key && !p->key) || (name && *name && !p->name) ||
        (email && *email && !p->email) || (team && *team && !p->team) ||
        (caseworker && *caseworker && !p->caseworker))
        return RC_ENV;
    kpi_status st = pack_file_name(t, m, g, slug_of ? s : NULL, &p->file_name);
    return st == KPI_OK ? RC_OK : st == KPI_ERR_NOMEM ? RC_ENV : RC_INPUT;
}

int cli_packs_list(const kpi_dataset *ds, kpi_month m, cli_pack **out,
                   size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    kpi_book_template *t = NULL;
    char msg[512];
    kpi_status st =
        kpi_book_template_builtin(PACK_TEMPLATE, &t, msg, sizeof msg);
    if (st != KPI_OK) {
        fprintf(stderr, "kpi: template '%s': %s\n", PACK_TEMPLATE,
                st == KPI_ERR_NOMEM ? kpi_strerror(st) : msg);
        return RC_ENV;
    }
    cli_pack *packs = NULL;
    size_t n = 0, cap = 0;
    int rc = RC_OK;
    size_t nr = kpi_dataset_recipient_count(ds);
    unsigned long *lines = NULL;
    if (nr > 0) {
        lines = calloc(nr, sizeof *lines);
        if (!lines)
            rc = RC_ENV;
        for (size_t i = 0; i < nr && rc != RC_ENV; i++) {
            kpi_recipient_info r;
            kpi_group g;
            if (!kpi_dataset_recipient(ds, i, &r))
                break;
            if (!check_recipient(ds, &r, &g)) {
                rc = RC_INPUT;
                continue;
            }
            lines[n] = r.line;
            int a = add_pack(&packs, &n, &cap, t, m, g, r.key, r.name, r.email,
                             r.team, r.caseworker, r.key, r.line);
            if (a != RC_OK)
                rc = a;
        }
    } else {
        /* No [recipient] sections: one pack per group, team and
         * caseworker, so that `kpi report` shows every view there is. */
        for (int g = KPI_GROUP_FAGUDVALG; g <= KPI_GROUP_FAGCHEF && !rc; g++)
            rc = add_pack(&packs, &n, &cap, t, m, (kpi_group)g, NULL, NULL,
                          NULL, NULL, NULL, NULL, 0);
        for (size_t i = 0; i < kpi_dataset_team_count(ds) && !rc; i++) {
            const char *team = kpi_dataset_team(ds, i);
            rc = add_pack(&packs, &n, &cap, t, m, KPI_GROUP_AFDELINGSLEDER,
                          NULL, team, NULL, team, NULL, team, 0);
        }
        for (size_t i = 0; i < kpi_dataset_caseworker_count(ds) && !rc; i++) {
            const char *cw = kpi_dataset_caseworker(ds, i);
            rc = add_pack(&packs, &n, &cap, t, m, KPI_GROUP_SAGSBEHANDLER, NULL,
                          cw, NULL, NULL, cw, cw, 0);
        }
    }
    /* Two packs with one file name would overwrite each other. */
    for (size_t i = 0; i < n && rc == RC_OK; i++)
        for (size_t j = 0; j < i; j++) {
            if (!packs[i].file_name || !packs[j].file_name ||
                strcmp(packs[i].file_name, packs[j].file_name) != 0)
                continue;
            if (lines && lines[i])
                fprintf(stderr,
                        "kpi.ini:%lu: [recipient %s]: its pack would be "
                        "called '%s' like that of [recipient %s] (line %lu); "
                        "rename one of them\n",
                        lines[i], packs[i].key, packs[i].file_name,
                        packs[j].key, lines[j]);
            else
                fprintf(stderr,
                        "kpi: the packs of '%s' and '%s' would both be "
                        "called '%s'\n",
                        packs[j].name ? packs[j].name : "",
                        packs[i].name ? packs[i].name : "", packs[i].file_name);
            rc = RC_INPUT;
            break;
        }
    free(lines);
    kpi_book_template_free(t);
    if (rc != RC_OK) {
        if (rc == RC_ENV)
            fputs("kpi: out of memory\n", stderr);
        cli_packs_free(packs, n);
        return rc;
    }
    *out = packs;
    *n_out = n;
    return RC_OK;
}

kpi_status cli_pack_view_open(const kpi_dataset *ds, const kpi_figures *all,
                              const kpi_map *map, const cli_pack *p,
                              kpi_month m, cli_pack_view *v)
{
    memset(v, 0, sizeof *v);
    if (!ds || !all || !p)
        return KPI_ERR_ARG;
    kpi_status s = KPI_OK;
    if (p->team || p->caseworker) {
        s = kpi_dataset_subset(ds, p->team, p->team ? NULL : p->caseworker,
                               &v->subset);
        if (s == KPI_OK)
            s = kpi_figures_compute(v->subset, m, NULL, &v->figures);
        if (s != KPI_OK)
            return s;
        v->used = v->figures;
    } else {
        v->used = all;
    }
    kpi_audience aud = {.group = p->group,
                        .detail = map ? kpi_map_detail(map, p->group)
                                      : kpi_group_max_detail(p->group),
                        .map = map};
    return kpi_privacy_new(v->used, &aud, NULL, &v->privacy);
}

void cli_pack_view_close(cli_pack_view *v)
{
    if (!v)
        return;
    kpi_privacy_free(v->privacy);
    kpi_figures_free(v->figures);
    kpi_dataset_free(v->subset);
    memset(v, 0, sizeof *v);
}

static bool hook_visible(const kpi_row *row, void *ctx)
{
    return kpi_privacy_row_visible(ctx, row);
}

static const char *hook_mask(const kpi_row *row, void *ctx)
{
    return kpi_privacy_row_masked(ctx, row) ? "<5" : NULL;
}

static bool hook_disposition(const kpi_disposition *d, void *ctx)
{
    return kpi_privacy_disposition_visible(ctx, d);
}

kpi_status cli_pack_write(const kpi_dataset *ds, const cli_pack *p,
                          const cli_pack_view *v, kpi_month m, const char *path,
                          char *err, size_t err_size)
{
    if (err && err_size)
        err[0] = '\0';
    if (!ds || !p || !v || !v->used || !v->privacy || !path)
        return KPI_ERR_ARG;
    kpi_book_template *t = NULL;
    kpi_status s = kpi_book_template_builtin(PACK_TEMPLATE, &t, err, err_size);
    if (s != KPI_OK)
        return s;
    /* Who it is for, as the headings say it: "Team Øst (Afdelingsleder)",
     * "Lene Thygesen (Fagchef)", or the group alone. */
    char recipient[512];
    const char *group = kpi_group_name(p->group);
    if (p->name && p->team && strcmp(p->name, p->team) != 0)
        snprintf(recipient, sizeof recipient, "%s (%s, %s)", p->name, group,
                 p->team);
    else if (p->name)
        snprintf(recipient, sizeof recipient, "%s (%s)", p->name, group);
    else
        snprintf(recipient, sizeof recipient, "%s", group);
    kpi_book_input in = {
        /* The subset shares the dataset's configuration (measure-type
         * names, municipality). */
        .dataset = v->subset ? v->subset : ds,
        .figures = v->used,
        .month = m,
        .recipient = recipient,
        .row_visible = hook_visible,
        .row_mask = hook_mask,
        .disposition_visible = hook_disposition,
        .hook_ctx = v->privacy,
    };
    s = kpi_book_write(t, &in, path);
    if (s != KPI_OK && err && err_size)
        snprintf(err, err_size, "%s", kpi_strerror(s));
    kpi_book_template_free(t);
    return s;
}
