/*
 * kpi-gen - a deterministic generator of synthetic kpi datasets.
 *
 *   kpi-gen --out DIR [--seed N] [--measures N] [--as-of YYYY-MM]
 *           [--municipality NAME]
 *
 * Without --measures it writes the bundled example municipality
 * (examples/eksempel): about 60,000 inhabitants, three fiscal years of
 * history, every input file of SPEC §3 and a kpi.ini. With --measures N it
 * writes exactly N measures plus postings.csv, budget.csv and kpi.ini, for
 * the benchmark.
 *
 * Everything is synthetic. The model is a small stock-and-flow simulation:
 * placements that were running when the history starts (1 January of the
 * as-of year minus two), new placements arriving evenly over the history,
 * and the same for families with preventive measures. Measures are written
 * the way a Danish case system exports them, so the example also exercises
 * the loader: ';', UTF-8 with BOM, CRLF, dd-mm-yyyy, "2.345,67", Danish
 * target groups and cost units.
 *
 * Determinism: one splitmix64 stream seeded from --seed, integer arithmetic
 * only (no libm, whose last bits may differ between platforms), no clock,
 * no locale, defined sort orders. Same arguments, same bytes.
 */
#include "kpi.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------------ */
/* Random numbers: splitmix64.                                         */

typedef struct rng {
    uint64_t state;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Uniform in 0..n-1 (n > 0). The modulo bias is below 2^-40 for our n. */
static int64_t rng_below(rng *r, int64_t n)
{
    return n <= 1 ? 0 : (int64_t)(rng_next(r) % (uint64_t)n);
}

/* Uniform in lo..hi inclusive; lo when hi < lo. */
static int64_t rng_range(rng *r, int64_t lo, int64_t hi)
{
    return hi <= lo ? lo : lo + rng_below(r, hi - lo + 1);
}

/* true with probability pm / 1000. */
static bool rng_pm(rng *r, int pm)
{
    return rng_below(r, 1000) < pm;
}

/* An index drawn with the given integer weights. */
static int rng_pick(rng *r, const int *weights, int n)
{
    int64_t total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    int64_t x = rng_below(r, total);
    for (int i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

/* ------------------------------------------------------------------ */
/* Small helpers.                                                      */

static void die(const char *msg)
{
    fprintf(stderr, "kpi-gen: %s\n", msg);
    exit(3);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die("out of memory");
    return q;
}

#define VEC_PUSH(ptr, count, cap)                                              \
    (((count) == (cap) ? ((cap) = (cap) ? (cap)*2 : 256,                       \
                          (ptr) = xrealloc((ptr), (cap) * sizeof *(ptr)))      \
                       : (ptr)),                                               \
     memset(&(ptr)[(count)], 0, sizeof *(ptr)), &(ptr)[(count)++])

static kpi_date ymd(int y, int m, int d)
{
    kpi_date out;
    if (kpi_date_from_ymd(y, m, d, &out) != KPI_OK) {
        /* Only 29 February of a year that is not a leap year gets here. */
        if (kpi_date_from_ymd(y, 3, 1, &out) != KPI_OK)
            die("date out of range");
    }
    return out;
}

static int date_year(kpi_date d)
{
    int y, m, dd;
    kpi_date_to_ymd(d, &y, &m, &dd);
    return y;
}

/* The day `years` birthdays after birth (a 29 February child has its
 * birthday on 1 March in other years, as kpi_date_age counts). */
static kpi_date birthday(kpi_date birth, int years)
{
    int y, m, d;
    kpi_date_to_ymd(birth, &y, &m, &d);
    return ymd(y + years, m, d);
}

/* The same day k months later, clamped to the month's last day. */
static kpi_date add_months(kpi_date date, int k)
{
    int y, m, d;
    kpi_date_to_ymd(date, &y, &m, &d);
    int idx = y * 12 + (m - 1) + k;
    y = idx / 12;
    m = idx % 12 + 1;
    int dim = kpi_date_days_in_month(y, m);
    return ymd(y, m, d > dim ? dim : d);
}

static kpi_date month_end(kpi_date date)
{
    int y, m, d;
    kpi_date_to_ymd(date, &y, &m, &d);
    return ymd(y, m, kpi_date_days_in_month(y, m));
}

static kpi_date min_date(kpi_date a, kpi_date b)
{
    return a < b ? a : b;
}

static kpi_date max_date(kpi_date a, kpi_date b)
{
    return a > b ? a : b;
}

/* The nearest working day: Saturday moves back to Friday, Sunday on to
 * Monday. Day 0 (1970-01-01) was a Thursday. */
static kpi_date workday(kpi_date d)
{
    int dow = (int)(((int64_t)d % 7 + 7 + 3) % 7); /* 0 = Monday */
    return dow == 5 ? d - 1 : dow == 6 ? d + 1 : d;
}

/* ------------------------------------------------------------------ */
/* The catalogue: measure types, providers and their offers.           */

enum {
    T_ALMEN,
    T_FORSTAERKET,
    T_SPECIALISERET,
    T_NETVAERK,
    T_EGET_VAERELSE,
    T_DOEGN,
    T_SIKRET,
    T_OPHOLDSSTED,
    T_KOSTSKOLE,
    T_DAGTILBUD,
    T_STOETTE_HJEM,
    T_KONTAKTPERSON,
    T_PRAKTIK,
    T_FAMILIEBEHANDLING,
    T_FAMILIEANBRINGELSE,
    T_STOETTEOPHOLD,
    T_ANDEN_HJAELP,
    T_EFTERVAERN,
    /* Last, so that the older types keep their places in every loop. */
    T_UNGESTOETTE,
    T_COUNT
};

typedef struct type_info {
    const char *code;
    const char *name; /* the Danish name, as the budget workbook says */
    /* A placement of a child under 18: the generator's cases, supervision
     * visits and outcomes follow these. (The young adult's døgnophold is
     * a placement in kpi's catalogue, but not one here: it is drawn only
     * as the continuation of a placement whose rules already ran.) */
    bool placement;
    const char *law; /* Barnets lov, grants from 1 January 2024 */
    /* Serviceloven, grants before 2024: every placement was § 52, stk. 3,
     * nr. 7 (anbringelse uden for hjemmet) */
    const char *old_law;
    const char *function; /* kontoplan 5.28.xx */
} type_info;

/* Kontoplan functions (Indenrigs- og Boligministeriets budget- og
 * regnskabssystem for kommuner, hovedkonto 5, 5.28 Tilbud til børn og unge
 * med særlige behov): 5.28.20 opholdssteder mv. (also eget værelse and
 * kostskole), 5.28.21 forebyggende foranstaltninger, 5.28.22 plejefamilier
 * (also netværksplejefamilier), 5.28.23 døgninstitutioner, 5.28.24 sikrede
 * døgninstitutioner. Efterværn (contact person, support) is booked with the
 * preventive measures; the young adult's døgnophold with the setting it
 * continues, here always the foster family. */
static const type_info TYPES[T_COUNT] = {
    {"almen_plejefamilie", "Almen plejefamilie", true, "BL § 43, stk. 1, nr. 1",
     "SEL § 52, stk. 3, nr. 7", "5.28.22"},
    {"forstaerket_plejefamilie", "Forstærket plejefamilie", true,
     "BL § 43, stk. 1, nr. 2", "SEL § 52, stk. 3, nr. 7", "5.28.22"},
    {"specialiseret_plejefamilie", "Specialiseret plejefamilie", true,
     "BL § 43, stk. 1, nr. 3", "SEL § 52, stk. 3, nr. 7", "5.28.22"},
    {"netvaerksplejefamilie", "Netværksplejefamilie", true,
     "BL § 43, stk. 1, nr. 4", "SEL § 52, stk. 3, nr. 7", "5.28.22"},
    {"eget_vaerelse", "Eget værelse, kollegium o.l.", true,
     "BL § 43, stk. 1, nr. 5", "SEL § 52, stk. 3, nr. 7", "5.28.20"},
    {"doegninstitution", "Børne- og ungehjem: døgninstitution", true,
     "BL § 43, stk. 1, nr. 6", "SEL § 52, stk. 3, nr. 7", "5.28.23"},
    {"sikret_doegninstitution",
     "Børne- og ungehjem: sikret eller delvis lukket", true,
     "BL § 43, stk. 1, nr. 6", "SEL § 52, stk. 3, nr. 7", "5.28.24"},
    {"opholdssted", "Børne- og ungehjem: opholdssted", true,
     "BL § 43, stk. 1, nr. 6", "SEL § 52, stk. 3, nr. 7", "5.28.20"},
    {"kostskole", "Efterskole, fri fagskole, kostafdeling", true,
     "BL § 43, stk. 1, nr. 7", "SEL § 52, stk. 3, nr. 7", "5.28.20"},
    {"dagtilbud", "Ophold i dagtilbud, uddannelsessted o.l.", false,
     "BL § 32, stk. 1, nr. 1", "SEL § 52, stk. 3, nr. 1", "5.28.21"},
    {"stoette_i_hjemmet", "Praktisk, pædagogisk eller anden støtte i hjemmet",
     false, "BL § 32, stk. 1, nr. 2", "SEL § 52, stk. 3, nr. 2", "5.28.21"},
    {"kontaktperson", "Fast kontaktperson", false, "BL § 32, stk. 1, nr. 3",
     "SEL § 52, stk. 3, nr. 6", "5.28.21"},
    {"praktik", "Praktiktilbud", false, "BL § 32, stk. 1, nr. 4",
     "SEL § 52, stk. 3, nr. 8", "5.28.21"},
    {"familiebehandling", "Familiebehandling eller behandling", false,
     "BL § 32, stk. 1, nr. 5", "SEL § 52, stk. 3, nr. 3", "5.28.21"},
    {"familieanbringelse", "Døgnophold for hele familien", false,
     "BL § 32, stk. 1, nr. 6", "SEL § 52, stk. 3, nr. 4", "5.28.21"},
    {"stoetteophold", "Støtteophold (tidligere aflastning)", false,
     "BL § 32, stk. 1, nr. 7", "SEL § 52, stk. 3, nr. 5", "5.28.21"},
    {"anden_hjaelp", "Anden hjælp", false, "BL § 32, stk. 1, nr. 8",
     "SEL § 52, stk. 3, nr. 9", "5.28.21"},
    {"eftervaern",
     "Efterværn og ungestøtte: kontaktperson og anden støtte (18–22 år)", false,
     "BL kap. 13", "SEL § 76", "5.28.21"},
    {"ungestoette_doegnophold",
     "Ungestøtte: døgnophold på anbringelsesstedet (18–22 år)", false,
     "BL § 114, stk. 1, nr. 1", "SEL § 76, stk. 3, nr. 1", "5.28.22"},
};

enum { K_OWN, K_MUNICIPAL, K_REGIONAL, K_PRIVATE, K_COUNT };
static const char *const KIND_CODES[K_COUNT] = {"own", "municipal", "regional",
                                                "private"};

typedef struct provider_info {
    const char *name;
    int kind;
    bool inspected; /* a provider the municipality supervises (tilsyn) */
} provider_info;

enum {
    P_LINDEVANG,
    P_SOEHOEJ,
    P_AABRINKEN,
    P_OESTERLED,
    P_KONTAKTKORPS,
    P_LAERKEBO,
    P_SPIREN,
    P_HAVNEN,
    P_UNGEPORTEN,
    P_MENTOR,
    P_AEBLEGAARDEN,
    P_KILDEVANG,
    P_MOSEGAARDEN,
    P_TRANEHUSET,
    P_FJORDBO,
    P_AADALEN,
    P_LYNGHOEJ,
    P_SOLSIKKEN,
    P_REGNBUEN,
    P_EGEBJERG,
    P_FJORDEN,
    P_HVIDKILDE,
    P_HAVBO,
    P_SKOVBRYNET,
    P_SOLHJERTE,
    P_COUNT
};

static const provider_info PROVIDERS[P_COUNT] = {
    {"Familieplejen Lindevang", K_OWN, true},
    {"Døgninstitutionen Søhøj", K_OWN, true},
    {"Ungeboligerne Åbrinken", K_OWN, true},
    {"Familiehuset Østerled", K_OWN, false},
    {"Kontaktpersonkorpset", K_OWN, false},
    {"Aflastningshjemmet Lærkebo", K_OWN, true},
    {"Specialbørnehaven Spiren", K_OWN, false},
    {"Ungeværkstedet Havnen", K_OWN, false},
    {"Efterværnsteamet Ungeporten", K_OWN, false},
    {"Ungdomsskolens Mentorordning", K_OWN, false},
    {"Opholdsstedet Æblegården", K_PRIVATE, true},
    {"Opholdsstedet Kildevang", K_PRIVATE, true},
    {"Opholdsstedet Mosegården", K_PRIVATE, true},
    {"Opholdsstedet Tranehuset", K_PRIVATE, true},
    {"Børne- og Ungehjemmet Fjordbo", K_MUNICIPAL, true},
    {"Børnecenter Ådalen", K_REGIONAL, true},
    {"Den sikrede institution Lynghøj", K_REGIONAL, true},
    {"Familieplejen Solsikken", K_PRIVATE, true},
    {"Familieplejenetværket Regnbuen", K_PRIVATE, true},
    {"Egebjerg Efterskole", K_PRIVATE, false},
    {"Kostskolen ved Fjorden", K_PRIVATE, true},
    {"Kollegiet Hvidkilde", K_PRIVATE, true},
    {"Familieinstitutionen Havbo", K_REGIONAL, true},
    {"Støttecentret Skovbrynet", K_PRIVATE, true},
    {"Familiebehandling Solhjerte ApS", K_PRIVATE, false},
};

/* One offer: what a provider charges for a measure type, at the price
 * level of the as-of year. The weight chooses among the offers of a type. */
typedef struct offer {
    int type;
    int provider;
    kpi_unit unit;
    int64_t price_kr;
    int weight_social, weight_handicap;
} offer;

static const offer OFFERS[] = {
    {T_ALMEN, P_LINDEVANG, KPI_UNIT_MONTH, 35000, 70, 50},
    {T_ALMEN, P_REGNBUEN, KPI_UNIT_MONTH, 38000, 30, 50},
    {T_FORSTAERKET, P_LINDEVANG, KPI_UNIT_MONTH, 50000, 50, 30},
    {T_FORSTAERKET, P_SOLSIKKEN, KPI_UNIT_MONTH, 54000, 25, 40},
    {T_FORSTAERKET, P_REGNBUEN, KPI_UNIT_MONTH, 52000, 25, 30},
    {T_SPECIALISERET, P_SOLSIKKEN, KPI_UNIT_MONTH, 70000, 50, 50},
    {T_SPECIALISERET, P_REGNBUEN, KPI_UNIT_MONTH, 72000, 30, 30},
    {T_SPECIALISERET, P_LINDEVANG, KPI_UNIT_MONTH, 68000, 20, 20},
    {T_NETVAERK, P_LINDEVANG, KPI_UNIT_MONTH, 12000, 100, 100},
    {T_EGET_VAERELSE, P_AABRINKEN, KPI_UNIT_MONTH, 20000, 60, 60},
    {T_EGET_VAERELSE, P_HVIDKILDE, KPI_UNIT_MONTH, 22000, 40, 40},
    {T_DOEGN, P_SOEHOEJ, KPI_UNIT_DAY, 2800, 55, 30},
    {T_DOEGN, P_FJORDBO, KPI_UNIT_DAY, 3000, 45, 0},
    {T_DOEGN, P_AADALEN, KPI_UNIT_DAY, 4200, 0, 70},
    {T_SIKRET, P_LYNGHOEJ, KPI_UNIT_DAY, 9000, 100, 100},
    {T_OPHOLDSSTED, P_AEBLEGAARDEN, KPI_UNIT_DAY, 2200, 30, 20},
    {T_OPHOLDSSTED, P_KILDEVANG, KPI_UNIT_DAY, 2100, 25, 10},
    {T_OPHOLDSSTED, P_MOSEGAARDEN, KPI_UNIT_MONTH, 67000, 25, 10},
    {T_OPHOLDSSTED, P_TRANEHUSET, KPI_UNIT_DAY, 2400, 20, 60},
    {T_KOSTSKOLE, P_EGEBJERG, KPI_UNIT_YEAR, 180000, 50, 50},
    {T_KOSTSKOLE, P_FJORDEN, KPI_UNIT_MONTH, 15000, 50, 50},
    {T_DAGTILBUD, P_SPIREN, KPI_UNIT_YEAR, 60000, 100, 100},
    {T_STOETTE_HJEM, P_OESTERLED, KPI_UNIT_MONTH, 9000, 60, 60},
    {T_STOETTE_HJEM, P_SOLHJERTE, KPI_UNIT_MONTH, 10500, 40, 40},
    {T_KONTAKTPERSON, P_KONTAKTKORPS, KPI_UNIT_MONTH, 8000, 70, 70},
    {T_KONTAKTPERSON, P_SKOVBRYNET, KPI_UNIT_WEEK, 2100, 30, 30},
    {T_PRAKTIK, P_HAVNEN, KPI_UNIT_MONTH, 4000, 100, 100},
    {T_FAMILIEBEHANDLING, P_OESTERLED, KPI_UNIT_MONTH, 12000, 65, 65},
    {T_FAMILIEBEHANDLING, P_SOLHJERTE, KPI_UNIT_MONTH, 14000, 35, 35},
    {T_FAMILIEANBRINGELSE, P_HAVBO, KPI_UNIT_DAY, 3500, 100, 100},
    {T_STOETTEOPHOLD, P_LAERKEBO, KPI_UNIT_MONTH, 6000, 65, 65},
    {T_STOETTEOPHOLD, P_SKOVBRYNET, KPI_UNIT_WEEK, 1500, 35, 35},
    {T_ANDEN_HJAELP, P_MENTOR, KPI_UNIT_MONTH, 3000, 100, 100},
    {T_EFTERVAERN, P_UNGEPORTEN, KPI_UNIT_MONTH, 7000, 70, 70},
    {T_EFTERVAERN, P_KONTAKTKORPS, KPI_UNIT_MONTH, 6500, 30, 30},
    /* ungestøtte as a continued stay in the foster family (døgnophold):
     * never drawn by weight, chosen explicitly after a foster-family
     * placement */
    {T_UNGESTOETTE, P_LINDEVANG, KPI_UNIT_MONTH, 30000, 0, 0},
};
#define OFFER_COUNT ((int)(sizeof OFFERS / sizeof OFFERS[0]))
#define OFFER_STAY_IN_FOSTER_FAMILY (OFFER_COUNT - 1)

static const char *const UNIT_TEXT[4] = {"måned", "døgn", "uge", "år"};

/* Caseworkers: nine per team, so open caseloads land near 30 cases each,
 * the range Danish guidance names (a dozen would give about 67). Team Øst
 * handles most handicap cases. */
#define CW_PER_TEAM 9
#define CW_COUNT (3 * CW_PER_TEAM)
static const char *const CASEWORKERS[CW_COUNT] = {
    "Anne Sørensen",     "Jens Østergaard", "Mette Kjær",
    "Lars Bøgh",         "Camilla Dahl",    "Rasmus Krogh",
    "Sofie Lund Jensen", "Mads Frølund",    "Louise Holm",
    "Peter Ågaard",      "Henriette Friis", "Jonas Vestergaard",
    "Signe Mølgaard",    "Thomas Brandt",   "Ida Kjærsgaard",
    "Kasper Nørgaard",   "Maja Thygesen",   "Søren Bech",
    "Line Østergård",    "Nikolaj Falk",    "Trine Abildgaard",
    "Anders Holst",      "Cecilie Rønne",   "Morten Skjødt",
    "Julie Dalsgaard",   "Emil Juhl",       "Pernille Aagaard",
};
static const char *const TEAMS[3] = {"Team Nord", "Team Syd", "Team Øst"};
static const char *const TEAM_LEADERS[3] = {"Birgitte Skov", "Henrik Lund",
                                            "Åse Møller"};

/* ------------------------------------------------------------------ */
/* The simulated population.                                           */

enum { G_HANDICAP = 0, G_SOCIAL = 1 };

typedef struct child {
    uint32_t family;
    kpi_date birth;
    kpi_date switch_date; /* caseworker change; KPI_DATE_NONE = none */
    uint8_t group;
    uint8_t cw1, cw2;
    bool has_measure;
    bool investigation; /* a case without measures */
    kpi_date inv_opened;
} child;

enum {
    MF_CANCELLED = 1,
    MF_AGED_OUT = 2, /* ends on the day before the 18th birthday */
    MF_OUTLIER = 4,  /* a registration error: the price doubled */
};

typedef struct measure {
    uint32_t child;
    uint32_t seq; /* creation order: the final tie-break */
    kpi_date start;
    kpi_date end;     /* the simulated (true) last day */
    kpi_date end_out; /* as exported; KPI_DATE_NONE = empty */
    kpi_date planned; /* as exported; KPI_DATE_NONE = empty */
    int64_t price;    /* øre per unit, as registered */
    uint8_t type, offer, cw, flags;
} measure;

typedef struct gen {
    rng r;
    /* The draws for the money of the types added last (T_UNGESTOETTE): a
     * stream of its own, so that the older types' postings and budgets,
     * and all drawn after them, stay as they were. */
    rng late;
    kpi_month as_of;
    int year;    /* the fiscal year Y of the as-of month */
    kpi_date h0; /* 1 January Y-2: the history starts */
    kpi_date d;  /* the as-of date D */
    bool bench;
    size_t limit; /* bench: stop at this many measures */

    child *children;
    size_t n_children, cap_children;
    measure *measures;
    size_t n_measures, cap_measures;
    uint32_t n_families;
    uint32_t seq;
} gen;

static uint32_t new_family(gen *g)
{
    return ++g->n_families;
}

/* A child born so that it is `age` completed years old on `on`. */
static uint32_t new_child(gen *g, uint32_t family, int group, int age,
                          kpi_date on)
{
    child *c = VEC_PUSH(g->children, g->n_children, g->cap_children);
    c->family = family;
    c->group = (uint8_t)group;
    /* the latest birth date that gives the age, minus up to a year */
    kpi_date latest = birthday(on, -age);
    c->birth = latest - (kpi_date)rng_range(&g->r, 0, 364);
    if (kpi_date_age(c->birth, on) != age)
        c->birth = latest;
    int team = group == G_HANDICAP && rng_pm(&g->r, 700)
                   ? 2
                   : (int)rng_below(&g->r, 3);
    c->cw1 = (uint8_t)(team * CW_PER_TEAM + rng_below(&g->r, CW_PER_TEAM));
    c->cw2 = c->cw1;
    c->switch_date = KPI_DATE_NONE;
    if (rng_pm(&g->r, 100)) {
        /* a caseworker change somewhere in the history */
        c->cw2 =
            (uint8_t)(team * CW_PER_TEAM + (c->cw1 % CW_PER_TEAM + 1 +
                                            rng_below(&g->r, CW_PER_TEAM - 1)) %
                                               CW_PER_TEAM);
        c->switch_date = (kpi_date)rng_range(&g->r, g->h0, g->d);
    }
    return (uint32_t)(g->n_children - 1);
}

/* The caseworker responsible on a day. */
static uint8_t child_cw(const child *c, kpi_date on)
{
    return c->switch_date != KPI_DATE_NONE && on >= c->switch_date ? c->cw2
                                                                   : c->cw1;
}

static int pick_offer(gen *g, int type, int group)
{
    int idx[8], w[8], n = 0;
    for (int i = 0; i < OFFER_COUNT && n < 8; i++) {
        if (OFFERS[i].type != type)
            continue;
        int weight = group == G_HANDICAP ? OFFERS[i].weight_handicap
                                         : OFFERS[i].weight_social;
        if (weight > 0) {
            idx[n] = i;
            w[n++] = weight;
        }
    }
    return idx[rng_pick(&g->r, w, n)];
}

/* The price of an offer at the level of `year`: prices are quoted at the
 * as-of year's level and fall back 2.5 % a year; each grant varies around
 * the offer's list price. Month and year prices are whole kroner, day and
 * week prices carry øre, as agreed tariffs (takster) do. */
static int64_t offer_price(gen *g, int o, int year)
{
    int64_t p = OFFERS[o].price_kr * 100;
    for (int y = year; y < g->year; y++)
        p = kpi_div_round(p * 975, 1000);
    p = kpi_div_round(p * rng_range(&g->r, 940, 1090), 1000);
    if (OFFERS[o].unit == KPI_UNIT_MONTH || OFFERS[o].unit == KPI_UNIT_YEAR)
        p = kpi_div_round(p, 100) * 100;
    return p;
}

static bool limit_reached(const gen *g)
{
    return g->bench && g->n_measures >= g->limit;
}

/* Adds one measure (start..end, inclusive). Measures that start after D
 * are not granted yet and measures that ended before the history starts
 * are not in the export: both are dropped. Returns the measure or NULL. */
static measure *add_measure(gen *g, uint32_t ci, int o, kpi_date start,
                            kpi_date end, uint8_t flags)
{
    if (start > g->d || end < g->h0 || end < start || limit_reached(g))
        return NULL;
    child *c = &g->children[ci];
    measure *m = VEC_PUSH(g->measures, g->n_measures, g->cap_measures);
    m->child = ci;
    m->seq = g->seq++;
    m->start = start;
    m->end = end;
    m->type = (uint8_t)OFFERS[o].type;
    m->offer = (uint8_t)o;
    m->cw = child_cw(c, start);
    m->flags = flags;
    m->price = offer_price(g, o, date_year(start));
    if (rng_pm(&g->r, 3)) {
        m->flags |= MF_OUTLIER;
        m->price *= 2;
    }
    c->has_measure = true;
    return m;
}

/* Own day-priced offers (the municipality's own døgninstitution) set a new
 * tariff each 1 January, and the case system then holds one grant per
 * year: the spell goes on, at the same provider. */
static void add_measure_split(gen *g, uint32_t ci, int o, kpi_date start,
                              kpi_date end, uint8_t flags)
{
    bool split = PROVIDERS[OFFERS[o].provider].kind == K_OWN &&
                 OFFERS[o].unit == KPI_UNIT_DAY;
    while (split && date_year(start) < date_year(end)) {
        kpi_date cut = ymd(date_year(start), 12, 31);
        add_measure(g, ci, o, start, cut, 0);
        start = cut + 1;
    }
    add_measure(g, ci, o, start, end, flags);
}

/* A cancelled grant: end = start - 1 (SPEC §3.2). */
static void add_cancelled(gen *g, uint32_t ci, int type, kpi_date start)
{
    start = max_date(start, g->children[ci].birth);
    if (start > g->d || start < g->h0)
        return;
    measure *m = add_measure(g, ci, pick_offer(g, type, g->children[ci].group),
                             start, start, MF_CANCELLED);
    if (m)
        m->end = start - 1;
}

/* Days of a duration bucket table: {weight, min, max}. */
typedef struct bucket {
    int weight, lo, hi;
} bucket;

static int draw_days(gen *g, const bucket *b, int n)
{
    int w[8];
    for (int i = 0; i < n; i++)
        w[i] = b[i].weight;
    int i = rng_pick(&g->r, w, n);
    return (int)rng_range(&g->r, b[i].lo, b[i].hi);
}

/* ------------------------------------------------------------------ */
/* Placement spells.                                                   */

static int age_in_band(gen *g, const int *band_weights, int min_age)
{
    static const int lo[4] = {0, 6, 12, 15}, hi[4] = {5, 11, 14, 17};
    int b = rng_pick(&g->r, band_weights, 4);
    int a = (int)rng_range(&g->r, lo[b], hi[b]);
    return a < min_age ? min_age : a;
}

static int first_placement_type(gen *g, int group, int age)
{
    if (group == G_HANDICAP) {
        static const int t[] = {T_DOEGN, T_SPECIALISERET, T_FORSTAERKET,
                                T_OPHOLDSSTED, T_ALMEN};
        static const int w[] = {45, 20, 15, 10, 10};
        return t[rng_pick(&g->r, w, 5)];
    }
    static const int t[] = {T_ALMEN,         T_FORSTAERKET,   T_NETVAERK,
                            T_SPECIALISERET, T_DOEGN,         T_OPHOLDSSTED,
                            T_KOSTSKOLE,     T_EGET_VAERELSE, T_SIKRET};
    static const int w[4][9] = {
        {45, 25, 15, 5, 10, 0, 0, 0, 0},
        {35, 25, 10, 5, 10, 15, 0, 0, 0},
        {20, 15, 8, 4, 20, 27, 8, 0, 3},
        {10, 8, 5, 2, 17, 25, 12, 15, 10},
    };
    int band = age <= 5 ? 0 : age <= 11 ? 1 : age <= 14 ? 2 : 3;
    return t[rng_pick(&g->r, w[band], 9)];
}

/* The next setting after a move inside a spell. */
static int next_placement_type(gen *g, int prev, int age)
{
    if (prev == T_SIKRET)
        return rng_pm(&g->r, 600) ? T_OPHOLDSSTED : T_DOEGN;
    if (prev == T_OPHOLDSSTED || prev == T_DOEGN) {
        if (age >= 16 && rng_pm(&g->r, 500))
            return T_EGET_VAERELSE;
        return rng_pm(&g->r, 550) ? T_FORSTAERKET : T_ALMEN;
    }
    /* a foster family that breaks down */
    return rng_pm(&g->r, 500) ? T_OPHOLDSSTED : T_FORSTAERKET;
}

static bool is_foster(int type)
{
    return type == T_ALMEN || type == T_FORSTAERKET ||
           type == T_SPECIALISERET || type == T_NETVAERK;
}

/* Ungestøtte from the 18th birthday for a young person placed until then:
 * a stay on in the foster family (døgnophold) or efterværn. */
static void aftercare(gen *g, uint32_t ci, int last_type)
{
    const child *c = &g->children[ci];
    kpi_date start = birthday(c->birth, 18);
    kpi_date cap = birthday(c->birth, 23) - 1;
    static const bucket dur[] = {{50, 180, 540}, {50, 541, 1400}};
    kpi_date end = min_date(start + draw_days(g, dur, 2) - 1, cap);
    int o = is_foster(last_type) && rng_pm(&g->r, 450)
                ? OFFER_STAY_IN_FOSTER_FAMILY
                : pick_offer(g, T_EFTERVAERN, c->group);
    add_measure(g, ci, o, start, end, 0);
}

/* One placement spell for one child from start to end, split into one to
 * three settings that follow each other the next day. */
static void placement_spell(gen *g, uint32_t ci, kpi_date start, kpi_date end,
                            bool aged_out, int first_type, bool chain)
{
    const child *c = &g->children[ci];
    int type = first_type;
    int prev_offer = -1;
    kpi_date s = start;
    int settings = 1;
    if (first_type == T_SIKRET)
        settings = 2; /* a secure stay is always short */
    else if (chain && end - start > 120)
        settings = rng_pm(&g->r, 250) ? 3 : 2;
    for (int k = 0; k < settings; k++) {
        kpi_date e = end;
        if (k < settings - 1) {
            int len =
                type == T_SIKRET
                    ? (int)rng_range(&g->r, 14, 120)
                    : (int)rng_range(&g->r, 30,
                                     (end - s) / 2 < 300 ? (end - s) / 2 : 300);
            e = s + len - 1;
            if (e >= end - 30)
                e = end;
        }
        int o = pick_offer(g, type, c->group);
        for (int tries = 0; tries < 5 && o == prev_offer; tries++)
            o = pick_offer(g, type, c->group);
        add_measure_split(g, ci, o, s, e,
                          e == end && aged_out ? MF_AGED_OUT : 0);
        prev_offer = o;
        if (e == end)
            break;
        s = e + 1;
        type = next_placement_type(g, type, kpi_date_age(c->birth, s));
    }
    if (aged_out && rng_pm(&g->r, 600))
        aftercare(g, ci, type);
}

/* A preventive measure that preceded a placement and ends the day before. */
static void prior_support(gen *g, uint32_t ci, kpi_date placed)
{
    const child *c = &g->children[ci];
    int age = kpi_date_age(c->birth, placed);
    static const int t[] = {T_FAMILIEBEHANDLING, T_STOETTE_HJEM,
                            T_KONTAKTPERSON};
    static const int w[] = {50, 25, 25};
    int type = t[rng_pick(&g->r, w, 3)];
    if (type == T_KONTAKTPERSON && age < 7)
        type = T_FAMILIEBEHANDLING;
    kpi_date start =
        max_date(placed - (kpi_date)rng_range(&g->r, 90, 540), c->birth + 30);
    if (start < placed - 1)
        add_measure(g, ci, pick_offer(g, type, c->group), start, placed - 1, 0);
}

static void placement_episode(gen *g, bool legacy)
{
    static const int band_new[4] = {20, 22, 25, 33};
    static const int band_old[4] = {12, 28, 25, 35};
    int group = rng_pm(&g->r, 220) ? G_HANDICAP : G_SOCIAL;
    kpi_date ref = legacy ? g->h0 : (kpi_date)rng_range(&g->r, g->h0, g->d);
    int age = age_in_band(g, legacy ? band_old : band_new, legacy ? 1 : 0);
    uint32_t fam = new_family(g);
    uint32_t ci = new_child(g, fam, group, age, ref);
    const child *c = &g->children[ci];

    kpi_date start, end;
    if (legacy) {
        int max_back = (ref - c->birth) - 1;
        if (max_back > 8 * 365)
            max_back = 8 * 365;
        start =
            ref - (kpi_date)rng_range(&g->r, max_back < 30 ? 1 : 30, max_back);
        static const bucket rem[] = {
            {15, 1, 180}, {30, 181, 730}, {55, 731, 3000}};
        end = ref + draw_days(g, rem, 3) - 1;
    } else {
        start = ref;
        static const bucket dur[] = {
            {30, 14, 182}, {30, 183, 730}, {40, 731, 3650}};
        end = start + draw_days(g, dur, 3) - 1;
    }
    kpi_date cap18 = birthday(c->birth, 18) - 1;
    bool aged_out = end >= cap18;
    if (aged_out)
        end = cap18;
    int age_start = kpi_date_age(c->birth, start);
    int type = first_placement_type(g, group, age_start);

    if (!legacy && rng_pm(&g->r, 350))
        prior_support(g, ci, start);
    placement_spell(g, ci, start, end, aged_out, type,
                    rng_pm(&g->r, legacy ? 120 : 300));

    /* siblings placed together: same setting, same days */
    if (!legacy && rng_pm(&g->r, 100)) {
        int sib_age =
            age + (rng_pm(&g->r, 500) ? 1 : -1) * (int)rng_range(&g->r, 1, 3);
        if (sib_age < 0)
            sib_age = age + 2;
        if (sib_age > 16)
            sib_age = age - 2;
        if (sib_age >= 0) {
            uint32_t si = new_child(g, fam, group, sib_age, start);
            g->children[si].cw1 = g->children[ci].cw1;
            g->children[si].cw2 = g->children[ci].cw2;
            g->children[si].switch_date = g->children[ci].switch_date;
            kpi_date scap = birthday(g->children[si].birth, 18) - 1;
            placement_spell(g, si, start, min_date(end, scap), end >= scap,
                            type == T_KOSTSKOLE || type == T_EGET_VAERELSE ||
                                    type == T_SIKRET
                                ? T_ALMEN
                                : type,
                            false);
        }
    }
    if (rng_pm(&g->r, 15))
        add_cancelled(g, ci, T_OPHOLDSSTED,
                      start - (kpi_date)rng_range(&g->r, 0, 20));
}

/* ------------------------------------------------------------------ */
/* Families with preventive measures.                                  */

static int preventive_type(gen *g, int group, int age)
{
    int type;
    if (group == G_HANDICAP) {
        static const int t[] = {T_STOETTEOPHOLD,     T_STOETTE_HJEM,
                                T_DAGTILBUD,         T_KONTAKTPERSON,
                                T_FAMILIEBEHANDLING, T_ANDEN_HJAELP};
        static const int w[] = {40, 20, 15, 10, 10, 5};
        type = t[rng_pick(&g->r, w, 6)];
    } else {
        static const int t[] = {T_FAMILIEBEHANDLING, T_KONTAKTPERSON,
                                T_STOETTE_HJEM,      T_STOETTEOPHOLD,
                                T_ANDEN_HJAELP,      T_DAGTILBUD,
                                T_PRAKTIK,           T_FAMILIEANBRINGELSE};
        static const int w[] = {35, 18, 13, 9, 11, 6, 5, 2};
        type = t[rng_pick(&g->r, w, 8)];
    }
    if (type == T_DAGTILBUD && age > 6)
        type = T_STOETTE_HJEM;
    if (type == T_PRAKTIK && age < 14)
        type = T_KONTAKTPERSON;
    if (type == T_KONTAKTPERSON && age < 7)
        type = T_STOETTE_HJEM;
    return type;
}

static int preventive_days(gen *g, int type)
{
    static const bucket fb[] = {{60, 90, 365}, {40, 366, 730}};
    static const bucket kp[] = {{60, 180, 540}, {40, 541, 1095}};
    static const bucket so[] = {{50, 180, 730}, {50, 731, 1460}};
    static const bucket dt[] = {{100, 180, 730}};
    static const bucket pr[] = {{100, 60, 365}};
    static const bucket ah[] = {{100, 30, 365}};
    static const bucket sh[] = {{70, 60, 365}, {30, 366, 730}};
    static const bucket fa[] = {{100, 60, 180}};
    static const bucket ev[] = {{100, 180, 1095}};
    switch (type) {
    case T_FAMILIEBEHANDLING:
        return draw_days(g, fb, 2);
    case T_KONTAKTPERSON:
        return draw_days(g, kp, 2);
    case T_STOETTEOPHOLD:
        return draw_days(g, so, 2);
    case T_DAGTILBUD:
        return draw_days(g, dt, 1);
    case T_PRAKTIK:
        return draw_days(g, pr, 1);
    case T_ANDEN_HJAELP:
        return draw_days(g, ah, 1);
    case T_FAMILIEANBRINGELSE:
        return draw_days(g, fa, 1);
    case T_EFTERVAERN:
        return draw_days(g, ev, 1);
    default:
        return draw_days(g, sh, 2);
    }
}

/* One preventive measure, maybe extended by a new grant the day after. */
static void preventive_measure(gen *g, uint32_t ci, int type, int o,
                               kpi_date start, bool legacy)
{
    const child *c = &g->children[ci];
    int dur = preventive_days(g, type);
    kpi_date end = legacy ? g->h0 + (kpi_date)rng_range(&g->r, 0, dur - 1)
                          : start + dur - 1;
    if (rng_pm(&g->r, 400))
        end = month_end(end); /* granted to the end of a month */
    kpi_date cap = birthday(c->birth, type == T_EFTERVAERN ? 23 : 18) - 1;
    if (start > cap)
        return;
    end = min_date(end, cap);
    add_measure(g, ci, o, start, end, 0);
    if (end < cap && rng_pm(&g->r, 200)) {
        kpi_date s2 = end + 1;
        add_measure(g, ci, o, s2,
                    min_date(s2 + preventive_days(g, type) - 1, cap), 0);
    }
    if (rng_pm(&g->r, 8))
        add_cancelled(g, ci, type, start + (kpi_date)rng_range(&g->r, 0, 60));
}

static void family_episode(gen *g, bool legacy)
{
    kpi_date s0 = legacy ? g->h0 - (kpi_date)rng_range(&g->r, 1, 700)
                         : (kpi_date)rng_range(&g->r, g->h0, g->d);
    uint32_t fam = new_family(g);
    if (rng_pm(&g->r, 70)) {
        /* a young adult with efterværn and no placement behind it here */
        uint32_t ci =
            new_child(g, fam, G_SOCIAL, (int)rng_range(&g->r, 18, 21), s0);
        preventive_measure(g, ci, T_EFTERVAERN,
                           pick_offer(g, T_EFTERVAERN, G_SOCIAL), s0, legacy);
        return;
    }
    static const int kw[] = {55, 30, 15};
    int k = 1 + rng_pick(&g->r, kw, 3);
    int group = rng_pm(&g->r, 200) ? G_HANDICAP : G_SOCIAL;
    static const int band[4] = {22, 28, 25, 25};
    uint32_t kids[3];
    int age0 = age_in_band(g, band, 0);
    for (int i = 0; i < k; i++) {
        int age = age0;
        if (i > 0) {
            age = age0 + (int)rng_range(&g->r, -4, 4);
            age = age < 0 ? 0 : age > 17 ? 17 : age;
        }
        kids[i] = new_child(g, fam, i == 0 ? group : G_SOCIAL, age, s0);
        if (i > 0) {
            g->children[kids[i]].cw1 = g->children[kids[0]].cw1;
            g->children[kids[i]].cw2 = g->children[kids[0]].cw2;
            g->children[kids[i]].switch_date = g->children[kids[0]].switch_date;
        }
    }
    static const int mw[] = {50, 30, 15, 5};
    int nm = 1 + rng_pick(&g->r, mw, 4);
    for (int j = 0; j < nm; j++) {
        uint32_t ci = j == 0 ? kids[0] : kids[rng_below(&g->r, k)];
        const child *c = &g->children[ci];
        kpi_date start = j == 0 ? s0 : s0 + (kpi_date)rng_range(&g->r, 0, 180);
        if (legacy && start >= g->h0)
            start = g->h0 - 1;
        else if (!legacy && rng_pm(&g->r, 400))
            start = month_end(start - 1) + 1; /* from the next 1st */
        int type = preventive_type(g, c->group, kpi_date_age(c->birth, start));
        int o = pick_offer(g, type, c->group);
        if (type == T_FAMILIEBEHANDLING && k > 1 && rng_pm(&g->r, 500)) {
            /* the whole family in treatment: one grant per child */
            for (int i = 0; i < k; i++)
                preventive_measure(g, kids[i], type, o, start, legacy);
        } else {
            preventive_measure(g, ci, type, o, start, legacy);
        }
    }
}

/* ------------------------------------------------------------------ */
/* The episodes: how many of each kind.                                */

typedef struct plan {
    int64_t legacy_placements, new_placements, legacy_families, new_families;
} plan;

/* The example's flows per year and stocks when the history starts, chosen
 * for a municipality of about 60,000 inhabitants (ca. 13,000 aged 0-17):
 * about 1.3 % of them placed, 4 % of the families in preventive support. */
static plan default_plan(const gen *g)
{
    int64_t days = g->d - g->h0 + 1;
    plan p;
    p.legacy_placements = 178;
    p.new_placements = kpi_div_round(80 * days, 365);
    p.legacy_families = 470;
    p.new_families = kpi_div_round(290 * days, 365);
    return p;
}

static void run_plan(gen *g)
{
    plan p = default_plan(g);
    if (!g->bench) {
        for (int64_t i = 0; i < p.legacy_placements; i++)
            placement_episode(g, true);
        for (int64_t i = 0; i < p.new_placements; i++)
            placement_episode(g, false);
        for (int64_t i = 0; i < p.legacy_families; i++)
            family_episode(g, true);
        for (int64_t i = 0; i < p.new_families; i++)
            family_episode(g, false);
        return;
    }
    /* Bench: the same mix of episodes, drawn at random until exactly
     * `limit` measures exist, so every size looks like the example. */
    int w[4] = {(int)p.legacy_placements, (int)p.new_placements,
                (int)p.legacy_families, (int)p.new_families};
    while (g->n_measures < g->limit) {
        switch (rng_pick(&g->r, w, 4)) {
        case 0:
            placement_episode(g, true);
            break;
        case 1:
            placement_episode(g, false);
            break;
        case 2:
            family_episode(g, true);
            break;
        default:
            family_episode(g, false);
            break;
        }
    }
}

/* What the export shows of each measure: the end date only when it has
 * passed or is decided, a planned end for most ongoing grants. */
static void finalize_measures(gen *g)
{
    for (size_t i = 0; i < g->n_measures; i++) {
        measure *m = &g->measures[i];
        m->end_out = KPI_DATE_NONE;
        m->planned = KPI_DATE_NONE;
        if (m->flags & MF_CANCELLED) {
            m->end_out = m->start - 1;
            continue;
        }
        if (m->end <= g->d) {
            m->end_out = m->end;
            if (rng_pm(&g->r, 350)) {
                kpi_date p =
                    month_end(m->end + (kpi_date)rng_range(&g->r, -45, 90));
                m->planned = max_date(p, m->start);
            }
            continue;
        }
        if (m->end <= g->d + 92 && rng_pm(&g->r, 150)) {
            m->end_out = m->end; /* decided, in the near future */
            continue;
        }
        if ((m->flags & MF_AGED_OUT) && rng_pm(&g->r, 800)) {
            m->planned = m->end;
        } else if (rng_pm(&g->r, 600)) {
            kpi_date p =
                month_end(m->end + (kpi_date)rng_range(&g->r, -60, 60));
            /* a few planned ends have passed without the grant being
             * closed: a registration problem a controller must see */
            m->planned =
                p > g->d || rng_pm(&g->r, 20) ? p : month_end(g->d + 1);
            m->planned = max_date(m->planned, m->start);
        }
    }
}

static int cmp_measure(const void *a, const void *b)
{
    const measure *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->child != y->child)
        return x->child < y->child ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ------------------------------------------------------------------ */
/* Writing: a line buffer with the Danish formats.                     */

typedef struct line {
    char buf[1024];
    size_t len;
} line;

static void put_str(line *l, const char *s)
{
    size_t n = strlen(s);
    if (l->len + n >= sizeof l->buf)
        n = sizeof l->buf - 1 - l->len;
    memcpy(l->buf + l->len, s, n);
    l->len += n;
}

static void put_char(line *l, char c)
{
    if (l->len + 1 < sizeof l->buf)
        l->buf[l->len++] = c;
}

static void put_uint(line *l, uint64_t v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        tmp[n++] = '0';
    while (n)
        put_char(l, tmp[--n]);
}

static void put_id(line *l, char prefix, uint64_t v, int width)
{
    put_char(l, prefix);
    put_uint(l, v, width);
}

/* dd-mm-yyyy; nothing for an empty date. */
static void put_date(line *l, kpi_date d)
{
    if (d == KPI_DATE_NONE)
        return;
    int y, m, dd;
    kpi_date_to_ymd(d, &y, &m, &dd);
    put_uint(l, (uint64_t)dd, 2);
    put_char(l, '-');
    put_uint(l, (uint64_t)m, 2);
    put_char(l, '-');
    put_uint(l, (uint64_t)y, 4);
}

/* Øre as Danish kroner: "2.345,67" with thousands, "2345,67" without;
 * with decimals false the øre are dropped (the amount must be whole). */
static void put_money(line *l, int64_t ore, bool thousands, bool decimals)
{
    if (ore < 0) {
        put_char(l, '-');
        ore = -ore;
    }
    uint64_t kr = (uint64_t)ore / 100, rest = (uint64_t)ore % 100;
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + kr % 10);
        kr /= 10;
    } while (kr);
    for (int i = n - 1; i >= 0; i--) {
        put_char(l, digits[i]);
        if (thousands && i > 0 && i % 3 == 0)
            put_char(l, '.');
    }
    if (decimals) {
        put_char(l, ',');
        put_uint(l, rest, 2);
    }
}

/* A number with one decimal, Danish: tenths 125 -> "12,5". */
static void put_tenths(line *l, int64_t tenths)
{
    if (tenths < 0) {
        put_char(l, '-');
        tenths = -tenths;
    }
    put_uint(l, (uint64_t)(tenths / 10), 1);
    put_char(l, ',');
    put_uint(l, (uint64_t)(tenths % 10), 1);
}

typedef struct out_file {
    FILE *f;
    char *vbuf;
    const char *eol;
    char path[4096];
} out_file;

static void out_open(out_file *o, const char *dir, const char *name, bool bom,
                     bool crlf)
{
    snprintf(o->path, sizeof o->path, "%s/%s", dir, name);
    o->f = fopen(o->path, "wb");
    if (!o->f) {
        fprintf(stderr, "kpi-gen: %s: %s\n", o->path, strerror(errno));
        exit(3);
    }
    o->vbuf = xrealloc(NULL, 1 << 20);
    setvbuf(o->f, o->vbuf, _IOFBF, 1 << 20);
    o->eol = crlf ? "\r\n" : "\n";
    if (bom)
        fputs("\xEF\xBB\xBF", o->f);
}

static void out_line(out_file *o, line *l)
{
    put_str(l, o->eol);
    fwrite(l->buf, 1, l->len, o->f);
    l->len = 0;
}

static void out_text(out_file *o, const char *text)
{
    fputs(text, o->f);
    fputs(o->eol, o->f);
}

static void out_close(out_file *o)
{
    if (fflush(o->f) != 0 || ferror(o->f) || fclose(o->f) != 0) {
        fprintf(stderr, "kpi-gen: %s: write failed\n", o->path);
        exit(3);
    }
    free(o->vbuf);
}

static const char *group_text(int group)
{
    return group == G_HANDICAP ? "Handicappede" : "Socialt udsatte";
}

/* ------------------------------------------------------------------ */
/* measures.csv                                                        */

static void write_measures(const gen *g, const char *dir)
{
    out_file o;
    out_open(&o, dir, "measures.csv", true, true);
    out_text(&o, "measure_id;child_id;family_id;birth_date;target_group;"
                 "measure_type;legal_basis;provider;provider_kind;caseworker;"
                 "team;start_date;end_date;planned_end_date;cost;cost_unit");
    kpi_date bl = ymd(2024, 1, 1); /* Barnets lov in force */
    line l = {.len = 0};
    for (size_t i = 0; i < g->n_measures; i++) {
        const measure *m = &g->measures[i];
        const child *c = &g->children[m->child];
        const offer *of = &OFFERS[m->offer];
        const provider_info *p = &PROVIDERS[of->provider];
        put_id(&l, 'M', i + 1, 6);
        put_char(&l, ';');
        put_id(&l, 'B', m->child + 101, 5);
        put_char(&l, ';');
        put_id(&l, 'F', c->family, 5);
        put_char(&l, ';');
        put_date(&l, c->birth);
        put_char(&l, ';');
        put_str(&l, group_text(c->group));
        put_char(&l, ';');
        put_str(&l, TYPES[m->type].code);
        put_char(&l, ';');
        put_str(&l,
                m->start < bl ? TYPES[m->type].old_law : TYPES[m->type].law);
        put_char(&l, ';');
        put_str(&l, p->name);
        put_char(&l, ';');
        put_str(&l, KIND_CODES[p->kind]);
        put_char(&l, ';');
        put_str(&l, CASEWORKERS[m->cw]);
        put_char(&l, ';');
        put_str(&l, TEAMS[m->cw / CW_PER_TEAM]);
        put_char(&l, ';');
        put_date(&l, m->start);
        put_char(&l, ';');
        put_date(&l, m->end_out);
        put_char(&l, ';');
        put_date(&l, m->planned);
        put_char(&l, ';');
        put_money(&l, m->price, true, true);
        put_char(&l, ';');
        put_str(&l, UNIT_TEXT[of->unit]);
        out_line(&o, &l);
    }
    out_close(&o);
}

/* ------------------------------------------------------------------ */
/* Money per type: postings.csv and budget.csv.                        */

/* Disposed øre by [year - (Y-3)][month-1][type][provider kind], with the
 * true end dates and the prices as agreed (a doubled price is a
 * registration error; the invoices carry the right one). */
typedef struct ledger {
    int64_t disposed[4][12][T_COUNT][K_COUNT];
    int64_t days_y[T_COUNT]; /* active days in Y, summed over measures */
    int64_t cost_y[T_COUNT];
} ledger;

static void build_ledger(const gen *g, ledger *lg)
{
    memset(lg, 0, sizeof *lg);
    int y0 = g->year - 3;
    kpi_date from = ymd(y0, 12, 1), to = ymd(g->year, 12, 31);
    kpi_date ys = ymd(g->year, 1, 1);
    for (size_t i = 0; i < g->n_measures; i++) {
        const measure *m = &g->measures[i];
        if (m->flags & MF_CANCELLED)
            continue;
        const offer *of = &OFFERS[m->offer];
        int kind = PROVIDERS[of->provider].kind;
        int64_t price = m->flags & MF_OUTLIER ? m->price / 2 : m->price;
        kpi_date s = max_date(m->start, from), e = min_date(m->end, to);
        if (e < s)
            continue;
        int sy, sm, sd, ey, em, ed;
        kpi_date_to_ymd(s, &sy, &sm, &sd);
        kpi_date_to_ymd(e, &ey, &em, &ed);
        for (int idx = sy * 12 + sm - 1; idx <= ey * 12 + em - 1; idx++) {
            int y = idx / 12, mo = idx % 12 + 1;
            int64_t a = kpi_measure_month_amount(price, of->unit, m->start,
                                                 m->end, y, mo);
            lg->disposed[y - y0][mo - 1][m->type][kind] += a;
            if (y == g->year)
                lg->cost_y[m->type] += a;
        }
        kpi_date a = max_date(m->start, ys), b = min_date(m->end, to);
        if (b >= a)
            lg->days_y[m->type] += b - a + 1;
    }
}

/* The stream a type's money draws from (gen.late). */
static rng *money_rng(gen *g, int type)
{
    return type == T_UNGESTOETTE ? &g->late : &g->r;
}

/* amount x (1000 + noise) / 1000 with noise uniform in -spread..spread. */
static int64_t jitter(rng *r, int64_t amount, int spread)
{
    return kpi_div_round(amount * (1000 + rng_range(r, -spread, spread)),
                         1000);
}

static bool sells_places(int type)
{
    return type == T_DOEGN || type == T_STOETTEOPHOLD ||
           type == T_EGET_VAERELSE;
}

static void posting_row(out_file *o, int y, int mo, int type, int provider_kind,
                        const char *posting_kind, int64_t amount)
{
    if (amount == 0)
        return;
    line l = {.len = 0};
    put_uint(&l, (uint64_t)y, 4);
    put_char(&l, '-');
    put_uint(&l, (uint64_t)mo, 2);
    put_char(&l, ';');
    put_str(&l, TYPES[type].code);
    put_char(&l, ';');
    put_str(&l, KIND_CODES[provider_kind]);
    put_char(&l, ';');
    put_str(&l, posting_kind);
    put_char(&l, ';');
    put_money(&l, amount, false, true);
    out_line(o, &l);
}

/* The financial system books own offers in the month; invoices from other
 * providers arrive late: 60 % in the month, 40 % the month after. What
 * December's invoices bring in January is booked as prior_year. Own
 * offers that sell places to other municipalities book that as income. */
static void write_postings(gen *g, const ledger *lg, const char *dir)
{
    out_file o;
    out_open(&o, dir, "postings.csv", false, false);
    out_text(&o, "period;measure_type;provider_kind;kind;amount");
    int y0 = g->year - 3;
    for (int y = g->year - 2; y <= g->year; y++) {
        int last = y == g->year ? g->as_of.month : 12;
        for (int mo = 1; mo <= last; mo++) {
            for (int t = 0; t < T_COUNT; t++) {
                for (int k = 0; k < K_COUNT; k++) {
                    int64_t now = lg->disposed[y - y0][mo - 1][t][k];
                    int64_t before = mo > 1
                                         ? lg->disposed[y - y0][mo - 2][t][k]
                                         : lg->disposed[y - 1 - y0][11][t][k];
                    rng *r = money_rng(g, t);
                    if (k == K_OWN) {
                        posting_row(&o, y, mo, t, k, "expense",
                                    jitter(r, now, 30));
                        if (sells_places(t))
                            posting_row(&o, y, mo, t, k, "income",
                                        -jitter(r, now / 5, 100));
                        continue;
                    }
                    int64_t amount = kpi_div_round(now * 6, 10);
                    if (mo > 1)
                        amount += kpi_div_round(before * 4, 10);
                    posting_row(&o, y, mo, t, k, "expense",
                                jitter(r, amount, 30));
                    if (mo == 1)
                        posting_row(
                            &o, y, mo, t, k, "prior_year",
                            jitter(r, kpi_div_round(before * 4, 10), 30));
                }
            }
        }
    }
    out_close(&o);
}

/* The budget of Y, set near what the measures will cost: most types within
 * a few percent, three over budget and two under, so the forecast has
 * something to explain. qf and pf scale the budgeted full-year recipients
 * and average price (per mille of the simulated ones). */
static void budget_factors(gen *g, int type, int *qf, int *pf)
{
    switch (type) {
    case T_OPHOLDSSTED: /* more children than budgeted */
        *qf = 880;
        *pf = 1000;
        return;
    case T_FORSTAERKET: /* dearer than budgeted */
        *qf = 1000;
        *pf = 900;
        return;
    case T_STOETTEOPHOLD:
        *qf = 930;
        *pf = 950;
        return;
    case T_DOEGN: /* fewer children than budgeted */
        *qf = 1120;
        *pf = 1000;
        return;
    case T_FAMILIEBEHANDLING:
        *qf = 1050;
        *pf = 1060;
        return;
    default:
        *qf = (int)rng_range(money_rng(g, type), 980, 1020);
        *pf = (int)rng_range(money_rng(g, type), 980, 1020);
        return;
    }
}

static const char *const MONTH_HEAD[12] = {"Jan", "Feb", "Mar", "Apr",
                                           "Maj", "Jun", "Jul", "Aug",
                                           "Sep", "Okt", "Nov", "Dec"};
/* The phasing (periodisering): more in late autumn, less in the summer
 * holidays when støtteophold and institutions bill less. Sums to 1000. */
static const int SEASON[12] = {84, 80, 84, 83, 84, 83, 80, 83, 84, 85, 85, 85};

static void write_budget(gen *g, const ledger *lg, const char *dir)
{
    out_file o;
    out_open(&o, dir, "budget.csv", true, false);
    line l = {.len = 0};
    put_str(&l, "Foranstaltningstype;Korrigeret budget;Helårspersoner;"
                "Gennemsnitspris");
    for (int i = 0; i < 12; i++) {
        put_char(&l, ';');
        put_str(&l, MONTH_HEAD[i]);
    }
    out_line(&o, &l);
    int64_t diy = kpi_date_days_in_year(g->year);
    for (int t = 0; t < T_COUNT; t++) {
        int qf, pf;
        budget_factors(g, t, &qf, &pf);
        if (lg->days_y[t] == 0)
            continue;
        /* full-year recipients in tenths, price per full-year recipient in
         * kroner rounded to 100 kr., budget = recipients x price exactly */
        int64_t nb10 = kpi_div_round(lg->days_y[t] * 10 * qf, diy * 1000);
        if (nb10 < 1)
            nb10 = 1;
        int64_t p_ore = kpi_div_round(lg->cost_y[t], lg->days_y[t]) * diy;
        int64_t pb_kr =
            kpi_div_round(kpi_div_round(p_ore * pf, 1000), 10000) * 100;
        int64_t budget_kr = nb10 * pb_kr / 10;
        put_str(&l, TYPES[t].name);
        put_char(&l, ';');
        put_money(&l, budget_kr * 100, true, false);
        put_char(&l, ';');
        put_tenths(&l, nb10);
        put_char(&l, ';');
        put_money(&l, pb_kr * 100, true, false);
        int64_t rest = budget_kr;
        for (int i = 0; i < 12; i++) {
            int64_t mkr =
                i < 11 ? kpi_div_round(budget_kr * SEASON[i], 1000) : rest;
            rest -= mkr;
            put_char(&l, ';');
            put_money(&l, mkr * 100, true, false);
        }
        out_line(&o, &l);
    }
    out_close(&o);
}

/* ------------------------------------------------------------------ */
/* kpi.ini                                                             */

static void write_ini(const gen *g, const char *dir, const char *name)
{
    out_file o;
    out_open(&o, dir, "kpi.ini", false, false);
    FILE *f = o.f;
    fprintf(f, "; %s: synthetic example data made by kpi-gen.\n", name);
    fprintf(f, "; No real children, families, caseworkers or providers.\n\n");
    fprintf(f, "[municipality]\nname = %s\n\n", name);
    fprintf(f, "; Kontoplan functions (budget- og regnskabssystem for "
               "kommuner, hovedkonto 5):\n; 5.28.20 opholdssteder mv. (incl. "
               "eget værelse, kostskoler), 5.28.21 forebyggende\n; "
               "foranstaltninger, 5.28.22 plejefamilier (incl. "
               "netværksplejefamilier), 5.28.23 døgninstitutioner,\n; "
               "5.28.24 sikrede døgninstitutioner. Ungestøtte as a døgnophold "
               "goes with its setting.\n");
    for (int t = 0; t < T_COUNT; t++)
        fprintf(f, "[measure_type.%s]\nfunction = %s\n\n", TYPES[t].code,
                TYPES[t].function);
    fprintf(f, "[high_cost]\nshare = 0.10\n\n");
    /* The law's own amounts, labelled as what they are: no published
     * source for a later year's regulated amounts was at hand
     * (docs/DECISIONS.md), so kpi warns for the report year. */
    fprintf(f,
            "; BL § 198 thresholds and rates. These are the law's own "
            "amounts, at 2022\n; level (barnets lov § 198, stk. 1): 860.000 "
            "/ 1.680.000 / 2.120.000 kr. a\n; year at 25 / 50 / 75 %%. They "
            "are regulated every year; add [reimbursement.%d]\n; with the "
            "amounts of %d from Social- og Boligministeriets satser. "
            "Until then\n; kpi warns that %d is reckoned with 2022's.\n",
            g->year, g->year, g->year);
    fprintf(f, "[reimbursement.2022]\nthresholds = 860000, 1680000, 2120000\n"
               "rates = 0.25, 0.50, 0.75\n\n");
    fprintf(f, "; Service-level targets (serviceniveau).\n");
    fprintf(f, "[target.placed_children]\nyellow = 165\nred = 180\n\n");
    fprintf(f, "; More families in early support is the goal: yellow above "
               "red turns the direction.\n");
    fprintf(f, "[target.preventive_families]\nyellow = 480\nred = 430\n\n");
    fprintf(f, "[target.deadlines_met]\nstat = share\nyellow = 0.95\n"
               "red = 0.90\n\n");
    static const struct {
        const char *key, *name, *group, *email, *team, *caseworker;
        const char *role;
    } R[] = {
        {"udvalg", "Børne- og Ungeudvalget", "fagudvalg",
         "boerne-ungeudvalget@example.dk", NULL, NULL, NULL},
        {"direktion", "Direktionen", "direktion", "direktion@example.dk", NULL,
         NULL, NULL},
        {"oekonomichef", "Karen Bjerregaard", "direktion",
         "karen.bjerregaard@example.dk", NULL, NULL, "oekonomichef"},
        {"fagchef", "Lene Thygesen", "fagchef", "lene.thygesen@example.dk",
         NULL, NULL, NULL},
        {"leder_nord", "Birgitte Skov", "afdelingsleder",
         "birgitte.skov@example.dk", "Team Nord", NULL, NULL},
        {"leder_syd", "Henrik Lund", "afdelingsleder", "henrik.lund@example.dk",
         "Team Syd", NULL, NULL},
        {"leder_oest", "Åse Møller", "afdelingsleder",
         "aase.moeller@example.dk", "Team Øst", NULL, NULL},
        {"anne", "Anne Sørensen", "sagsbehandler", "anne.soerensen@example.dk",
         NULL, "Anne Sørensen", NULL},
        {"jens", "Jens Østergaard", "sagsbehandler",
         "jens.oestergaard@example.dk", NULL, "Jens Østergaard", NULL},
    };
    /* kpi refuses a recipient whose caseworker or team has no case or
     * measure (kpi.ini is checked against the data): a small --measures
     * run may leave some out. The bench writes no cases, so its measures
     * decide; the example's cover every caseworker. */
    bool cw_used[CW_COUNT] = {false}, team_used[3] = {false};
    for (size_t i = 0; i < g->n_measures; i++) {
        cw_used[g->measures[i].cw] = true;
        team_used[g->measures[i].cw / CW_PER_TEAM] = true;
    }
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++) {
        bool absent = false;
        for (int k = 0; k < CW_COUNT; k++)
            if (R[i].caseworker && !strcmp(R[i].caseworker, CASEWORKERS[k]))
                absent = !cw_used[k];
        for (int k = 0; k < 3; k++)
            if (R[i].team && !strcmp(R[i].team, TEAMS[k]))
                absent = !team_used[k];
        if (absent && g->bench)
            continue;
        fprintf(f, "[recipient %s]\nname = %s\ngroup = %s\nemail = %s\n",
                R[i].key, R[i].name, R[i].group, R[i].email);
        if (R[i].team)
            fprintf(f, "team = %s\n", R[i].team);
        if (R[i].caseworker)
            fprintf(f, "caseworker = %s\n", R[i].caseworker);
        if (R[i].role)
            fprintf(f, "role = %s\n", R[i].role);
        fputc('\n', f);
    }
    fprintf(f, "[smtp]\nhost = localhost\nport = 25\nfrom = "
               "lis@example.dk\n");
    out_close(&o);
}

/* ------------------------------------------------------------------ */
/* The case-processing files of the example.                           */

typedef struct child_span {
    kpi_date first, last; /* first start, last true end of its measures */
    bool placed_ever;
} child_span;

typedef struct case_row {
    uint32_t child;
    kpi_date opened, closed;
    uint8_t cw;
} case_row;

static int cmp_case(const void *a, const void *b)
{
    const case_row *x = a, *y = b;
    if (x->opened != y->opened)
        return x->opened < y->opened ? -1 : 1;
    return x->child < y->child ? -1 : x->child > y->child;
}

typedef struct notif {
    kpi_date received;
    uint32_t child; /* UINT32_MAX = anonymous */
    uint32_t seq;
} notif;

static int cmp_notif(const void *a, const void *b)
{
    const notif *x = a, *y = b;
    if (x->received != y->received)
        return x->received < y->received ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

typedef struct deadline {
    uint32_t case_no;
    uint8_t type;
    kpi_date due, done;
} deadline;

static const char *const DEADLINE_TYPES[4] = {
    "notification_24h", "investigation_4m", "followup_3m", "supervision_visit"};

static int cmp_deadline(const void *a, const void *b)
{
    const deadline *x = a, *y = b;
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    if (x->case_no != y->case_no)
        return x->case_no < y->case_no ? -1 : 1;
    return x->type < y->type ? -1 : x->type > y->type;
}

typedef struct dated {
    kpi_date date;
    uint32_t a, b; /* meaning depends on the file */
    kpi_date date2;
    uint32_t seq;
} dated;

static int cmp_dated(const void *a, const void *b)
{
    const dated *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

typedef struct casework {
    child_span *span;
    uint32_t *case_of; /* child -> case number (1-based), 0 = none */
    case_row *cases;
    size_t n_cases, cap_cases;
    deadline *dl;
    size_t n_dl, cap_dl;
} casework;

/* A deadline done on time mostly, late sometimes, and not at all now and
 * then; a done date after D is not known yet. */
static void add_deadline(gen *g, casework *cw, uint32_t case_no, int type,
                         kpi_date due, kpi_date on_time_from, int late_pm,
                         int missing_pm)
{
    deadline *x = VEC_PUSH(cw->dl, cw->n_dl, cw->cap_dl);
    x->case_no = case_no;
    x->type = (uint8_t)type;
    x->due = due;
    int64_t roll = rng_below(&g->r, 1000);
    if (roll < missing_pm)
        x->done = KPI_DATE_NONE;
    else if (roll < missing_pm + late_pm)
        x->done = due + (kpi_date)rng_range(&g->r, 1, type == 0 ? 4 : 60);
    else
        x->done = (kpi_date)rng_range(&g->r, on_time_from, due);
    if (x->done != KPI_DATE_NONE && x->done > g->d)
        x->done = KPI_DATE_NONE;
}

/* A random measure that is not cancelled, placements weighted by pm. */
static const measure *random_measure(gen *g, int placement_pm)
{
    for (;;) {
        const measure *m =
            &g->measures[rng_below(&g->r, (int64_t)g->n_measures)];
        if (m->flags & MF_CANCELLED)
            continue;
        bool placement = TYPES[m->type].placement;
        if (placement_pm >= 0 && placement != rng_pm(&g->r, placement_pm))
            continue;
        return m;
    }
}

static void build_cases(gen *g, casework *cw)
{
    size_t nc = g->n_children;
    cw->span = xrealloc(NULL, (nc + 1) * sizeof *cw->span);
    for (size_t i = 0; i < nc; i++) {
        cw->span[i].first = INT32_MAX;
        cw->span[i].last = INT32_MIN;
        cw->span[i].placed_ever = false;
    }
    for (size_t i = 0; i < g->n_measures; i++) {
        const measure *m = &g->measures[i];
        if (m->flags & MF_CANCELLED)
            continue;
        child_span *s = &cw->span[m->child];
        s->first = min_date(s->first, m->start);
        s->last = max_date(s->last, m->end);
        if (TYPES[m->type].placement)
            s->placed_ever = true;
    }
    for (size_t i = 0; i < nc; i++) {
        const child *c = &g->children[i];
        const child_span *s = &cw->span[i];
        case_row *r;
        if (c->has_measure && s->first != INT32_MAX) {
            r = VEC_PUSH(cw->cases, cw->n_cases, cw->cap_cases);
            r->opened = max_date(
                workday(s->first - (kpi_date)rng_range(&g->r, 20, 120)),
                c->birth);
            r->closed = KPI_DATE_NONE;
            if (s->last <= g->d) {
                kpi_date cl =
                    workday(s->last + (kpi_date)rng_range(&g->r, 0, 45));
                if (cl <= g->d)
                    r->closed = cl;
            } else if (rng_pm(&g->r, 4)) {
                /* closed too early: active measures on a closed case */
                r->closed = g->d - (kpi_date)rng_range(&g->r, 5, 60);
            }
        } else if (c->investigation) {
            r = VEC_PUSH(cw->cases, cw->n_cases, cw->cap_cases);
            r->opened = c->inv_opened;
            kpi_date cl =
                workday(r->opened + (kpi_date)rng_range(&g->r, 30, 160));
            r->closed = cl <= g->d ? cl : KPI_DATE_NONE;
        } else {
            continue;
        }
        r->child = (uint32_t)i;
        r->cw = child_cw(c, g->d);
    }
    qsort(cw->cases, cw->n_cases, sizeof *cw->cases, cmp_case);
    cw->case_of = xrealloc(NULL, nc * sizeof *cw->case_of);
    memset(cw->case_of, 0, nc * sizeof *cw->case_of);
    for (size_t i = 0; i < cw->n_cases; i++)
        cw->case_of[cw->cases[i].child] = (uint32_t)(i + 1);
}

static void put_case_id(line *l, uint32_t case_no)
{
    put_id(l, 'S', case_no, 5);
}

/* Notifications: about 1,400 a year (a third about children the
 * department already supports); a quarter of the rest lead to an
 * investigation that ends without a measure. Children of notifications
 * without a case get a pseudonym and no case; some are anonymous. */
static notif *make_notifications(gen *g, size_t *count)
{
    int64_t days = g->d - g->h0 + 1;
    int64_t n = kpi_div_round(1400 * days, 365);
    notif *v = xrealloc(NULL, (size_t)n * sizeof *v);
    for (int64_t i = 0; i < n; i++) {
        notif *x = &v[i];
        x->seq = (uint32_t)i;
        /* most notifications come from schools, police and health
         * services on working days */
        x->received = (kpi_date)rng_range(&g->r, g->h0, g->d);
        if (rng_pm(&g->r, 850))
            x->received = min_date(workday(x->received), g->d);
        if (rng_pm(&g->r, 350)) {
            /* about a child the department knows: one with a measure that
             * runs then or starts within half a year */
            const measure *m = random_measure(g, -1);
            for (int tries = 0; tries < 200; tries++) {
                if (x->received >= m->start - 180 && x->received <= m->end)
                    break;
                m = random_measure(g, -1);
            }
            x->child = m->child;
            continue;
        }
        int64_t roll = rng_below(&g->r, 1000);
        if (roll < 200) {
            x->child = UINT32_MAX;
            continue;
        }
        static const int band[4] = {30, 30, 20, 20};
        int age = age_in_band(g, band, 0);
        uint32_t ci = new_child(g, new_family(g),
                                rng_pm(&g->r, 150) ? G_HANDICAP : G_SOCIAL, age,
                                x->received);
        x->child = ci;
        if (roll < 200 + 260) {
            g->children[ci].investigation = true;
            g->children[ci].inv_opened =
                workday(x->received + (kpi_date)rng_range(&g->r, 0, 10));
            if (g->children[ci].inv_opened > g->d)
                g->children[ci].inv_opened = g->d;
        }
    }
    qsort(v, (size_t)n, sizeof *v, cmp_notif);
    *count = (size_t)n;
    return v;
}

static void write_cases(const gen *g, const casework *cw, const char *dir)
{
    out_file o;
    out_open(&o, dir, "cases.csv", false, false);
    out_text(&o, "case_id;child_id;birth_date;target_group;caseworker;team;"
                 "opened_date;closed_date");
    line l = {.len = 0};
    for (size_t i = 0; i < cw->n_cases; i++) {
        const case_row *r = &cw->cases[i];
        const child *c = &g->children[r->child];
        put_case_id(&l, (uint32_t)(i + 1));
        put_char(&l, ';');
        put_id(&l, 'B', r->child + 101, 5);
        put_char(&l, ';');
        put_date(&l, c->birth);
        put_char(&l, ';');
        put_str(&l, group_text(c->group));
        put_char(&l, ';');
        put_str(&l, CASEWORKERS[r->cw]);
        put_char(&l, ';');
        put_str(&l, TEAMS[r->cw / CW_PER_TEAM]);
        put_char(&l, ';');
        put_date(&l, r->opened);
        put_char(&l, ';');
        put_date(&l, r->closed);
        out_line(&o, &l);
    }
    out_close(&o);
}

static void write_notifications(gen *g, casework *cw, const notif *v, size_t n,
                                const char *dir)
{
    out_file o;
    out_open(&o, dir, "notifications.csv", false, false);
    out_text(&o, "notification_id;child_id;birth_date;received_date");
    line l = {.len = 0};
    for (size_t i = 0; i < n; i++) {
        put_id(&l, 'U', i + 1, 5);
        put_char(&l, ';');
        if (v[i].child != UINT32_MAX) {
            put_id(&l, 'B', v[i].child + 101, 5);
            put_char(&l, ';');
            put_date(&l, g->children[v[i].child].birth);
        } else {
            put_char(&l, ';');
        }
        put_char(&l, ';');
        put_date(&l, v[i].received);
        out_line(&o, &l);
        /* the 24-hour assessment, recorded on the child's case */
        uint32_t case_no =
            v[i].child != UINT32_MAX ? cw->case_of[v[i].child] : 0;
        if (case_no)
            add_deadline(g, cw, case_no, 0, v[i].received + 1, v[i].received,
                         60, v[i].received > g->d - 3 ? 300 : 5);
    }
    out_close(&o);
}

static void make_deadlines(gen *g, casework *cw)
{
    kpi_date horizon = g->d + 60;
    for (size_t i = 0; i < cw->n_cases; i++) {
        const case_row *r = &cw->cases[i];
        kpi_date due = add_months(r->opened, 4);
        if (due >= g->h0 && due <= horizon)
            add_deadline(g, cw, (uint32_t)(i + 1), 1, due, r->opened + 30, 140,
                         due < g->d - 60 ? 10 : 60);
    }
    for (size_t i = 0; i < g->n_measures; i++) {
        const measure *m = &g->measures[i];
        if (m->flags & MF_CANCELLED)
            continue;
        uint32_t case_no = cw->case_of[m->child];
        if (m->start >= g->h0) {
            kpi_date due = add_months(m->start, 3);
            if (due <= horizon)
                add_deadline(g, cw, case_no, 2, due, m->start + 40, 120, 30);
        }
        if (!TYPES[m->type].placement)
            continue;
        /* two personal supervision visits a year while placed */
        for (int k = 1;; k++) {
            kpi_date due = add_months(m->start, 6 * k);
            if (due > horizon || due > m->end)
                break;
            if (due >= g->h0)
                add_deadline(g, cw, case_no, 3, due, due - 150, 80, 40);
        }
    }
    qsort(cw->dl, cw->n_dl, sizeof *cw->dl, cmp_deadline);
}

static void write_deadlines(const casework *cw, const char *dir)
{
    out_file o;
    out_open(&o, dir, "deadlines.csv", false, false);
    out_text(&o, "case_id;deadline_type;due_date;done_date");
    line l = {.len = 0};
    for (size_t i = 0; i < cw->n_dl; i++) {
        const deadline *x = &cw->dl[i];
        put_case_id(&l, x->case_no);
        put_char(&l, ';');
        put_str(&l, DEADLINE_TYPES[x->type]);
        put_char(&l, ';');
        put_date(&l, x->due);
        put_char(&l, ';');
        put_date(&l, x->done);
        out_line(&o, &l);
    }
    out_close(&o);
}

/* A random case with a measure and a day of the history on which it ran. */
static uint32_t random_case_day(gen *g, const casework *cw, int placement_pm,
                                kpi_date *day)
{
    *day = workday((kpi_date)rng_range(&g->r, g->h0, g->d));
    if (*day > g->d)
        *day -= 3; /* a Sunday D: back to Friday */
    const measure *m = random_measure(g, placement_pm);
    for (int tries = 0; tries < 500; tries++) {
        if (m->start <= *day && *day <= m->end)
            break;
        m = random_measure(g, placement_pm);
    }
    return cw->case_of[m->child];
}

/* Complaints to Ankestyrelsen: about 45 a year, decided after 1-7 months. */
static void write_complaints(gen *g, const casework *cw, const char *dir)
{
    int64_t n = kpi_div_round(45 * (int64_t)(g->d - g->h0 + 1), 365);
    dated *v = xrealloc(NULL, (size_t)n * sizeof *v);
    for (int64_t i = 0; i < n; i++) {
        v[i].seq = (uint32_t)i;
        v[i].a = random_case_day(g, cw, 600, &v[i].date);
        v[i].date2 = workday(v[i].date + (kpi_date)rng_range(&g->r, 30, 210));
        static const int w[] = {55, 18, 14, 13};
        v[i].b = (uint32_t)rng_pick(&g->r, w, 4);
    }
    qsort(v, (size_t)n, sizeof *v, cmp_dated);
    static const char *const outcomes[] = {"upheld", "changed", "remitted",
                                           "dismissed"};
    out_file o;
    out_open(&o, dir, "complaints.csv", false, false);
    out_text(&o, "complaint_id;case_id;received_date;decided_date;outcome");
    line l = {.len = 0};
    for (int64_t i = 0; i < n; i++) {
        bool pending = v[i].date2 > g->d;
        put_id(&l, 'K', (uint64_t)i + 1, 4);
        put_char(&l, ';');
        put_case_id(&l, v[i].a);
        put_char(&l, ';');
        put_date(&l, v[i].date);
        put_char(&l, ';');
        if (!pending) {
            put_date(&l, v[i].date2);
            put_char(&l, ';');
            put_str(&l, outcomes[v[i].b]);
        } else {
            put_char(&l, ';');
        }
        out_line(&o, &l);
    }
    out_close(&o);
    free(v);
}

/* Management reviews: about 15 a month, by the team leader. */
static void write_reviews(gen *g, const casework *cw, const char *dir)
{
    int64_t n = kpi_div_round(180 * (int64_t)(g->d - g->h0 + 1), 365);
    dated *v = xrealloc(NULL, (size_t)n * sizeof *v);
    for (int64_t i = 0; i < n; i++) {
        v[i].seq = (uint32_t)i;
        v[i].a = random_case_day(g, cw, 400, &v[i].date);
    }
    qsort(v, (size_t)n, sizeof *v, cmp_dated);
    out_file o;
    out_open(&o, dir, "reviews.csv", false, false);
    out_text(&o, "review_id;case_id;review_date;reviewer");
    line l = {.len = 0};
    for (int64_t i = 0; i < n; i++) {
        put_id(&l, 'L', (uint64_t)i + 1, 4);
        put_char(&l, ';');
        put_case_id(&l, v[i].a);
        put_char(&l, ';');
        put_date(&l, v[i].date);
        put_char(&l, ';');
        put_str(&l, TEAM_LEADERS[cw->cases[v[i].a - 1].cw / CW_PER_TEAM]);
        out_line(&o, &l);
    }
    out_close(&o);
    free(v);
}

/* Operational inspections: each supervised provider once a year, a quarter
 * of them twice (one unannounced); about one in ten not approved. */
static void write_inspections(gen *g, const char *dir)
{
    static const char *const reasons[] = {
        "Mangelfuld dokumentation af magtanvendelse",
        "Utilstrækkelig bemanding om natten",
        "Handleplaner ikke fulgt op i tide",
        "Mangler i medicinhåndtering",
    };
    dated *v = NULL;
    size_t n = 0, cap = 0;
    uint32_t seq = 0;
    for (int y = g->year - 2; y <= g->year; y++) {
        for (int p = 0; p < P_COUNT; p++) {
            if (!PROVIDERS[p].inspected)
                continue;
            int visits = rng_pm(&g->r, 250) ? 2 : 1;
            for (int k = 0; k < visits; k++) {
                kpi_date day =
                    workday(ymd(y, 1, 1) + (kpi_date)rng_range(&g->r, 20, 340));
                bool ok = !rng_pm(&g->r, 100);
                uint32_t reason = (uint32_t)rng_below(&g->r, 4);
                if (day > g->d)
                    continue;
                dated *x = VEC_PUSH(v, n, cap);
                x->date = day;
                x->a = (uint32_t)p;
                x->b = ok ? UINT32_MAX : reason;
                x->seq = seq++;
            }
        }
    }
    qsort(v, n, sizeof *v, cmp_dated);
    out_file o;
    out_open(&o, dir, "inspections.csv", false, false);
    out_text(&o, "inspection_id;provider;inspection_date;result;reason");
    line l = {.len = 0};
    for (size_t i = 0; i < n; i++) {
        put_id(&l, 'T', i + 1, 4);
        put_char(&l, ';');
        put_str(&l, PROVIDERS[v[i].a].name);
        put_char(&l, ';');
        put_date(&l, v[i].date);
        put_char(&l, ';');
        put_str(&l, v[i].b == UINT32_MAX ? "approved" : "not_approved");
        put_char(&l, ';');
        if (v[i].b != UINT32_MAX)
            put_str(&l, reasons[v[i].b]);
        out_line(&o, &l);
    }
    out_close(&o);
    free(v);
}

/* The waiting list: some preventive grants were preceded by a wait, and a
 * score of children wait on D. */
static void write_waitlist(gen *g, const char *dir)
{
    dated *v = NULL;
    size_t n = 0, cap = 0;
    uint32_t seq = 0;
    for (size_t i = 0; i < g->n_measures; i++) {
        const measure *m = &g->measures[i];
        if ((m->flags & MF_CANCELLED) || m->start < g->h0 + 60)
            continue;
        int t = m->type;
        if (!(t == T_STOETTEOPHOLD || t == T_KONTAKTPERSON ||
              t == T_FAMILIEBEHANDLING || t == T_DAGTILBUD) ||
            !rng_pm(&g->r, 180))
            continue;
        dated *x = VEC_PUSH(v, n, cap);
        x->date = m->start - (kpi_date)rng_range(&g->r, 7, 120);
        x->date2 = m->start;
        x->a = m->child;
        x->b = (uint32_t)t;
        x->seq = seq++;
    }
    static const int wt[] = {T_STOETTEOPHOLD, T_KONTAKTPERSON,
                             T_FAMILIEBEHANDLING, T_PRAKTIK};
    static const int ww[] = {40, 25, 25, 10};
    for (int k = 0; k < 22; k++) {
        const measure *m = random_measure(g, 0);
        int t = wt[rng_pick(&g->r, ww, 4)];
        dated *x = VEC_PUSH(v, n, cap);
        x->date = g->d - (kpi_date)rng_range(&g->r, 3, 160);
        x->date2 = KPI_DATE_NONE;
        x->a = m->child;
        x->b = (uint32_t)t;
        x->seq = seq++;
    }
    qsort(v, n, sizeof *v, cmp_dated);
    out_file o;
    out_open(&o, dir, "waitlist.csv", false, false);
    out_text(&o, "child_id;birth_date;target_group;measure_type;listed_date;"
                 "started_date");
    line l = {.len = 0};
    for (size_t i = 0; i < n; i++) {
        const child *c = &g->children[v[i].a];
        put_id(&l, 'B', v[i].a + 101, 5);
        put_char(&l, ';');
        put_date(&l, c->birth);
        put_char(&l, ';');
        put_str(&l, group_text(c->group));
        put_char(&l, ';');
        put_str(&l, TYPES[v[i].b].code);
        put_char(&l, ';');
        put_date(&l, v[i].date);
        put_char(&l, ';');
        put_date(&l, v[i].date2);
        out_line(&o, &l);
    }
    out_close(&o);
    free(v);
}

/* Outcomes: every six months of support a follow-up with the goals of the
 * plan; school absence for children of school age; once a year function
 * scores on the six parameters of the child's plan and two chosen for
 * the target group (0-4: 0 = no difficulties, 4 = complete difficulties,
 * as ICF scores them; support helps, so scores drift down on average). */
static void write_outcomes(gen *g, const casework *cw, const char *dir)
{
    static const char *const params[6] = {"Udvikling og adfærd",
                                          "Familieforhold",
                                          "Skoleforhold",
                                          "Sundhedsforhold",
                                          "Fritidsforhold og venskaber",
                                          "Andre relevante forhold"};
    static const char *const extra[2][2] = {
        {"Kommunikation", "Daglige færdigheder"},
        {"Selvstændighed", "Netværk"}};
    out_file o;
    out_open(&o, dir, "outcomes.csv", false, false);
    out_text(&o, "child_id;assessment_date;indicator;parameter;value");
    line l = {.len = 0};
    for (size_t ci = 0; ci < g->n_children; ci++) {
        const child_span *s = &cw->span[ci];
        const child *c = &g->children[ci];
        if (!c->has_measure || s->first == INT32_MAX)
            continue;
        kpi_date last = min_date(s->last, g->d);
        int score[8];
        for (int p = 0; p < 8; p++)
            score[p] = (int)rng_range(&g->r, 1, 3);
        int absence = s->placed_ever ? (int)rng_range(&g->r, 20, 250)
                                     : (int)rng_range(&g->r, 30, 350);
        for (int k = 1;; k++) {
            kpi_date day = add_months(s->first, 6 * k);
            if (day > last)
                break;
            int age = kpi_date_age(c->birth, day);
            /* scores move a little each time; support helps on average */
            absence += (int)rng_range(&g->r, -40, 30);
            absence = absence < 0 ? 0 : absence > 1000 ? 1000 : absence;
            for (int p = 0; p < 8; p++) {
                int64_t roll = rng_below(&g->r, 100);
                score[p] += roll < 28 ? -1 : roll < 43 ? 1 : 0;
                score[p] = score[p] < 0 ? 0 : score[p] > 4 ? 4 : score[p];
            }
            int goals = (int)rng_range(&g->r, 1, 3);
            int64_t gv[3];
            for (int j = 0; j < goals; j++) {
                static const int w[] = {45, 35, 20};
                gv[j] = rng_pick(&g->r, w, 3);
            }
            if (day < g->h0)
                continue;
            if (age >= 6 && age <= 16) {
                put_id(&l, 'B', ci + 101, 5);
                put_char(&l, ';');
                put_date(&l, day);
                put_str(&l, ";school_absence;;");
                put_tenths(&l, absence);
                out_line(&o, &l);
            }
            for (int j = 0; j < goals; j++) {
                put_id(&l, 'B', ci + 101, 5);
                put_char(&l, ';');
                put_date(&l, day);
                put_str(&l, ";goal;Mål ");
                put_uint(&l, (uint64_t)j + 1, 1);
                put_char(&l, ';');
                put_str(&l, gv[j] == 0 ? "1" : gv[j] == 1 ? "0,5" : "0");
                out_line(&o, &l);
            }
            if (k % 2 != 0)
                continue;
            for (int p = 0; p < 8; p++) {
                put_id(&l, 'B', ci + 101, 5);
                put_char(&l, ';');
                put_date(&l, day);
                put_str(&l, ";function;");
                put_str(&l, p < 6 ? params[p] : extra[c->group][p - 6]);
                put_char(&l, ';');
                put_uint(&l, (uint64_t)score[p], 1);
                out_line(&o, &l);
            }
        }
    }
    out_close(&o);
}

/* ------------------------------------------------------------------ */
/* Headline numbers for the person who runs the generator.             */

static void print_summary(const gen *g, const ledger *lg, const char *dir)
{
    uint32_t *seen = xrealloc(NULL, (g->n_families + 1) * sizeof *seen);
    memset(seen, 0, (g->n_families + 1) * sizeof *seen);
    uint8_t *placed = xrealloc(NULL, g->n_children + 1);
    memset(placed, 0, g->n_children + 1);
    size_t n_placed = 0, n_families = 0, active = 0;
    for (size_t i = 0; i < g->n_measures; i++) {
        const measure *m = &g->measures[i];
        if ((m->flags & MF_CANCELLED) || m->start > g->d ||
            (m->end_out != KPI_DATE_NONE && m->end_out < g->d))
            continue;
        active++;
        if (TYPES[m->type].placement) {
            if (!placed[m->child]) {
                placed[m->child] = 1;
                n_placed++;
            }
        } else {
            uint32_t f = g->children[m->child].family;
            if (!seen[f]) {
                seen[f] = 1;
                n_families++;
            }
        }
    }
    int64_t total = 0;
    for (int t = 0; t < T_COUNT; t++)
        total += lg->cost_y[t];
    printf("kpi-gen: %s: %zu measures, %zu children; on ", dir, g->n_measures,
           g->n_children);
    line l = {.len = 0};
    put_date(&l, g->d);
    put_char(&l, '\0');
    printf("%s: %zu active measures, %zu placed children, %zu families with "
           "preventive measures; simulated cost %d: %lld kr.\n",
           l.buf, active, n_placed, n_families, g->year,
           (long long)(total / 100));
    free(seen);
    free(placed);
}

/* ------------------------------------------------------------------ */

static int make_dirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == '\0') {
            char saved = buf[i];
            buf[i] = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            buf[i] = saved;
        }
    }
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: kpi-gen --out DIR [--seed N] [--measures N] "
               "[--as-of YYYY-MM] [--municipality NAME]\n");
}

int main(int argc, char **argv)
{
    const char *out = NULL, *name = "Eksempel Kommune";
    uint64_t seed = 1;
    long long measures = -1;
    kpi_month as_of = {2026, 10};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        const char *v = argv[++i];
        char *end = NULL;
        if (strcmp(a, "--out") == 0) {
            out = v;
        } else if (strcmp(a, "--seed") == 0) {
            errno = 0;
            seed = strtoull(v, &end, 10);
            if (errno || *end || !*v) {
                fprintf(stderr, "kpi-gen: --seed: not a number: %s\n", v);
                return 2;
            }
        } else if (strcmp(a, "--measures") == 0) {
            errno = 0;
            measures = strtoll(v, &end, 10);
            if (errno || *end || !*v || measures < 1 || measures > 50000000) {
                fprintf(stderr, "kpi-gen: --measures: 1..50000000: %s\n", v);
                return 2;
            }
        } else if (strcmp(a, "--as-of") == 0) {
            if (kpi_month_parse(v, &as_of) != KPI_OK || as_of.year < 1900 ||
                as_of.year > 9000) {
                fprintf(stderr, "kpi-gen: --as-of: not YYYY-MM: %s\n", v);
                return 2;
            }
        } else if (strcmp(a, "--municipality") == 0) {
            name = v;
        } else {
            fprintf(stderr, "kpi-gen: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!out) {
        usage(stderr);
        return 2;
    }
    if (make_dirs(out) != 0) {
        fprintf(stderr, "kpi-gen: %s: %s\n", out, strerror(errno));
        return 3;
    }

    gen g;
    memset(&g, 0, sizeof g);
    g.r.state = seed;
    g.late.state = seed ^ UINT64_C(0x5bd1e995a5a5a5a5);
    g.as_of = as_of;
    g.year = as_of.year;
    g.h0 = ymd(as_of.year - 2, 1, 1);
    g.d = kpi_month_last_day(as_of);
    g.bench = measures > 0;
    g.limit = g.bench ? (size_t)measures : 0;

    run_plan(&g);
    finalize_measures(&g);
    qsort(g.measures, g.n_measures, sizeof *g.measures, cmp_measure);

    ledger *lg = xrealloc(NULL, sizeof *lg);
    build_ledger(&g, lg);
    write_measures(&g, out);
    write_postings(&g, lg, out);
    write_budget(&g, lg, out);
    write_ini(&g, out, name);

    if (!g.bench) {
        size_t n_notif;
        notif *nv = make_notifications(&g, &n_notif);
        casework cw;
        memset(&cw, 0, sizeof cw);
        build_cases(&g, &cw);
        write_cases(&g, &cw, out);
        write_notifications(&g, &cw, nv, n_notif, out);
        make_deadlines(&g, &cw);
        write_deadlines(&cw, out);
        write_complaints(&g, &cw, out);
        write_reviews(&g, &cw, out);
        write_inspections(&g, out);
        write_waitlist(&g, out);
        write_outcomes(&g, &cw, out);
        free(nv);
        free(cw.span);
        free(cw.case_of);
        free(cw.cases);
        free(cw.dl);
    }
    print_summary(&g, lg, out);
    free(lg);
    free(g.children);
    free(g.measures);
    return 0;
}
