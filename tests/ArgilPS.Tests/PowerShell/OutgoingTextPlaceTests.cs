using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Reflection.Emit;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>
/// Every text a cmdlet says passes one place (ArgilCmdlet), which masks the key and makes control
/// characters visible: no other code of the module calls the engine's Write*, ShouldProcess,
/// ShouldContinue or ThrowTerminatingError directly, today or in the cmdlets to come.
/// </summary>
public class OutgoingTextPlaceTests
{
    private static readonly HashSet<string> EngineOutput = new()
    {
        "WriteError", "ThrowTerminatingError", "WriteVerbose", "WriteDebug", "WriteWarning", "WriteProgress",
        "WriteInformation", "ShouldProcess", "ShouldContinue",
    };

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    [Fact]
    public void OnlyTheCmdletBaseCallsTheEnginesOutputMethods()
    {
        var assembly = typeof(ArgilPS.Commands.ArgilCmdlet).Assembly;
        var calls = new List<string>();
        foreach (var method in AllMethods(assembly))
        {
            foreach (var callee in Callees(method))
            {
                if (callee.DeclaringType is { } declaring && (declaring == typeof(Cmdlet) || declaring == typeof(PSCmdlet)) && EngineOutput.Contains(callee.Name))
                    calls.Add($"{method.DeclaringType!.FullName}.{method.Name} calls {declaring.Name}.{callee.Name}");
            }
        }
        // The wrappers themselves are the only callers, and they are all there.
        var expected = calls.Where(c => c.StartsWith("ArgilPS.Commands.ArgilCmdlet.", StringComparison.Ordinal)).ToList();
        Assert.Equal(Array.Empty<string>(), calls.Except(expected));
        foreach (var name in EngineOutput) Assert.Contains(expected, c => c.EndsWith("." + name, StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyTheSharedCompletionHelperBuildsCompletionResults()
    {
        // A completer that made its own CompletionResult could insert a name or id unquoted.
        var builders = AllMethods(typeof(ArgilPS.Commands.ArgilCmdlet).Assembly)
            .Where(m => Callees(m).Any(c => c.DeclaringType == typeof(CompletionResult) && c is ConstructorInfo))
            .Select(m => m.DeclaringType!.FullName).Distinct().ToList();
        Assert.Equal(new[] { "ArgilPS.Commands.ArgumentCompletion" }, builders);
    }

    private static IEnumerable<MethodBase> AllMethods(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return assembly.GetTypes().SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)));
    }

    private static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        for (var i = 0; i < il.Length;)
        {
            short value = il[i++];
            if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
            var opCode = OpCodesByValue[value];
            var operand = opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                var token = BitConverter.ToInt32(il, i);
                MethodBase? callee = null;
                try
                {
                    callee = method.Module.ResolveMethod(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
                }
                catch (ArgumentException)
                {
                }
                if (callee is not null) yield return callee;
            }
            i += operand;
        }
    }
}
