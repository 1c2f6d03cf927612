Describe 'Broken' {
    It 'never discovered' {
        1 | Should -Be 1
    }
