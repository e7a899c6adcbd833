// A simulated nanoCLR call for the interop test: managed byte arrays laid out as nanoCLR lays them
// out (header, then the elements), argument slots, and the result a native method set.
#ifndef NANOCARD_TEST_SIMULATED_CLR_H
#define NANOCARD_TEST_SIMULATED_CLR_H

#include <nanoCLR_Interop.h>
#include <vector>

// A managed byte[]: the array header followed by its elements, in one block.
class ManagedBytes
{
  public:
    explicit ManagedBytes(size_t length);
    CLR_RT_HeapBlock_Array *Header();
    uint8_t *Data();
    size_t Length() const;

  private:
    std::vector<uint64_t> block_; // uint64_t: aligned like a heap block
    size_t length_;
};

// The arguments of one static call, set left to right, and the I4 result it returned.
class Call
{
  public:
    Call &Byte(uint8_t value);
    Call &Int(int32_t value);
    Call &Bytes(ManagedBytes &array);
    // Runs the native method on a frame of the arguments given; returns the I4 result.
    int32_t Run(CLR_RT_MethodHandler method);

  private:
    CLR_RT_HeapBlock &NextSlot(); // a zeroed argument slot, appended
    std::vector<CLR_RT_HeapBlock> arguments_;
};

#endif
