Describe 'Filters' -Tag 'Unit' {
    It 'fast one' -Tag 'Fast' { }

    It 'slow one' -Tag 'Slow' { }

    Context 'Integration' -Tag 'Integration' {
        It 'talks to the API' { }
    }
}

Describe 'Other' {
    BeforeAll {
        # Must only run when a test of this block is selected.
        $global:PesterCompatOtherBeforeAllRan = $true
    }

    It 'untagged' { }
}
