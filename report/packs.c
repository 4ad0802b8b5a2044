/*
 * packs.c - who gets a pack (SPEC §6-§8) and what it is called
 * (kpi/report.h: kpi_packs_list).
 *
 * With [recipient] sections in kpi.ini, one pack per section, checked by
 * the one recipient validation (kpi_recipient_check); without, one per
 * group, team and caseworker, so that `kpi report` shows every view there
 * is. The file names come from the pack template's pattern
 * (templates/pakke.ini) and must differ, or one pack would overwrite
 * another.
 */
#include "packs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A copy of s, NULL for NULL or "" (the pack's "not set"). *failed is set
 * when s needed a copy that could not be made. */
static char *copy_of(const char *s, bool *failed)
{
    char *p = s && *s ? strdup(s) : NULL;
    if (s && *s && !p)
        *failed = true;
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

void kpi_packs_free(kpi_pack *packs, size_t count)
{
    if (!packs)
        return;
    for (size_t i = 0; i < count; i++) {
        free(packs[i].key);
        free(packs[i].name);
        free(packs[i].email);
        free(packs[i].team);
        free(packs[i].caseworker);
        free(packs[i].role);
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
    bool failed = false;
    *out = copy_of(buf, &failed);
    return failed ? KPI_ERR_NOMEM : KPI_OK;
}

/* A recipient's problem, as kpi.ini's own messages. */
typedef struct pack_list {
    kpi_pack *packs;
    size_t n, cap;
    const kpi_book_template *t;
    kpi_month m;
    const kpi_notify *notify;
} pack_list;

static bool grow(pack_list *l)
{
    if (l->n < l->cap)
        return true;
    size_t c = l->cap ? l->cap * 2 : 16;
    kpi_pack *p = realloc(l->packs, c * sizeof *p);
    if (!p)
        return false;
    memset(p + l->cap, 0, (c - l->cap) * sizeof *p);
    l->packs = p;
    l->cap = c;
    return true;
}

/* Adds one pack; r is its [recipient] section, or NULL for a default pack
 * named after slug_of (NULL: the group's). */
static kpi_status add_pack(pack_list *l, kpi_group g,
                           const kpi_recipient_info *r, const char *name,
                           const char *team, const char *caseworker,
                           const char *slug_of)
{
    if (!grow(l))
        return KPI_ERR_NOMEM;
    kpi_pack *p = &l->packs[l->n++];
    p->group = g;
    char s[128] = "";
    if (slug_of) {
        slug(slug_of, s, sizeof s);
        if (!*s) {
            if (r)
                kpi_notify_problem(l->notify, KPI_SEVERITY_ERROR, "kpi.ini",
                                   r->line, NULL,
                                   "[recipient %s]: the key gives no file "
                                   "name (use letters or digits)",
                                   slug_of);
            else
                kpi_notify_problem(l->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                                   "'%s' gives no file name for its pack (use "
                                   "letters or digits)",
                                   slug_of);
            return KPI_ERR_INPUT;
        }
    }
    bool failed = false;
    p->key = copy_of(r ? r->key : (slug_of ? s : NULL), &failed);
    p->name = copy_of(name, &failed);
    p->email = copy_of(r ? r->email : NULL, &failed);
    p->team = copy_of(team, &failed);
    p->caseworker = copy_of(caseworker, &failed);
    p->role = copy_of(r && r->role && *r->role ? r->role : NULL, &failed);
    if (failed)
        return KPI_ERR_NOMEM;
    kpi_status st =
        pack_file_name(l->t, l->m, g, slug_of ? s : NULL, &p->file_name);
    return st == KPI_OK || st == KPI_ERR_NOMEM ? st : KPI_ERR_INPUT;
}

/* One pack per [recipient] section; lines[i] gets pack i's line. */
static kpi_status add_recipients(pack_list *l, const kpi_dataset *ds,
                                 unsigned long *lines)
{
    kpi_status rc = KPI_OK;
    kpi_recipient_info r;
    for (size_t i = 0; kpi_dataset_recipient(ds, i, &r); i++) {
        kpi_group g;
        kpi_status c =
            kpi_recipient_check(ds, &r, NULL, KPI_RECIPIENT_PACK,
                                kpi_notify_ini_problem, (void *)l->notify);
        if (c == KPI_ERR_NOMEM)
            return c;
        if (c != KPI_OK || kpi_group_parse(r.group, &g) != KPI_OK) {
            rc = KPI_ERR_INPUT;
            continue;
        }
        lines[l->n] = r.line;
        kpi_status a = add_pack(l, g, &r, r.name, r.team, r.caseworker, r.key);
        if (a == KPI_ERR_NOMEM)
            return a;
        if (a != KPI_OK)
            rc = a;
    }
    return rc;
}

/* No [recipient] sections: one pack per group, team and caseworker. */
static kpi_status add_defaults(pack_list *l, const kpi_dataset *ds)
{
    kpi_status rc = KPI_OK;
    for (int g = KPI_GROUP_FAGUDVALG; g <= KPI_GROUP_FAGCHEF && !rc; g++)
        rc = add_pack(l, (kpi_group)g, NULL, NULL, NULL, NULL, NULL);
    for (size_t i = 0; i < kpi_dataset_team_count(ds) && !rc; i++) {
        const char *team = kpi_dataset_team(ds, i);
        rc =
            add_pack(l, KPI_GROUP_AFDELINGSLEDER, NULL, team, team, NULL, team);
    }
    for (size_t i = 0; i < kpi_dataset_caseworker_count(ds) && !rc; i++) {
        const char *cw = kpi_dataset_caseworker(ds, i);
        rc = add_pack(l, KPI_GROUP_SAGSBEHANDLER, NULL, cw, NULL, cw, cw);
    }
    return rc;
}

/* Two packs with one file name would overwrite each other. */
static kpi_status check_names(const pack_list *l, const unsigned long *lines)
{
    const kpi_pack *packs = l->packs;
    for (size_t i = 0; i < l->n; i++)
        for (size_t j = 0; j < i; j++) {
            if (!packs[i].file_name || !packs[j].file_name ||
                strcmp(packs[i].file_name, packs[j].file_name) != 0)
                continue;
            if (lines && lines[i])
                kpi_notify_problem(
                    l->notify, KPI_SEVERITY_ERROR, "kpi.ini", lines[i], NULL,
                    "[recipient %s]: its pack would be called "
                    "'%s' like that of [recipient %s] (line "
                    "%lu); rename one of them",
                    packs[i].key, packs[i].file_name, packs[j].key, lines[j]);
            else
                kpi_notify_problem(l->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                                   "the packs of '%s' and '%s' would both be "
                                   "called '%s'",
                                   packs[j].name ? packs[j].name : "",
                                   packs[i].name ? packs[i].name : "",
                                   packs[i].file_name);
            return KPI_ERR_INPUT;
        }
    return KPI_OK;
}

kpi_status kpi_packs_list(const kpi_dataset *ds, kpi_month m,
                          const kpi_notify *n, kpi_pack **out, size_t *count)
{
    if (!out || !count)
        return KPI_ERR_ARG;
    *out = NULL;
    *count = 0;
    if (!ds)
        return KPI_ERR_ARG;
    kpi_book_template *t = NULL;
    char msg[512];
    kpi_status st =
        kpi_book_template_builtin(KPI_PACK_TEMPLATE, &t, msg, sizeof msg);
    if (st != KPI_OK) {
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "template '%s': %s", KPI_PACK_TEMPLATE,
                           st == KPI_ERR_NOMEM ? kpi_strerror(st) : msg);
        return st == KPI_ERR_NOMEM ? st : KPI_ERR_IO;
    }
    pack_list l = {NULL, 0, 0, t, m, n};
    size_t nr = kpi_dataset_recipient_count(ds);
    unsigned long *lines = NULL;
    if (nr > 0) {
        lines = calloc(nr, sizeof *lines);
        st = lines ? add_recipients(&l, ds, lines) : KPI_ERR_NOMEM;
    } else {
        st = add_defaults(&l, ds);
    }
    if (st == KPI_OK)
        st = check_names(&l, lines);
    free(lines);
    kpi_book_template_free(t);
    if (st != KPI_OK) {
        if (st == KPI_ERR_NOMEM)
            kpi_notify_problem(n, KPI_SEVERITY_ERROR, "", 0, NULL,
                               "out of memory");
        kpi_packs_free(l.packs, l.n);
        return st;
    }
    *out = l.packs;
    *count = l.n;
    return KPI_OK;
}
