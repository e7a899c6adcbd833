// nanoCLR_Runtime.h: everything the interop needs is declared in the reference nanoCLR_Interop.h.
#include "nanoCLR_Interop.h"
