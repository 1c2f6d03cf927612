using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace ArgilPS.Commands;

// Optional settings of New-ArgilVoice arrive from CSV rows as text, and a cell left blank means
// "not given": PowerShell would turn "" into 0 for a number and refuse it for a set, so blank text
// becomes null here, and the rules below let null through (null is "not sent").

/// <summary>Blank text (an empty CSV cell) becomes null: the setting is not given, and not sent.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BlankAsNotGivenAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        ValidateHttpsUrlAttribute.Unwrap(inputData) is string text && text.Trim().Length == 0 ? null : inputData;
}

/// <summary>
/// A true/false setting that also takes the text of a CSV cell: true, false, 1 or 0 (any case);
/// blank is not given. PowerShell alone refuses any text for a Boolean parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BooleanTextAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if (ValidateHttpsUrlAttribute.Unwrap(inputData) is not string text) return inputData;
        switch (text.Trim().ToLowerInvariant())
        {
            case "": return null;
            case "true" or "1" or "$true": return true;
            case "false" or "0" or "$false": return false;
            default: throw new ArgumentTransformationMetadataException($"'{text}' is not a Boolean value: use $true or $false (in CSV text: true, false, 1 or 0).");
        }
    }
}

/// <summary>A number from <see cref="Minimum"/> to <see cref="Maximum"/>, as the API documents; null (not given) passes.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateOptionalRangeAttribute : ValidateArgumentsAttribute
{
    /// <summary>The rule: from <paramref name="minimum"/> to <paramref name="maximum"/>, both included.</summary>
    public ValidateOptionalRangeAttribute(double minimum, double maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The smallest value allowed.</summary>
    public double Minimum { get; }

    /// <summary>The largest value allowed.</summary>
    public double Maximum { get; }

    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = ValidateHttpsUrlAttribute.Unwrap(arguments);
        if (value is null) return;
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (double.IsNaN(number) || number < Minimum || number > Maximum)
        {
            throw new ValidationMetadataException(string.Format(CultureInfo.InvariantCulture,
                "The value {0} is outside the range Argil accepts: {1} to {2}.", number, Minimum, Maximum));
        }
    }
}

/// <summary>One of a set of values (any case), as the API documents them; null (not given) passes.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateOptionalSetAttribute : ValidateArgumentsAttribute
{
    /// <summary>The values allowed.</summary>
    public ValidateOptionalSetAttribute(params string[] values)
    {
        Values = values;
    }

    /// <summary>The values allowed, as the API spells them.</summary>
    public string[] Values { get; }

    /// <summary>The value as the API spells it, or null when it is not one of <paramref name="values"/>.</summary>
    internal static string? Canonical(string? value, string[] values) =>
        value is null ? null : values.FirstOrDefault(v => string.Equals(v, value.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = ValidateHttpsUrlAttribute.Unwrap(arguments);
        if (value is null) return;
        if (value is not string text || Canonical(text, Values) is null)
            throw new ValidationMetadataException($"'{value}' is not one of the values Argil accepts: {string.Join(", ", Values)}.");
    }
}
