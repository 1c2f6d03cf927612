# Each test uses a Pester feature PesterCompat rejects; each must fail with a message naming the feature.
Describe 'Unsupported' {
    It 'Mock' { Mock Get-Date { 1 } }
    It 'Should -Invoke' { Should -Invoke Get-Date -Times 1 }
    It 'Should -InvokeVerifiable' { Should -InvokeVerifiable }
    It 'InModuleScope' { InModuleScope ArgilPS { 1 } }
    It 'New-PesterConfiguration' { New-PesterConfiguration }
    It 'Should -FileContentMatch' { 'x' | Should -FileContentMatch 'y' }
    It 'Set-ItResult -Inconclusive' { Set-ItResult -Inconclusive }
    It 'unknown Should operator' { 1 | Should -BeAwesome }
}
