# The help of every exported cmdlet: synopsis, description, examples and every parameter described.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../out/ArgilPS/ArgilPS.psd1') -Force -ErrorAction Stop
    $commands = @(Get-Command -Module ArgilPS -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Help for <Name>' -ForEach $commands {
    BeforeAll {
        $help = Get-Help -Name $Name -Full -ErrorAction Stop
        $ownParameters = @((Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $commonParameters } | Sort-Object)
        $helpParameters = @($help.parameters.parameter | Where-Object { $_ })
    }

    It 'has a synopsis that is not just the syntax' {
        "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
        "$($help.Synopsis)".Trim() | Should -Not -BeLike "$Name *"
    }

    It 'has a description' {
        (@($help.description | ForEach-Object Text) -join ' ').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterThan 0
        "$($examples[0].code)".Trim() | Should -Not -BeNullOrEmpty
        "$($examples[0].code)" | Should -Match ([regex]::Escape($Name))
    }

    It 'has an online help link' {
        (Get-Command $Name).HelpUri | Should -Match '^https://'
    }

    It 'describes every parameter' {
        foreach ($parameter in $ownParameters) {
            $entry = $helpParameters | Where-Object name -EQ $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name should be in its help"
            (@($entry.description | ForEach-Object Text) -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name should be described"
        }
    }

    It 'documents no parameter that the cmdlet does not have' {
        foreach ($entry in $helpParameters) {
            $entry.name | Should -BeIn (@($ownParameters) + @($commonParameters)) -Because "$Name has no parameter -$($entry.name)"
        }
    }
}

Describe 'about_ArgilPS' {
    It 'is installed with the module' {
        $topic = Get-Help about_ArgilPS -ErrorAction Stop | Out-String
        $topic | Should -Match 'sandbox'
        $topic | Should -Match 'ARGIL_API_KEY'
    }
}
