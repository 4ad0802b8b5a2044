/* measure_types.c - the default configuration: the measure-type
 * catalogue of SPEC §3.3 (Barnets lov) and the lookups over kpi.ini's
 * additions. Reading kpi.ini itself is config.c. */
#include "input/config.h"
#include "input/dataset.h"
#include "input/type_guess.h"

#include <string.h>

static const struct {
    const char *code, *name;
    kpi_category category;
    const char *law;
} default_types[] = {
    {"almen_plejefamilie", "Almen plejefamilie", KPI_CATEGORY_PLACEMENT,
     "BL § 43, stk. 1, nr. 1"},
    {"forstaerket_plejefamilie", "Forstærket plejefamilie",
     KPI_CATEGORY_PLACEMENT, "BL § 43, stk. 1, nr. 2"},
    {"specialiseret_plejefamilie", "Specialiseret plejefamilie",
     KPI_CATEGORY_PLACEMENT, "BL § 43, stk. 1, nr. 3"},
    {"netvaerksplejefamilie", "Netværksplejefamilie", KPI_CATEGORY_PLACEMENT,
     "BL § 43, stk. 1, nr. 4"},
    {"eget_vaerelse", "Eget værelse, kollegium o.l.", KPI_CATEGORY_PLACEMENT,
     "BL § 43, stk. 1, nr. 5"},
    {"doegninstitution", "Børne- og ungehjem: døgninstitution",
     KPI_CATEGORY_PLACEMENT, "BL § 43, stk. 1, nr. 6"},
    {"sikret_doegninstitution",
     "Børne- og ungehjem: sikret eller delvis lukket", KPI_CATEGORY_PLACEMENT,
     "BL § 43, stk. 1, nr. 6"},
    {"opholdssted", "Børne- og ungehjem: opholdssted", KPI_CATEGORY_PLACEMENT,
     "BL § 43, stk. 1, nr. 6"},
    {"kostskole", "Efterskole, fri fagskole, kostafdeling",
     KPI_CATEGORY_PLACEMENT, "BL § 43, stk. 1, nr. 7"},
    {"dagtilbud", "Ophold i dagtilbud, uddannelsessted o.l.",
     KPI_CATEGORY_PREVENTIVE, "BL § 32, stk. 1, nr. 1"},
    {"stoette_i_hjemmet", "Praktisk, pædagogisk eller anden støtte i hjemmet",
     KPI_CATEGORY_PREVENTIVE, "BL § 32, stk. 1, nr. 2"},
    {"kontaktperson", "Fast kontaktperson", KPI_CATEGORY_PREVENTIVE,
     "BL § 32, stk. 1, nr. 3"},
    {"praktik", "Praktiktilbud", KPI_CATEGORY_PREVENTIVE,
     "BL § 32, stk. 1, nr. 4"},
    {"familiebehandling", "Familiebehandling eller behandling",
     KPI_CATEGORY_PREVENTIVE, "BL § 32, stk. 1, nr. 5"},
    {"familieanbringelse", "Døgnophold for hele familien",
     KPI_CATEGORY_PREVENTIVE, "BL § 32, stk. 1, nr. 6"},
    {"stoetteophold", "Støtteophold (tidligere aflastning)",
     KPI_CATEGORY_PREVENTIVE, "BL § 32, stk. 1, nr. 7"},
    {"anden_hjaelp", "Anden hjælp", KPI_CATEGORY_PREVENTIVE,
     "BL § 32, stk. 1, nr. 8"},
    /* Ungestøtte (Barnets lov kapitel 13) comes in two kinds that count
     * differently. A young adult of 18-22 who keeps living at the
     * placement setting, or has an udslusningsophold, has a døgnophold:
     * § 45, stk. 1, nr. 3 lists the døgnophold of chapter 13 as those of
     * § 114, stk. 1, nr. 1 and 3, and § 120, stk. 1. Danmarks Statistik
     * counts them among the placed, so it is a placement and chains with
     * the placement before it into one spell. A contact person or other
     * support is no stay: eftervaern, preventive. */
    {"ungestoette_doegnophold",
     "Ungestøtte: døgnophold på anbringelsesstedet (18–22 år)",
     KPI_CATEGORY_PLACEMENT, "BL § 114, stk. 1, nr. 1 og 3, § 120, stk. 1"},
    {"eftervaern",
     "Efterværn og ungestøtte: kontaktperson og anden støtte (18–22 år)",
     KPI_CATEGORY_PREVENTIVE, "BL kap. 13"},
};

#define N_DEFAULT_TYPES (sizeof default_types / sizeof default_types[0])

size_t kpi_catalog_measure_type_count(void)
{
    return N_DEFAULT_TYPES;
}

bool kpi_default_measure_type(size_t i, const char **code, const char **name,
                              kpi_category *category, const char **law)
{
    if (i >= N_DEFAULT_TYPES)
        return false;
    *code = default_types[i].code;
    *name = default_types[i].name;
    *category = default_types[i].category;
    *law = default_types[i].law;
    return true;
}

kpi_config *kpi_config_new_default(const kpi_allocator *a)
{
    kpi_config *c = kpi_xcalloc(a, 1, sizeof *c);
    if (!c)
        return NULL;
    c->high_cost_share = 0.10;
    c->municipality = kpi_xstrdup(a, "");
    c->budget.sheet = kpi_xstrdup(a, "");
    c->smtp.host = kpi_xstrdup(a, "");
    c->smtp.from = kpi_xstrdup(a, "");
    c->smtp.user = kpi_xstrdup(a, "");
    c->smtp.ca_file = kpi_xstrdup(a, "");
    c->smtp.tls = kpi_xstrdup(a, "");
    if (!c->municipality || !c->budget.sheet || !c->smtp.host ||
        !c->smtp.from || !c->smtp.user || !c->smtp.ca_file || !c->smtp.tls ||
        kpi_grow(a, (void **)&c->types, &c->cap_types, N_DEFAULT_TYPES,
                 sizeof *c->types) != KPI_OK)
        goto fail;
    for (size_t i = 0; i < N_DEFAULT_TYPES; i++) {
        kpi_measure_type *t = &c->types[c->n_types];
        memset(t, 0, sizeof *t);
        c->n_types++;
        t->code = kpi_xstrdup(a, default_types[i].code);
        t->name = kpi_xstrdup(a, default_types[i].name);
        t->law = kpi_xstrdup(a, default_types[i].law);
        t->function = kpi_xstrdup(a, "");
        t->category = (uint8_t)default_types[i].category;
        if (!t->code || !t->name || !t->law || !t->function)
            goto fail;
    }
    return c;
fail:
    kpi_config_free(a, c);
    return NULL;
}

static void free_aliases(const kpi_allocator *a, kpi_alias *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        kpi_xfree(a, items[i].folded);
        kpi_xfree(a, items[i].target);
    }
    kpi_xfree(a, items);
}

void kpi_config_free(const kpi_allocator *a, kpi_config *c)
{
    if (!c)
        return;
    kpi_xfree(a, c->municipality);
    kpi_xfree(a, c->compare_municipalities);
    kpi_xfree(a, c->compare_note);
    for (size_t i = 0; i < sizeof c->files / sizeof c->files[0]; i++)
        kpi_xfree(a, c->files[i]);
    for (size_t i = 0; i < c->n_types; i++) {
        kpi_xfree(a, c->types[i].code);
        kpi_xfree(a, c->types[i].name);
        kpi_xfree(a, c->types[i].law);
        kpi_xfree(a, c->types[i].function);
    }
    kpi_xfree(a, c->types);
    free_aliases(a, c->type_aliases, c->n_type_aliases);
    for (size_t i = 0; i < c->n_columns; i++) {
        kpi_xfree(a, c->columns[i].file);
        free_aliases(a, c->columns[i].items, c->columns[i].count);
    }
    kpi_xfree(a, c->columns);
    kpi_xfree(a, c->reimbursement);
    for (size_t i = 0; i < c->n_targets; i++) {
        kpi_xfree(a, c->targets[i].kpi_id);
        kpi_xfree(a, c->targets[i].stat);
    }
    kpi_xfree(a, c->targets);
    for (size_t i = 0; i < c->n_recipients; i++) {
        kpi_recipient *r = &c->recipients[i];
        kpi_xfree(a, r->key);
        kpi_xfree(a, r->name);
        kpi_xfree(a, r->group);
        kpi_xfree(a, r->email);
        kpi_xfree(a, r->team);
        kpi_xfree(a, r->caseworker);
        kpi_xfree(a, r->role);
    }
    kpi_xfree(a, c->recipients);
    kpi_xfree(a, c->smtp.host);
    kpi_xfree(a, c->smtp.from);
    kpi_xfree(a, c->smtp.user);
    kpi_xfree(a, c->smtp.ca_file);
    kpi_xfree(a, c->smtp.tls);
    kpi_xfree(a, c->budget.sheet);
    kpi_xfree(a, c->history_path);
    kpi_xfree(a, c);
}

/* Names the default catalogue used before: a budget workbook made from an
 * older `kpi budget-template` still names its rows so. eftervaern was
 * "Efterværn og ungestøtte (18–22 år)" until ungestoette_doegnophold was
 * split off; the old row meant the contact person and support as well. */
static const struct {
    const char *name, *code;
} former_names[] = {
    {"Efterværn og ungestøtte (18–22 år)", "eftervaern"},
};

static int former_name_type(const kpi_config *c, const char *folded)
{
    char other[256];
    for (size_t i = 0; i < sizeof former_names / sizeof former_names[0];
         i++) {
        kpi_text_fold(former_names[i].name, strlen(former_names[i].name),
                      other, sizeof other);
        if (strcmp(folded, other) != 0)
            continue;
        for (size_t t = 0; t < c->n_types; t++)
            if (strcmp(c->types[t].code, former_names[i].code) == 0)
                return (int)t;
    }
    return -1;
}

int kpi_config_find_type(const kpi_config *c, const char *text, size_t len)
{
    if (len == (size_t)-1)
        len = strlen(text);
    int t = kpi_config_find_type_exact(c, text, len);
    if (t >= 0)
        return t;
    /* The names real exports use ("Plejefamilie - forstærket", "Støtte i
     * hjemmet (BL § 32, stk. 1, nr. 2)"), when they allow one reading
     * only; `kpi init` proposes the others for kpi.ini. */
    kpi_type_guess g;
    kpi_type_guess_of(c, text, len, &g);
    return g.sure ? g.type : -1;
}

int kpi_config_find_type_exact(const kpi_config *c, const char *text,
                               size_t len)
{
    char folded[256], other[256];
    if (len == (size_t)-1)
        len = strlen(text);
    kpi_text_fold(text, len, folded, sizeof folded);
    if (!folded[0])
        return -1;
    /* The case system's own names first: an alias may deliberately map a
     * name that is also some catalogue type's name. */
    for (size_t i = 0; i < c->n_type_aliases; i++) {
        if (strcmp(folded, c->type_aliases[i].folded) == 0) {
            for (size_t t = 0; t < c->n_types; t++)
                if (strcmp(c->types[t].code, c->type_aliases[i].target) == 0)
                    return (int)t;
        }
    }
    for (size_t t = 0; t < c->n_types; t++) {
        kpi_text_fold(c->types[t].code, strlen(c->types[t].code), other,
                      sizeof other);
        if (strcmp(folded, other) == 0)
            return (int)t;
        kpi_text_fold(c->types[t].name, strlen(c->types[t].name), other,
                      sizeof other);
        if (strcmp(folded, other) == 0)
            return (int)t;
    }
    return former_name_type(c, folded);
}

void kpi_config_reimbursement(const kpi_config *c, int year,
                              kpi_reimbursement_source *out)
{
    const kpi_reimbursement_year *best = NULL;
    for (size_t i = 0; i < c->n_reimbursement; i++) {
        const kpi_reimbursement_year *r = &c->reimbursement[i];
        if (r->year <= year && (!best || r->year > best->year))
            best = r;
    }
    out->year = year;
    out->source_year = best ? best->year : 0;
    out->rule = best ? best->rule : kpi_reimbursement_default();
}

const kpi_target *kpi_config_target(const kpi_config *c, const char *kpi_id)
{
    for (size_t i = 0; i < c->n_targets; i++)
        if (strcmp(c->targets[i].kpi_id, kpi_id) == 0)
            return &c->targets[i];
    return NULL;
}

const char *kpi_config_column_alias(const kpi_config *c, const char *file,
                                    const char *header, size_t len)
{
    char folded[256];
    kpi_text_fold(header, len, folded, sizeof folded);
    for (size_t i = 0; i < c->n_columns; i++) {
        const kpi_column_aliases *col = &c->columns[i];
        if (strcmp(col->file, file) != 0)
            continue;
        for (size_t k = 0; k < col->count; k++)
            if (strcmp(col->items[k].folded, folded) == 0)
                return col->items[k].target;
    }
    return NULL;
}

bool kpi_dataset_target(const kpi_dataset *ds, const char *kpi_id,
                        const char **stat, double *yellow, double *red)
{
    const kpi_target *t =
        ds && kpi_id ? kpi_config_target(ds->config, kpi_id) : NULL;
    if (!t)
        return false;
    if (stat)
        *stat = t->stat ? t->stat : "count";
    if (yellow)
        *yellow = t->yellow;
    if (red)
        *red = t->red;
    return true;
}
