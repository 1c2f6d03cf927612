using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Sandbox;

/// <summary>
/// The emulator checks what the API reference documents, with rules of its own: if it used the
/// module's input rules or image checks, a wrong rule would be wrong on both sides and no test
/// would notice. It may use .NET and the module's core (clock, redaction), nothing else.
/// </summary>
public class SandboxIndependenceTests
{
    private static readonly string[] Forbidden = { "InputRules", "ImageInspector", "ImageInfo" };

    private static bool IsEmulator(Type t) => t.Namespace == "ArgilPS.Sandbox" || (t.Namespace?.StartsWith("ArgilPS.Sandbox.", StringComparison.Ordinal) ?? false);

    [Fact]
    public void TheEmulatorsCodeReferencesNoValidationOrResourceCodeOfTheModule()
    {
        var module = typeof(SandboxServer).Assembly;
        var emulator = module.GetTypes().Where(IsEmulator).ToList();
        Assert.Contains(emulator, t => t.Name == "SandboxAvatars");
        var referenced = new HashSet<Type>();
        foreach (var type in emulator) referenced.UnionWith(ReferencedTypes(type));

        var offending = referenced
            .Where(t => t.Assembly == module && !IsEmulator(t) && !(t.Namespace ?? "").StartsWith("ArgilPS.Core", StringComparison.Ordinal) && t.Namespace != "System.Runtime.CompilerServices"
                && !(t.FullName ?? "").StartsWith("<PrivateImplementationDetails>", StringComparison.Ordinal)) // the compiler's constant arrays
            .Select(t => t.FullName)
            .Concat(referenced.Where(t => Forbidden.Contains(t.Name)).Select(t => t.FullName))
            .Distinct()
            .OrderBy(n => n)
            .ToList();
        Assert.True(offending.Count == 0, "The sandbox uses the module's own code: " + string.Join(", ", offending));
        // The scan does see references out of the emulator into the module (its core: the clock interface, the redactor).
        Assert.Contains(referenced, t => t.Assembly == module && !IsEmulator(t) && t.IsInterface);
        Assert.Contains(referenced, t => t.Assembly == module && !IsEmulator(t) && t.IsAbstract && t.IsSealed); // a static class
    }

    [Fact]
    public void TheEmulatorsSourceNamesNoneOfTheModulesRules()
    {
        // Constants (such as a maximum length) are copied into the IL, so the source is read too.
        var folder = Path.Combine(ModuleAssembly.RepoRoot, "src", "ArgilPS", "Sandbox");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.TopDirectoryOnly);
        Assert.Contains(files, f => Path.GetFileName(f) == "SandboxAvatars.cs");
        var hits = (from file in files
                    from word in Forbidden.Concat(new[] { "ArgilPS.Avatars", "ArgilPS.Assets", "ArgilPS.Commands" })
                    where File.ReadAllText(file).Contains(word)
                    select Path.GetFileName(file) + ": " + word).ToList();
        Assert.Empty(hits);
    }

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is not null) yield return type.BaseType;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var f in type.GetFields(all)) foreach (var t in Expand(f.FieldType)) yield return t;
        foreach (var p in type.GetProperties(all)) foreach (var t in Expand(p.PropertyType)) yield return t;
        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            foreach (var p in m.GetParameters()) foreach (var t in Expand(p.ParameterType)) yield return t;
            if (m is MethodInfo mi) foreach (var t in Expand(mi.ReturnType)) yield return t;
            foreach (var member in MembersUsedBy(m))
            {
                var owner = member as Type ?? member.DeclaringType;
                if (owner is not null) foreach (var t in Expand(owner)) yield return t;
                if (member is MethodInfo { IsGenericMethod: true } generic)
                    foreach (var a in generic.GetGenericArguments()) foreach (var t in Expand(a)) yield return t;
                if (member is FieldInfo field) foreach (var t in Expand(field.FieldType)) yield return t;
            }
        }
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType) { foreach (var t in Expand(type.GetElementType()!)) yield return t; yield break; }
        if (type.IsGenericParameter) yield break;
        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType) foreach (var a in type.GetGenericArguments()) foreach (var t in Expand(a)) yield return t;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The fields, methods and types a method's IL names (its tokens, resolved).</summary>
    private static IEnumerable<MemberInfo> MembersUsedBy(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE) value = (short)(0xFE00 | il[at++]);
            var code = OpCodesByValue[value];
            var size = code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
                _ => 4,
            };
            if (code.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, at);
                MemberInfo? member;
                try { member = method.Module.ResolveMember(token, typeArguments, methodArguments); }
                catch (ArgumentException) { member = null; }
                if (member is not null) yield return member;
            }
            at += size;
        }
    }
}
