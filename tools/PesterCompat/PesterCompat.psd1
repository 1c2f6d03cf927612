@{
    RootModule        = 'PesterCompat.psm1'
    ModuleVersion     = '0.1.0'
    GUID              = '6c1f3a52-9d4e-4f0b-8a57-2e7b8c1d9f40'
    Author            = 'ArgilPS contributors'
    Description       = 'Minimal Pester 5 compatible runner for hosts where Pester cannot be installed. Supports a documented subset and fails loudly on everything else.'
    PowerShellVersion = '7.4'
    FunctionsToExport = @(
        'Invoke-Pester'
        'Describe', 'Context', 'It'
        'BeforeAll', 'AfterAll', 'BeforeEach', 'AfterEach', 'BeforeDiscovery'
        'Set-ItResult', 'Should'
        # Pester commands this runner deliberately rejects; exported so that a suite using them fails with a clear message.
        'Mock', 'InModuleScope', 'Assert-MockCalled', 'Assert-VerifiableMock', 'New-MockObject', 'Get-MockDynamicParameter'
        'New-PesterConfiguration', 'New-PesterContainer', 'New-Fixture', 'Add-ShouldOperator', 'Get-ShouldOperator'
        'Export-NUnitReport', 'Export-JUnitReport', 'ConvertTo-NUnitReport', 'ConvertTo-JUnitReport', 'ConvertTo-Pester4Result'
    )
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
