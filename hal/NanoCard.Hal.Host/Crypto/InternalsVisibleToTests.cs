using System.Runtime.CompilerServices;

// The HAL tests check the host crypto's internals against published values: the RFC 6979 nonce k,
// the CMAC subkeys K1/K2 (RFC 4493 §4) and the curve constants (FIPS 186-4 §D.1.2).
[assembly: InternalsVisibleTo("NanoCard.Hal.Tests")]
