/* fuzz_dataset.c - a whole dataset folder from one input: the input is cut
 * at every byte 0x01 into pieces, which become, in order, measures.csv,
 * kpi.ini, cases.csv, notifications.csv, deadlines.csv, complaints.csv,
 * reviews.csv, inspections.csv, waitlist.csv, outcomes.csv, postings.csv
 * and budget.csv. An empty piece (or a missing one) means the file is
 * absent. Then load, compute the figures for 2026-10 and export. */
#include "fuzz_dataset.h"

/* The pieces' files, in the order of SPEC §3 (and of libkpi's loader). */
static const char *const pieces[] = {
    "measures.csv",    "kpi.ini",         "cases.csv",
    "notifications.csv", "deadlines.csv", "complaints.csv",
    "reviews.csv",     "inspections.csv", "waitlist.csv",
    "outcomes.csv",    "postings.csv",    "budget.csv",
};
#define N_PIECES (sizeof pieces / sizeof pieces[0])

static const char *piece_name(size_t i)
{
    return pieces[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t start = 0;
    for (size_t i = 0; i < N_PIECES; i++) {
        const char *name = piece_name(i);
        fuzz_unlink(name);
        if (start > size)
            continue;
        const uint8_t *sep = memchr(data + start, 0x01, size - start);
        size_t end = sep ? (size_t)(sep - data) : size;
        if (end > start)
            fuzz_write(name, data + start, end - start);
        start = end + 1;
    }
    fuzz_load_and_compute();
    for (size_t i = 0; i < N_PIECES; i++)
        fuzz_unlink(piece_name(i));
    return 0;
}
