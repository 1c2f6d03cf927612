BeforeDiscovery {
    $fileNames = @('a.txt', 'b.txt')
}

Describe 'Test cases' {
    BeforeEach {
        $seenInBeforeEach = $Name
    }
    AfterEach {
        $global:PesterCompatDataLog += @("AfterEach saw '$Name' and `$_.Name '$($_.Name)'")
    }

    It 'adds <A> and <B> to get <Expected>' -TestCases @(
        @{ A = 1; B = 2; Expected = 3 }
        @{ A = 2; B = 2; Expected = 4 }
    ) {
        $A + $B | Should -Be $Expected
        $_.Expected | Should -Be $Expected
    }

    It 'accepts scalars in -ForEach: <_>' -ForEach 'x', 'y' {
        $_ | Should -BeIn 'x', 'y'
    }

    It 'expands a property path: <User.Name>' -ForEach @(@{ User = [pscustomobject]@{ Name = 'Ann' } }) {
        $User.Name | Should -Be 'Ann'
    }

    It 'exposes test data to BeforeEach and AfterEach: <Name>' -ForEach @(@{ Name = 'n1' }) {
        $seenInBeforeEach | Should -Be 'n1'
    }

    It 'generates nothing for an allowed empty -ForEach' -ForEach @() -AllowNullOrEmptyForEach {
        throw 'must not be generated'
    }

    It 'uses data from BeforeDiscovery: <_>' -ForEach $fileNames {
        $_ | Should -BeLike '*.txt'
    }
}

Describe 'Planet <Name>' -ForEach @(
    @{ Name = 'Earth'; Moons = 1 }
    @{ Name = 'Mars'; Moons = 2 }
) {
    BeforeAll {
        $moonsFromBeforeAll = $Moons
    }

    It '<Name> has <Moons> moons' {
        $moonsFromBeforeAll | Should -Be $Moons
        $_.Name | Should -Be $Name
    }
}
