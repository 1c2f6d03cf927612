# Every operator positively and with -Not; failure messages are checked through Should -Throw.
# The whole file is expected to pass.
Describe 'Should' {
    Context '-Be and -BeExactly' {
        It 'compares values' {
            1 | Should -Be 1
            'a' | Should -Be 'A'
            '1' | Should -Be 1
            1 | Should -Not -Be 2
            Should -ActualValue @(1, 2) -Be @(1, 2)
            Should -ActualValue @(1, 2) -Not -Be @(2, 1)
            1, 1 | Should -Be 1
            $null | Should -Be $null
            'a' | Should -BeExactly 'a'
            'a' | Should -Not -BeExactly 'A'
        }

        It 'reports failures like Pester' {
            { 1 | Should -Be 2 } | Should -Throw -ExpectedMessage 'Expected 2, but got 1.'
            { 1 | Should -Be 2 -Because 'math works' } | Should -Throw -ExpectedMessage 'Expected 2, because math works, but got 1.'
            { 1 | Should -Not -Be 1 } | Should -Throw -ExpectedMessage 'Expected 1 to be different from the actual value, but got the same value.'
            { 'b' | Should -Be 'a' } | Should -Throw -ExpectedMessage "Expected strings to be the same, but they were different.*Expected: 'a'*But was:  'b'*"
            { $null | Should -Be 'a' } | Should -Throw -ExpectedMessage "Expected 'a', but got `$null."
            { 'A' | Should -BeExactly 'a' } | Should -Throw -ExpectedMessage 'Expected strings to be the same*'
            { 1 | Should -BeExactly 2 } | Should -Throw -ExpectedMessage 'Expected exactly 2, but got 1.'
            { 'a' | Should -Not -BeExactly 'a' } | Should -Throw -ExpectedMessage "Expected 'a' to be different from the actual value, but got exactly the same value."
            { 1, 2 | Should -Be 1 } | Should -Throw -ExpectedMessage 'Expected 1, but got 2.'
        }
    }

    Context '-BeNullOrEmpty' {
        It 'treats null, empty pipeline, empty string and empty collections as empty' {
            $null | Should -BeNullOrEmpty
            @() | Should -BeNullOrEmpty
            '' | Should -BeNullOrEmpty
            @{} | Should -BeNullOrEmpty
            Should -ActualValue @() -BeNullOrEmpty
            'x' | Should -Not -BeNullOrEmpty
            @(1, 2) | Should -Not -BeNullOrEmpty
        }

        It 'reports failures' {
            { 'x' | Should -BeNullOrEmpty } | Should -Throw -ExpectedMessage "Expected `$null or empty, but got 'x'."
            { @() | Should -Not -BeNullOrEmpty } | Should -Throw -ExpectedMessage 'Expected a value, but got $null or empty.'
        }
    }

    Context '-BeTrue and -BeFalse' {
        It 'tests truthiness' {
            $true | Should -BeTrue
            1 | Should -BeTrue
            $false | Should -Not -BeTrue
            $false | Should -BeFalse
            0 | Should -BeFalse
            $true | Should -Not -BeFalse
        }

        It 'reports failures' {
            { $false | Should -BeTrue } | Should -Throw -ExpectedMessage 'Expected $true, but got $false.'
            { $true | Should -BeFalse -Because 'it is off' } | Should -Throw -ExpectedMessage 'Expected $false, because it is off, but got $true.'
            { $true | Should -Not -BeTrue } | Should -Throw -ExpectedMessage 'Expected $false, but got $true.'
        }
    }

    Context '-BeOfType' {
        It 'checks types and subtypes' {
            1 | Should -BeOfType [int]
            'text' | Should -BeOfType 'System.String'
            [System.ArgumentNullException]::new('x') | Should -BeOfType ([System.ArgumentException])
            1 | Should -Not -BeOfType [string]
        }

        It 'reports failures' {
            { 1 | Should -BeOfType [string] } | Should -Throw -ExpectedMessage 'Expected the value to have type `[System.String`] or any of its subtypes, but got 1 with type `[System.Int32`].'
            { 1 | Should -Not -BeOfType [int] } | Should -Throw -ExpectedMessage 'Expected the value to not have type `[System.Int32`]*'
            { 1 | Should -BeOfType 'No.Such.Type' } | Should -Throw -ExpectedMessage 'Could not find type `[No.Such.Type`]*'
        }
    }

    Context 'comparisons' {
        It 'compares ordered values' {
            2 | Should -BeGreaterThan 1
            1 | Should -Not -BeGreaterThan 1
            1 | Should -BeLessThan 2
            2 | Should -Not -BeLessThan 2
            2 | Should -BeGreaterOrEqual 2
            1 | Should -Not -BeGreaterOrEqual 2
            2 | Should -BeLessOrEqual 2
            3 | Should -Not -BeLessOrEqual 2
        }

        It 'reports failures' {
            { 1 | Should -BeGreaterThan 2 } | Should -Throw -ExpectedMessage 'Expected the actual value to be greater than 2, but got 1.'
            { 3 | Should -Not -BeGreaterThan 2 } | Should -Throw -ExpectedMessage 'Expected the actual value to be less than or equal to 2, but got 3.'
            { 3 | Should -BeLessThan 2 } | Should -Throw -ExpectedMessage 'Expected the actual value to be less than 2, but got 3.'
            { 1 | Should -BeGreaterOrEqual 2 } | Should -Throw -ExpectedMessage 'Expected the actual value to be greater than or equal to 2, but got 1.'
            { 3 | Should -BeLessOrEqual 2 } | Should -Throw -ExpectedMessage 'Expected the actual value to be less than or equal to 2, but got 3.'
        }
    }

    Context 'patterns' {
        It 'matches regular expressions and wildcards' {
            'Hello World' | Should -Match 'world$'
            'Hello World' | Should -Not -Match '^world'
            'Hello World' | Should -MatchExactly 'World'
            'Hello World' | Should -Not -MatchExactly 'world'
            'Hello World' | Should -BeLike 'hello*'
            'Hello World' | Should -Not -BeLike 'bye*'
            'Hello World' | Should -BeLikeExactly 'Hello*'
            'Hello World' | Should -Not -BeLikeExactly 'hello*'
            'x' | Should -Match -RegularExpression 'x'
        }

        It 'reports failures' {
            { 'abc' | Should -Match 'z' } | Should -Throw -ExpectedMessage "Expected regular expression 'z' to match 'abc', but it did not match."
            { 'abc' | Should -Not -Match 'b' } | Should -Throw -ExpectedMessage "Expected regular expression 'b' to not match 'abc', but it did match."
            { 'abc' | Should -MatchExactly 'B' } | Should -Throw -ExpectedMessage "*to match 'abc', but it did not match."
            { 'abc' | Should -BeLike 'z*' } | Should -Throw -ExpectedMessage "Expected like wildcard 'z`*' to match 'abc', but it did not match."
            { 'abc' | Should -BeLikeExactly 'A*' } | Should -Throw -ExpectedMessage "Expected case sensitive like wildcard 'A`*' to match 'abc', but it did not match."
        }
    }

    Context 'collections' {
        It 'checks membership and counts' {
            @(1, 2, 3) | Should -Contain 2
            @(1, 2, 3) | Should -Not -Contain 4
            2 | Should -BeIn @(1, 2, 3)
            4 | Should -Not -BeIn @(1, 2, 3)
            @(1, 2) | Should -HaveCount 2
            @() | Should -HaveCount 0
            Should -ActualValue @(1, 2, 3) -HaveCount 3
            @(1) | Should -Not -HaveCount 2
        }

        It 'reports failures' {
            { @(1, 2) | Should -Contain 3 } | Should -Throw -ExpectedMessage 'Expected 3 to be found in collection @(1, 2), but it was not found.'
            { @(1, 2) | Should -Not -Contain 2 } | Should -Throw -ExpectedMessage 'Expected 2 to not be found in collection @(1, 2), but it was found.'
            { 3 | Should -BeIn @(1, 2) } | Should -Throw -ExpectedMessage 'Expected collection @(1, 2) to contain 3, but it was not found.'
            { @(1, 2) | Should -HaveCount 3 } | Should -Throw -ExpectedMessage 'Expected a collection with size 3, but got collection with size 2 @(1, 2).'
            { @(1) | Should -HaveCount 0 } | Should -Throw -ExpectedMessage 'Expected an empty collection, but got collection with size 1 @(1).'
            { @(1, 2) | Should -Not -HaveCount 2 } | Should -Throw -ExpectedMessage 'Expected a collection with size different from 2*'
        }
    }

    Context '-Exist' {
        It 'checks paths' {
            $PSCommandPath | Should -Exist
            Join-Path $PSScriptRoot 'no-such-file.txt' | Should -Not -Exist
        }

        It 'reports failures' {
            { '/no/such/path' | Should -Exist } | Should -Throw -ExpectedMessage "Expected path '/no/such/path' to exist, but it did not exist."
            { $PSCommandPath | Should -Not -Exist } | Should -Throw -ExpectedMessage '*to not exist, but it did exist.'
        }
    }

    Context '-Throw' {
        It 'matches thrown errors' {
            { throw 'boom' } | Should -Throw
            { throw 'boom' } | Should -Throw 'bo*'
            { throw 'boom' } | Should -Throw -ExpectedMessage 'boom'
            { Write-Error -Message 'bad' -ErrorId 'Argil.Bad' -ErrorAction Stop } | Should -Throw -ErrorId 'Argil.Bad'
            { throw [System.ArgumentNullException]::new('name') } | Should -Throw -ExceptionType ([System.ArgumentException])
            { } | Should -Not -Throw
        }

        It 'returns the error record with -PassThru' {
            $record = { throw 'passed through' } | Should -Throw -PassThru
            $record.Exception.Message | Should -Be 'passed through'
            $record | Should -BeOfType [System.Management.Automation.ErrorRecord]
        }

        It 'reports failures' {
            { { } | Should -Throw } | Should -Throw -ExpectedMessage 'Expected an exception, to be thrown, but no exception was thrown.'
            { { throw 'x' } | Should -Throw -ExpectedMessage 'y' } | Should -Throw -ExpectedMessage "Expected an exception, with message like 'y' to be thrown, but the message was 'x'."
            { { throw 'x' } | Should -Throw -ErrorId 'Other' } | Should -Throw -ExpectedMessage "*with FullyQualifiedErrorId 'Other' to be thrown, but the FullyQualifiedErrorId was 'x'."
            { { throw 'x' } | Should -Throw -ExceptionType ([System.ArgumentException]) } | Should -Throw -ExpectedMessage '*with type `[System.ArgumentException`] to be thrown, but the exception type was `[System.Management.Automation.RuntimeException`].'
            { { throw 'x' } | Should -Not -Throw } | Should -Throw -ExpectedMessage 'Expected no exception to be thrown, but an exception "x" was thrown*'
            { 'not a script block' | Should -Throw } | Should -Throw -ExceptionType ([System.ArgumentException])
        }
    }

    Context '-HaveParameter' {
        BeforeAll {
            function Get-Sample {
                param(
                    [Parameter(Mandatory)] [Alias('N')] [string] $Name,
                    [int] $Count = 5,
                    [string] $Mode = 'fast',
                    [ArgumentCompleter({ 'a' })] [string] $Completed
                )
            }
        }

        It 'inspects command parameters' {
            Get-Command Get-Sample | Should -HaveParameter Name -Mandatory -Type [string] -Alias N
            Get-Command Get-Sample | Should -HaveParameter -ParameterName Count -Type int -DefaultValue 5
            Get-Command Get-Sample | Should -HaveParameter Mode -DefaultValue 'fast'
            Get-Command Get-Sample | Should -HaveParameter Completed -HasArgumentCompleter
            Get-Command Get-Sample | Should -Not -HaveParameter Missing
            Get-Command Get-Sample | Should -Not -HaveParameter Count -Mandatory
            # One matching parameter attribute (an array of one) must still count as found.
            Get-Command Get-Sample | Should -HaveParameter Name -InParameterSet '__AllParameterSets' -Mandatory
        }

        It 'reports failures' {
            { Get-Command Get-Sample | Should -HaveParameter Missing } | Should -Throw -ExpectedMessage 'Expected command Get-Sample to have a parameter Missing, but the parameter is missing.'
            { Get-Command Get-Sample | Should -HaveParameter Count -Mandatory -Type string } | Should -Throw -ExpectedMessage "Expected command Get-Sample to have a parameter Count, which is mandatory and of type ``[System.String``], but it wasn't mandatory and it was of type ``[System.Int32``]."
            { Get-Command Get-Sample | Should -HaveParameter Mode -DefaultValue 'slow' } | Should -Throw -ExpectedMessage "*but the default value was 'fast'."
            { Get-Command Get-Sample | Should -Not -HaveParameter Name } | Should -Throw -ExpectedMessage 'Expected command Get-Sample to not have a parameter Name, but it did.'
            { 'Get-Sample' | Should -HaveParameter Name } | Should -Throw -ExpectedMessage 'Input value must be non-null CommandInfo object*'
            # A type that implements IFormattable explicitly ([uri]) still formats in the message.
            { [uri]'https://a.example/' | Should -Be ([uri]'https://b.example/') } | Should -Throw -ExpectedMessage 'Expected https://b.example/, but got https://a.example/.'
        }
    }
}
