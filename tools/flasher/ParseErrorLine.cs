using System.CommandLine.Parsing;
using System.Globalization;

namespace NanoCard.Flasher;

/// <summary>
/// A command-line parse error said plainly. System.CommandLine's own words are kept, except for a
/// number option's value that does not convert, where they name the CLR type
/// ("as expected type 'System.Nullable`1[System.Int32]'").
/// </summary>
public static class ParseErrorLine
{
    /// <summary>Every error of the command line, in one line.</summary>
    public static string For(IReadOnlyList<ParseError> errors) => string.Join("; ", errors.Select(For).Distinct());

    private static string For(ParseError error)
    {
        if (error.SymbolResult is OptionResult { Tokens.Count: > 0 } option
            && (Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType) == typeof(int))
        {
            string value = option.Tokens[^1].Value;
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                return $"{option.Option.Name}: '{value}' is not a whole number";
            }
        }
        return error.Message;
    }
}
