namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// A point in Jacobian coordinates (X, Y, Z) standing for the affine (X/Z², Y/Z³); Z = 0 is
    /// the point at infinity (SEC 1 §2.2.1 O). Buffers are allocated once, at construction.
    /// </summary>
    internal sealed class EcPoint
    {
        internal readonly uint[] X;
        internal readonly uint[] Y;
        internal readonly uint[] Z;

        internal EcPoint(int limbs)
        {
            X = new uint[limbs];
            Y = new uint[limbs];
            Z = new uint[limbs];
        }

        internal void CopyFrom(EcPoint p)
        {
            System.Array.Copy(p.X, X, X.Length);
            System.Array.Copy(p.Y, Y, Y.Length);
            System.Array.Copy(p.Z, Z, Z.Length);
        }

        internal void SetInfinity()
        {
            System.Array.Clear(X, 0, X.Length);
            System.Array.Clear(Y, 0, Y.Length);
            System.Array.Clear(Z, 0, Z.Length);
            X[0] = 1;
            Y[0] = 1;
        }
    }
}
