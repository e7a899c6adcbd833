//
// A reference header of the nanoCLR interop API: the subset the NanoCard interop uses, declared with
// the names and shapes of nf-interpreter's public headers (src/CLR/Include/nanoCLR_Interop.h,
// nanoCLR_Runtime.h, nanoCLR_Runtime__HeapBlock.h, nanoCLR_Types.h; main, the 1.17 line). Written
// for this project, not copied. CI compiles the interop (firmware/native/interop) against it, so a
// call the real nanoCLR does not have (stack.Arg9(): it has Arg0()..Arg7() and ArgN(n)) fails the
// build here as it would in the firmware, and tests/interop runs the interop bodies on simulated
// stack frames. The firmware build uses nf-interpreter's own headers, never this one.
//
#ifndef NANOCARD_REFERENCE_NANOCLR_INTEROP_H
#define NANOCARD_REFERENCE_NANOCLR_INTEROP_H

#include <stddef.h>
#include <stdint.h>

// nanoCLR_Types.h
typedef uint8_t CLR_UINT8;
typedef uint16_t CLR_UINT16;
typedef uint32_t CLR_UINT32;
typedef int8_t CLR_INT8;
typedef int16_t CLR_INT16;
typedef int32_t CLR_INT32;

struct CLR_RECORD_VERSION
{
    CLR_UINT16 iMajorVersion;
    CLR_UINT16 iMinorVersion;
    CLR_UINT16 iBuildNumber;
    CLR_UINT16 iRevisionNumber;
};

// nf_errors_exceptions.h: negative is a failure.
typedef int HRESULT;
#define S_OK ((HRESULT)0)
#define FAILED(hr) ((HRESULT)(hr) < 0)
#define SUCCEEDED(hr) ((HRESULT)(hr) >= 0)

// nanoCLR_Interop.h: the frame of every native method.
#define NANOCLR_HEADER() HRESULT hr
#define NANOCLR_LEAVE() goto nanoCLR_Cleanup
#define NANOCLR_RETURN() return hr
#define NANOCLR_CHECK_HRESULT(expr)                                                                                    \
    {                                                                                                                  \
        if (FAILED(hr = (expr)))                                                                                       \
            NANOCLR_LEAVE();                                                                                           \
    }
#define NANOCLR_SET_AND_LEAVE(expr)                                                                                    \
    {                                                                                                                  \
        hr = (expr);                                                                                                   \
        NANOCLR_LEAVE();                                                                                               \
    }
#define NANOCLR_CLEANUP()                                                                                              \
    hr = S_OK;                                                                                                         \
    nanoCLR_Cleanup:
#define NANOCLR_CLEANUP_END() NANOCLR_RETURN()
#define NANOCLR_NOCLEANUP()                                                                                            \
    NANOCLR_CLEANUP();                                                                                                 \
    NANOCLR_CLEANUP_END()
#define NANOCLR_NOCLEANUP_NOLABEL()                                                                                    \
    hr = S_OK;                                                                                                         \
    NANOCLR_RETURN()

struct CLR_RT_StackFrame;
struct CLR_RT_HeapBlock_Array;

#define NANOCLR_NATIVE_DECLARE(mtd) static HRESULT mtd(CLR_RT_StackFrame &stack)

typedef HRESULT (*CLR_RT_MethodHandler)(CLR_RT_StackFrame &stack);

struct CLR_RT_NativeAssemblyData
{
    const char *m_szAssemblyName;
    unsigned int m_checkSum;
    const void *m_pNativeMethods;
    CLR_RECORD_VERSION m_Version;
};

// nanoCLR_Runtime__HeapBlock.h: an argument slot. Numbers live in m_data.numeric, references in
// m_data.objectReference.ptr.
struct CLR_RT_HeapBlock
{
    union CLR_RT_HeapBlock_AtomicData {
        union Numeric {
            CLR_UINT8 u1;
            CLR_UINT16 u2;
            CLR_UINT32 u4;
            CLR_INT8 s1;
            CLR_INT16 s2;
            CLR_INT32 s4;
        } numeric;
        struct ObjectReference
        {
            CLR_RT_HeapBlock *ptr;
        } objectReference;
    } m_data;

    CLR_RT_HeapBlock_AtomicData::Numeric &NumericByRef()
    {
        return m_data.numeric;
    }

    CLR_RT_HeapBlock_Array *DereferenceArray() const;
};

// A managed array: its header, then the elements right after it (GetFirstElement is &this[1]).
struct CLR_RT_HeapBlock_Array : public CLR_RT_HeapBlock
{
    CLR_UINT32 m_numOfElements;
    CLR_UINT8 m_typeOfElement;
    CLR_UINT8 m_sizeOfElement;
    CLR_UINT8 m_fReference;
    CLR_UINT8 m_pad;

    CLR_UINT8 *GetFirstElement()
    {
        return ((CLR_UINT8 *)&this[1]);
    }
};

inline CLR_RT_HeapBlock_Array *CLR_RT_HeapBlock::DereferenceArray() const
{
    return (CLR_RT_HeapBlock_Array *)m_data.objectReference.ptr;
}

// nanoCLR_Runtime.h: the arguments of the call (static methods: Arg0 is the first parameter).
struct CLR_RT_StackFrame
{
    CLR_RT_HeapBlock *m_arguments;

    CLR_RT_HeapBlock &Arg0() const
    {
        return m_arguments[0];
    }
    CLR_RT_HeapBlock &Arg1() const
    {
        return m_arguments[1];
    }
    CLR_RT_HeapBlock &Arg2() const
    {
        return m_arguments[2];
    }
    CLR_RT_HeapBlock &Arg3() const
    {
        return m_arguments[3];
    }
    CLR_RT_HeapBlock &Arg4() const
    {
        return m_arguments[4];
    }
    CLR_RT_HeapBlock &Arg5() const
    {
        return m_arguments[5];
    }
    CLR_RT_HeapBlock &Arg6() const
    {
        return m_arguments[6];
    }
    CLR_RT_HeapBlock &Arg7() const
    {
        return m_arguments[7];
    }
    CLR_RT_HeapBlock &ArgN(CLR_INT32 n) const
    {
        return m_arguments[n];
    }

    // Defined by the runtime (here: by the test's simulated runtime).
    void SetResult_I4(CLR_INT32 val);
};

#endif
