/* fuzz_config.c - kpi.ini: the input is the whole kpi.ini of a folder whose
 * measures.csv is a small valid file (so a kpi.ini that parses goes on to
 * the column aliases, type catalogue, targets, reimbursement rules and
 * recipients of a real load and the figures that use them). */
#include "fuzz_dataset.h"

static const char measures[] =
    "measure_id;child_id;family_id;birth_date;target_group;measure_type;"
    "legal_basis;provider;provider_kind;caseworker;team;start_date;end_date;"
    "planned_end_date;monthly_cost\n"
    "M001;C001;F001;2012-04-15;social;almen_plejefamilie;;Plejefamilie "
    "Hansen;private;SB001;Team Øst;2025-03-01;;2027-02-28;32.500,00\n"
    "M002;C002;F002;2015-09-02;handicap;doegninstitution;;Børnehjemmet "
    "Solbakken;municipal;SB002;Team Vest;2026-01-15;;;85.000,00\n"
    "M003;C003;F003;2009-11-30;social;kontaktperson;;Kontaktpersonkorps;own;"
    "SB001;Team Øst;2026-02-01;2026-12-31;;4.200,00\n"
    "M004;C003;F003;2009-11-30;social;familiebehandling;;Familiehuset;own;"
    "SB003;Team Vest;2026-03-01;2026-09-30;;12.000,00\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        fuzz_write("measures.csv", (const uint8_t *)measures,
                   sizeof measures - 1);
        ready = 1;
    }
    fuzz_write("kpi.ini", data, size);
    fuzz_load_and_compute();
    fuzz_unlink("kpi.ini");
    return 0;
}
