# Every setup/teardown/test appends to $global:PesterCompatLog; the host-side test asserts the exact order.
BeforeDiscovery {
    $global:PesterCompatLog = [System.Collections.Generic.List[string]]::new()
}

Describe 'Scoping' {
    BeforeAll {
        $outer = 'outer'
        $global:PesterCompatLog.Add('BeforeAll Scoping')
    }
    AfterAll { $global:PesterCompatLog.Add('AfterAll Scoping') }
    BeforeEach {
        $global:PesterCompatLog.Add('BeforeEach Scoping')
        $fromBeforeEach = 'before each'
    }
    AfterEach { $global:PesterCompatLog.Add('AfterEach Scoping') }

    # Code directly in the Describe body runs during discovery only.
    $discoveryOnly = 'discovery'
    $global:PesterCompatLog.Add('Describe body')

    It 'sees BeforeAll and BeforeEach variables' {
        $global:PesterCompatLog.Add('It 1')
        $outer | Should -Be 'outer'
        $fromBeforeEach | Should -Be 'before each'
        $itLocal = 'set by the first It'
        $outer = 'changed by the first It'
    }

    It 'does not see variables set by a previous It' {
        $global:PesterCompatLog.Add('It 2')
        Get-Variable itLocal -ErrorAction Ignore | Should -BeNullOrEmpty
        $outer | Should -Be 'outer'
    }

    It 'does not see variables of the Describe body' {
        $global:PesterCompatLog.Add('It 3')
        Get-Variable discoveryOnly -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    Context 'Child' {
        BeforeAll {
            $inner = 'inner'
            $global:PesterCompatLog.Add('BeforeAll Child')
        }
        AfterAll { $global:PesterCompatLog.Add('AfterAll Child') }
        BeforeEach { $global:PesterCompatLog.Add('BeforeEach Child') }
        AfterEach { $global:PesterCompatLog.Add('AfterEach Child') }

        It 'sees parent and own BeforeAll variables' {
            $global:PesterCompatLog.Add('It Child')
            $outer | Should -Be 'outer'
            $inner | Should -Be 'inner'
        }
    }

    Context 'Sibling' {
        It 'does not see variables of a sibling BeforeAll' {
            $global:PesterCompatLog.Add('It Sibling')
            Get-Variable inner -ErrorAction Ignore | Should -BeNullOrEmpty
            $outer | Should -Be 'outer'
        }
    }
}

Describe 'Other Describe' {
    It 'does not see variables of another Describe' {
        Get-Variable outer -ErrorAction Ignore | Should -BeNullOrEmpty
    }
}

Describe 'AfterAll after failures' {
    AfterAll { $global:PesterCompatLog.Add('AfterAll after failing It') }

    It 'fails' {
        $global:PesterCompatLog.Add('failing It')
        throw 'expected failure'
    }

    It 'still runs after a failing It' {
        $global:PesterCompatLog.Add('It after failure')
    }
}

Describe 'BeforeAll failure' {
    BeforeAll { throw 'setup broke' }
    AfterAll { $global:PesterCompatLog.Add('AfterAll after BeforeAll failure') }

    It 'fails because BeforeAll failed' {
        $global:PesterCompatLog.Add('must not run')
    }

    Context 'Nested' {
        It 'fails too because the parent BeforeAll failed' {
            $global:PesterCompatLog.Add('must not run')
        }
    }
}

Describe 'BeforeEach failure' {
    BeforeEach { throw 'before each broke' }
    AfterEach { $global:PesterCompatLog.Add('AfterEach after BeforeEach failure') }

    It 'fails because BeforeEach failed' {
        $global:PesterCompatLog.Add('must not run')
    }
}
