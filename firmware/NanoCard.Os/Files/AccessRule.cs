using NanoCard.Os.Credentials;

namespace NanoCard.Os.Files
{
    /// <summary>
    /// Who may do one operation on a file: always, never, or when any one of a set of credentials
    /// has been verified in the current session of the applet.
    /// </summary>
    public sealed class AccessRule
    {
        /// <summary>No condition.</summary>
        public static readonly AccessRule Always = new AccessRule(null, true);

        /// <summary>Not over the interface at all (personalization writes bypass rules).</summary>
        public static readonly AccessRule Never = new AccessRule(null, false);

        private readonly OwnerPin[] anyOf;
        private readonly bool always;

        private AccessRule(OwnerPin[] anyOf, bool always)
        {
            this.anyOf = anyOf;
            this.always = always;
        }

        /// <summary>Satisfied when any one of <paramref name="credentials"/> is verified.</summary>
        public static AccessRule AnyOf(OwnerPin[] credentials)
        {
            if (credentials == null || credentials.Length == 0)
            {
                throw new System.ArgumentException("at least one credential");
            }
            return new AccessRule(credentials, false);
        }

        public bool IsSatisfied()
        {
            if (anyOf == null)
            {
                return always;
            }
            for (int i = 0; i < anyOf.Length; i++)
            {
                if (anyOf[i].IsValidated)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
