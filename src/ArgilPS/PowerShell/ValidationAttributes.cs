using System;
using System.Collections;
using System.Management.Automation;
using ArgilPS.Avatars;
using ArgilPS.Core;

namespace ArgilPS.Commands;

/// <summary>The value must be an absolute https:// URL. PowerShell names the parameter in the error.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateHttpsUrlAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var text = Unwrap(arguments)?.ToString();
        var rule = InputRules.CheckHttpsUrl(text);
        if (rule is not null) throw new ValidationMetadataException($"The URL must be an absolute https:// URL: {rule}.");
    }

    internal static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
}

/// <summary>The base address must be https://, or http:// on a loopback address.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateBaseUriAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (ValidateHttpsUrlAttribute.Unwrap(arguments) is not Uri uri)
            throw new ValidationMetadataException("The base URI must be an absolute URL such as https://api.argil.ai/v1.");
        var rule = EndpointRules.Check(uri);
        if (rule is not null) throw new ValidationMetadataException($"The base URI '{EndpointRules.Display(uri)}' is not accepted: {rule}.");
    }
}

/// <summary>
/// A text of <c>minimum</c> to <c>maximum</c> characters counted as the API counts them (Unicode
/// characters, <see cref="InputRules.CharacterCount"/>), where ValidateLength would count UTF-16 units
/// and refuse an emoji-rich name the API accepts.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateCharacterCountAttribute : ValidateArgumentsAttribute
{
    /// <summary>The rule: from <paramref name="minimum"/> to <paramref name="maximum"/> characters.</summary>
    public ValidateCharacterCountAttribute(int minimum, int maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The fewest characters allowed.</summary>
    public int Minimum { get; }

    /// <summary>The most characters allowed.</summary>
    public int Maximum { get; }

    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (ValidateHttpsUrlAttribute.Unwrap(arguments) is not string text) return;
        var count = InputRules.CharacterCount(text);
        if (count < Minimum || count > Maximum)
            throw new ValidationMetadataException($"The text has {count} characters; Argil accepts {Minimum} to {Maximum} (each Unicode character counts once).");
    }
}

/// <summary>Extras: at most 10 key-value pairs, each value at most 256 characters, as the API documents.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateExtrasAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (ValidateHttpsUrlAttribute.Unwrap(arguments) is not IDictionary extras)
            throw new ValidationMetadataException("Extras must be a hashtable of key-value pairs, such as @{ campaign = 'spring' }.");
        InputRules.ToExtras(extras, out var error);
        if (error is not null) throw new ValidationMetadataException($"The extras break a rule of the Argil API: {error}.");
    }
}

/// <summary>
/// The value must be a wildcard pattern PowerShell can read: an unclosed or backwards [range]
/// ('Demo [EN', '[z-a]') is refused at binding, before any request, with the way to match it literally.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateWildcardPatternAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (ValidateHttpsUrlAttribute.Unwrap(arguments) is not string text) return;
        var rule = InputRules.CheckWildcardPattern(text);
        if (rule is not null) throw new ValidationMetadataException(rule);
    }
}
