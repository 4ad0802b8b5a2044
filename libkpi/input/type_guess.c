/* type_guess.c - a case system's type name read as a catalogue measure
 * type (type_guess.h).
 *
 * Two readings, each from a published text:
 * - the § reference. Barnets lov § 32, stk. 1, nr. 1-8 (støttende
 *   indsatser) and § 43, stk. 1, nr. 1-7 (anbringelsessteder), as in
 *   LBK nr. 282 af 17/03/2025 (lovguiden.dk/loven/bekendtgørelse-af-
 *   barnets-lov/32; elov.dk/barnets-lov/kapitel/5); the old Serviceloven
 *   § 52, stk. 3, nr. 1-8 as municipalities' service levels list them
 *   (Holbæk Kommune, "Serviceniveauer på børne- og ungeområdet", 2017)
 *   and KL's example (seeds/003: familiebehandling nr. 3, kontaktperson
 *   nr. 6). SEL § 52, stk. 3, nr. 9 (anden hjælp) is not in those texts,
 *   so it is never taken as sure.
 * - the words: the catalogue's names and codes, and the other names the
 *   same measure goes by (docs/INIT.md lists them and where each comes
 *   from).
 * A reading is sure only when it allows one type and the other reading
 * does not point elsewhere; only sure readings are used without kpi.ini.
 */
#include "input/type_guess.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLACEMENTS                                                             \
    "almen_plejefamilie|forstaerket_plejefamilie|specialiseret_plejefamilie|"  \
    "netvaerksplejefamilie|eget_vaerelse|doegninstitution|"                    \
    "sikret_doegninstitution|opholdssted|kostskole"

static const struct {
    bool bl; /* Barnets lov; else Serviceloven */
    int para, stk, nr;
    const char *codes; /* '|' between */
    bool confirmed;    /* in the texts cited above */
} laws[] = {
    {true, 32, 1, 1, "dagtilbud", true},
    {true, 32, 1, 2, "stoette_i_hjemmet", true},
    {true, 32, 1, 3, "kontaktperson", true},
    {true, 32, 1, 4, "praktik", true},
    {true, 32, 1, 5, "familiebehandling", true},
    {true, 32, 1, 6, "familieanbringelse", true},
    {true, 32, 1, 7, "stoetteophold", true},
    {true, 32, 1, 8, "anden_hjaelp", true},
    {true, 43, 1, 1, "almen_plejefamilie", true},
    {true, 43, 1, 2, "forstaerket_plejefamilie", true},
    {true, 43, 1, 3, "specialiseret_plejefamilie", true},
    {true, 43, 1, 4, "netvaerksplejefamilie", true},
    {true, 43, 1, 5, "eget_vaerelse", true},
    /* Børne- og ungehjem: døgninstitutioner (also sikrede) and
     * opholdssteder alike (§ 43, stk. 3). */
    {true, 43, 1, 6, "doegninstitution|sikret_doegninstitution|opholdssted",
     true},
    {true, 43, 1, 7, "kostskole", true},
    {false, 52, 3, 1, "dagtilbud", true},
    {false, 52, 3, 2, "stoette_i_hjemmet", true},
    {false, 52, 3, 3, "familiebehandling", true},
    {false, 52, 3, 4, "familieanbringelse", true},
    {false, 52, 3, 5, "stoetteophold", true}, /* aflastning */
    {false, 52, 3, 6, "kontaktperson", true},
    {false, 52, 3, 7, PLACEMENTS, true}, /* anbringelse uden for hjemmet */
    {false, 52, 3, 8, "praktik", true},
    {false, 52, 3, 9, "anden_hjaelp", false},
};

/* Other names of the catalogue's types, '|' between; the catalogue's own
 * name and code count as well. */
static const struct {
    const char *code, *names;
} other_names[] = {
    {"almen_plejefamilie", "almindelig plejefamilie|familiepleje"},
    {"netvaerksplejefamilie", "netværkspleje|slægtspleje"},
    {"eget_vaerelse", "eget værelse|kollegium|kollegieværelse"},
    {"doegninstitution", "døgninstitution"},
    {"sikret_doegninstitution",
     "sikret døgninstitution|sikret institution|delvis lukket"},
    {"opholdssted", "opholdssted|socialpædagogisk opholdssted"},
    {"kostskole", "efterskole|kostskole|fri fagskole|kostafdeling"},
    {"dagtilbud", "dagtilbud|dagbehandling|fritidshjem|ungdomsklub"},
    {"stoette_i_hjemmet", "støtte i hjemmet|praktisk pædagogisk støtte"},
    {"kontaktperson", "kontaktperson|kontaktfamilie"},
    {"praktik", "praktik|praktiktilbud"},
    {"familiebehandling", "familiebehandling"},
    {"familieanbringelse", "døgnophold for hele familien|familieanbringelse"},
    {"stoetteophold", "støtteophold|aflastning|aflastningsophold"},
    {"anden_hjaelp", "anden hjælp"},
    {"ungestoette_doegnophold", "udslusning|udslusningsophold"},
    {"eftervaern", "efterværn"},
};

/* Words that say nothing about the type. */
static const char *const filler[] = {
    "og", "i", "for", "eller", "af", "til", "med",  "hos", "paa", "ved",
    "o",  "l", "ol",  "mv",    "m",  "v",   "lign", "el",  "jf",  "the",
};

#define MAX_WORDS 24

typedef struct words {
    char w[MAX_WORDS][40];
    bool number[MAX_WORDS];
    size_t n;
} words;

/* Letters and digits: ASCII ones and the UTF-8 letters. Lead bytes 0xC2
 * (§, no-break space, «») and 0xE2 (dashes, quotes) start marks. */
static bool is_letter(unsigned char c)
{
    return c < 0x80 ? isalnum(c) != 0 : c != 0xC2 && c != 0xE2;
}

static size_t char_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

/* Splits UTF-8 text into folded words at anything that is not a letter
 * or a digit; "§" (U+00A7) is a word of its own. */
static void split_words(const char *s, size_t len, words *out)
{
    out->n = 0;
    size_t i = 0;
    while (i < len && out->n < MAX_WORDS) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA7) {
            snprintf(out->w[out->n], sizeof out->w[0], "§");
            out->number[out->n++] = false;
            i += 2;
            continue;
        }
        if (!is_letter(c)) {
            i += char_len(c);
            continue;
        }
        size_t start = i;
        bool digits = true;
        while (i < len && is_letter((unsigned char)s[i])) {
            digits = digits && isdigit((unsigned char)s[i]);
            i += char_len((unsigned char)s[i]);
        }
        if (i > len)
            i = len;
        kpi_text_fold(s + start, i - start, out->w[out->n], sizeof out->w[0]);
        out->number[out->n] = digits;
        if (out->w[out->n][0])
            out->n++;
    }
}

static bool is_filler(const char *w)
{
    for (size_t i = 0; i < sizeof filler / sizeof filler[0]; i++)
        if (strcmp(w, filler[i]) == 0)
            return true;
    return false;
}

static bool is_law_word(const char *w)
{
    static const char *const law_words[] = {
        "§",   "bl",    "sel",          "sl",         "stk",    "nr", "barnets",
        "lov", "loven", "serviceloven", "servicelov", "lovens", "jf"};
    for (size_t i = 0; i < sizeof law_words / sizeof law_words[0]; i++)
        if (strcmp(w, law_words[i]) == 0)
            return true;
    return false;
}

/* ---- the § reference --------------------------------------------------- */

typedef struct law_ref {
    int bl; /* 1 Barnets lov, 0 Serviceloven, -1 not said */
    int para, stk, nr;
} law_ref;

/* "BL § 32, stk. 1, nr. 2", "§ 52 stk. 3 nr. 3", "SEL 52.3.3": the first
 * reference in the words; false when there is none. */
static bool read_law(const words *ws, law_ref *out)
{
    out->bl = -1;
    for (size_t i = 0; i < ws->n; i++) {
        const char *w = ws->w[i];
        if (!strcmp(w, "bl") || !strcmp(w, "barnets"))
            out->bl = 1;
        else if (!strcmp(w, "sel") || !strcmp(w, "sl") ||
                 !strcmp(w, "serviceloven") || !strcmp(w, "servicelov"))
            out->bl = 0;
        bool after_mark = !strcmp(w, "§") && i + 1 < ws->n && ws->number[i + 1];
        bool after_law = out->bl >= 0 && strcmp(w, "§") && !ws->number[i] &&
                         i + 1 < ws->n && ws->number[i + 1];
        if (!after_mark && !after_law)
            continue;
        size_t k = i + 1;
        out->para = atoi(ws->w[k++]);
        out->stk = out->nr = 0;
        /* "52.3.3": numbers one after the other */
        if (k + 1 < ws->n && ws->number[k] && ws->number[k + 1]) {
            out->stk = atoi(ws->w[k]);
            out->nr = atoi(ws->w[k + 1]);
            return true;
        }
        for (; k + 1 < ws->n; k++) {
            if (!strcmp(ws->w[k], "stk") && ws->number[k + 1])
                out->stk = atoi(ws->w[k + 1]);
            else if (!strcmp(ws->w[k], "nr") && ws->number[k + 1])
                out->nr = atoi(ws->w[k + 1]);
        }
        return out->nr > 0;
    }
    return false;
}

static int type_index(const kpi_config *c, const char *code, size_t len)
{
    for (size_t t = 0; t < c->n_types; t++)
        if (strlen(c->types[t].code) == len &&
            memcmp(c->types[t].code, code, len) == 0)
            return (int)t;
    return -1;
}

/* The types a reference allows, into g->candidates; false when the
 * reference is not one of the table's. */
static bool law_candidates(const kpi_config *c, const law_ref *r,
                           kpi_type_guess *g, bool *confirmed)
{
    for (size_t i = 0; i < sizeof laws / sizeof laws[0]; i++) {
        bool bl = laws[i].bl;
        if (laws[i].para != r->para || laws[i].nr != r->nr ||
            (r->stk && laws[i].stk != r->stk) || (r->bl >= 0 && r->bl != bl))
            continue;
        snprintf(g->law, sizeof g->law, "%s § %d, stk. %d, nr. %d",
                 bl ? "BL" : "SEL", laws[i].para, laws[i].stk, laws[i].nr);
        *confirmed = laws[i].confirmed;
        g->n_candidates = 0;
        for (const char *p = laws[i].codes; *p;) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            int t = type_index(c, p, n);
            if (t >= 0 && g->n_candidates < KPI_GUESS_MAX_CANDIDATES)
                g->candidates[g->n_candidates++] = t;
            p = bar ? bar + 1 : p + n;
        }
        return g->n_candidates > 0;
    }
    return false;
}

/* ---- the words --------------------------------------------------------- */

typedef struct word_match {
    int type;      /* the best type, -1 when none or a tie */
    size_t score;  /* words of its best name */
    bool covered;  /* every meaningful word of the text is in that name */
    bool tie;      /* another type scores the same */
    char name[64]; /* that name */
} word_match;

/* How many words of name all appear in the text's words (0 when one does
 * not); marks those words in used. */
static size_t name_score(const char *name, const words *ws, bool *used)
{
    words nw;
    split_words(name, strlen(name), &nw);
    size_t score = 0;
    bool mark[MAX_WORDS] = {false};
    for (size_t i = 0; i < nw.n; i++) {
        if (is_filler(nw.w[i]))
            continue;
        size_t k = 0;
        while (k < ws->n && strcmp(ws->w[k], nw.w[i]) != 0)
            k++;
        if (k == ws->n)
            return 0;
        mark[k] = true;
        score++;
    }
    for (size_t k = 0; score && k < ws->n; k++)
        used[k] = used[k] || mark[k];
    return score;
}

static void consider(const char *name, int type, const words *ws,
                     word_match *best, bool *best_used)
{
    bool used[MAX_WORDS] = {false};
    size_t score = name_score(name, ws, used);
    if (!score || score < best->score)
        return;
    if (score == best->score) {
        best->tie = best->tie || best->type != type;
        return; /* the first name of a type that scores it stays */
    }
    if (score > best->score) {
        best->tie = false;
        memcpy(best_used, used, sizeof used);
    }
    best->type = type;
    best->score = score;
    snprintf(best->name, sizeof best->name, "%s", name);
}

static void match_words(const kpi_config *c, const words *ws, word_match *out)
{
    memset(out, 0, sizeof *out);
    out->type = -1;
    bool used[MAX_WORDS] = {false};
    for (size_t t = 0; t < c->n_types; t++) {
        char code[64];
        snprintf(code, sizeof code, "%s", c->types[t].code);
        for (char *p = code; *p; p++)
            if (*p == '_')
                *p = ' ';
        consider(c->types[t].name, (int)t, ws, out, used);
        consider(code, (int)t, ws, out, used);
    }
    for (size_t i = 0; i < sizeof other_names / sizeof other_names[0]; i++) {
        int t = type_index(c, other_names[i].code, strlen(other_names[i].code));
        for (const char *p = other_names[i].names; t >= 0 && *p;) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)n, p);
            consider(name, t, ws, out, used);
            p = bar ? bar + 1 : p + n;
        }
    }
    if (out->tie)
        out->type = -1;
    out->covered = out->type >= 0;
    for (size_t k = 0; out->covered && k < ws->n; k++)
        if (!used[k] && !ws->number[k] && !is_filler(ws->w[k]) &&
            !is_law_word(ws->w[k]))
            out->covered = false;
}

/* ---- both -------------------------------------------------------------- */

static bool among(const kpi_type_guess *g, int type)
{
    for (size_t i = 0; i < g->n_candidates; i++)
        if (g->candidates[i] == type)
            return true;
    return false;
}

void kpi_type_guess_of(const kpi_config *c, const char *text, size_t len,
                       kpi_type_guess *g)
{
    memset(g, 0, sizeof *g);
    g->type = -1;
    words ws;
    split_words(text, len, &ws);
    law_ref ref;
    bool confirmed = false;
    bool by_law = read_law(&ws, &ref) && law_candidates(c, &ref, g, &confirmed);
    word_match wm;
    match_words(c, &ws, &wm);
    if (wm.type >= 0)
        snprintf(g->words, sizeof g->words, "%s", wm.name);
    if (by_law) {
        g->how = KPI_GUESS_LAW;
        if (g->n_candidates == 1) {
            g->type = g->candidates[0];
            /* Words that name another type make it a question. */
            g->sure = confirmed && (wm.type < 0 || wm.type == g->type);
        } else if (wm.type >= 0 && among(g, wm.type)) {
            /* "Døgninstitution (BL § 43, stk. 1, nr. 6)": the words
             * choose among the types the § allows. */
            g->type = wm.type;
            g->sure = confirmed;
        }
        if (g->type >= 0)
            g->n_candidates = 0;
        return;
    }
    if (wm.type >= 0) {
        g->how = KPI_GUESS_WORDS;
        g->type = wm.type;
        g->sure = wm.covered;
    }
}
