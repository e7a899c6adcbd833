// nanoPackStruct.h: struct packing macros; the NanoCard interop declares no packed structs.
#define __nfpack
