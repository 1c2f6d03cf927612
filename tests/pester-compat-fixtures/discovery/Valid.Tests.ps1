Describe 'Valid file next to broken ones' {
    It 'still runs' {
        $true | Should -BeTrue
    }
}
