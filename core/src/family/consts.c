/* Symbolic constants of the non-IP families. */
#include "internal.h"

const saddr__const saddr__family_consts[] = {
    {"VMADDR_CID_ANY", 0xffffffffLL},
};
const size_t saddr__family_consts_n =
    sizeof saddr__family_consts / sizeof *saddr__family_consts;
