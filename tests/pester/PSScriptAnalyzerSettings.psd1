# PSScriptAnalyzer settings for the Pester suite:
#     Invoke-ScriptAnalyzer -Path tests/pester -Settings tests/pester/PSScriptAnalyzerSettings.psd1
@{
    ExcludeRules = @(
        # Pester 5 runs BeforeDiscovery, BeforeAll, BeforeEach and each It as separate script blocks that
        # share variables through Pester's scopes (and TestSupport.ps1 is dot-sourced into them). This rule
        # looks at one script block at a time, so every variable set in a BeforeAll and read in an It is
        # reported as "assigned but never used": a known false positive of the rule for Pester files
        # (PowerShell/PSScriptAnalyzer#946, #1641). Variables that are really unused are removed by hand.
        'PSUseDeclaredVarsMoreThanAssignments'
    )
}
