// The version of the native part this assembly needs, written into the interop's lookup table
// (firmware/native/interop) by the MetadataProcessor; it refuses to generate stubs without it.
// Raise it with every change to NativeCrypto's native declarations (docs/building-firmware.md, "Pairing").
#if NANOFRAMEWORK_1_0
[assembly: System.Reflection.AssemblyNativeVersion("1.0.0.0")]
#endif
