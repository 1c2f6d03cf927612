# Mixed outcomes: the runner must count and report each of them.
Describe 'Basic' {
    It 'passes' {
        1 + 1 | Should -Be 2
    }

    It 'fails' {
        1 | Should -Be 2
    }

    It 'is skipped' -Skip {
        throw 'a skipped test must not run'
    }

    It 'throws' {
        throw 'boom'
    }

    Context 'Nested' {
        BeforeAll {
            $rootSeenByBeforeAll = $PSScriptRoot
        }

        It 'skips itself' {
            Set-ItResult -Skipped -Because 'not applicable here'
            throw 'unreachable'
        }

        It 'sees PSScriptRoot' {
            $PSScriptRoot | Should -Be (Split-Path -Parent $PSCommandPath)
            $rootSeenByBeforeAll | Should -Be $PSScriptRoot
            Join-Path $PSScriptRoot 'Basic.Tests.ps1' | Should -Exist
        }
    }
}
