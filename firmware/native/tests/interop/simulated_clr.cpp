#include "simulated_clr.h"
#include "esp_random.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

static int32_t g_result;
static bool g_resultSet;

void CLR_RT_StackFrame::SetResult_I4(CLR_INT32 val)
{
    g_result = val;
    g_resultSet = true;
}

// xorshift64: reproducible bytes for key generation in the test (the device uses the hardware RNG).
void esp_fill_random(void *buf, size_t len)
{
    static uint64_t state = 0x9E3779B97F4A7C15ULL;
    uint8_t *out = (uint8_t *)buf;
    for (size_t i = 0; i < len; i++)
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out[i] = (uint8_t)(state >> 24);
    }
}

ManagedBytes::ManagedBytes(size_t length)
    : block_((sizeof(CLR_RT_HeapBlock_Array) + length + 7) / 8 + 1, 0), length_(length)
{
    Header()->m_numOfElements = (CLR_UINT32)length;
    Header()->m_sizeOfElement = 1;
}

CLR_RT_HeapBlock_Array *ManagedBytes::Header()
{
    return (CLR_RT_HeapBlock_Array *)block_.data();
}

uint8_t *ManagedBytes::Data()
{
    return Header()->GetFirstElement();
}

size_t ManagedBytes::Length() const
{
    return length_;
}

CLR_RT_HeapBlock &Call::NextSlot()
{
    CLR_RT_HeapBlock slot;
    memset(&slot, 0, sizeof(slot));
    arguments_.push_back(slot);
    return arguments_.back();
}

Call &Call::Byte(uint8_t value)
{
    NextSlot().m_data.numeric.u1 = value;
    return *this;
}

Call &Call::Int(int32_t value)
{
    NextSlot().m_data.numeric.s4 = value;
    return *this;
}

Call &Call::Bytes(ManagedBytes &array)
{
    NextSlot().m_data.objectReference.ptr = array.Header();
    return *this;
}

int32_t Call::Run(CLR_RT_MethodHandler method)
{
    CLR_RT_StackFrame frame;
    frame.m_arguments = arguments_.data();
    g_resultSet = false;
    HRESULT hr = method(frame);
    if (FAILED(hr) || !g_resultSet)
    {
        fprintf(stderr, "native method failed (hr %d) or set no result\n", hr);
        exit(1);
    }
    return g_result;
}
