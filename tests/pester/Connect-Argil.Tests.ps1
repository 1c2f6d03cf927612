# Connect-Argil, Disconnect-Argil and Get-ArgilContext: connections, their scopes, and the environment.

BeforeAll {
    . $PSScriptRoot/TestSupport.ps1
    Connect-Argil -Sandbox -SandboxTimeMode Manual
}

AfterAll {
    Disconnect-Argil
}

Describe 'Connect-Argil' {
    Context 'Parameters' {
        BeforeAll { $command = Get-Command Connect-Argil }

        It 'has the parameter sets ApiKey (default), Credential and Sandbox' {
            (@($command.ParameterSets.Name | Sort-Object) -join ',') | Should -Be 'ApiKey,Credential,Sandbox'
            $command.DefaultParameterSet | Should -Be 'ApiKey'
        }

        It 'has the mandatory parameters <Mandatory> in the <Set> set' -ForEach @(
            @{ Set = 'ApiKey'; Mandatory = 'ApiKey' }
            @{ Set = 'Credential'; Mandatory = 'Credential' }
            @{ Set = 'Sandbox'; Mandatory = 'Sandbox' }
        ) {
            Get-MandatoryParameterName Connect-Argil $Set | Should -Be $Mandatory
        }

        It 'takes -ApiKey as a SecureString at position 0 of the ApiKey set, and optionally with -Sandbox' {
            $command | Should -HaveParameter ApiKey -Type ([securestring]) -Mandatory
            (Get-SetParameter Connect-Argil ApiKey ApiKey).Position | Should -Be 0
            (Get-SetParameter Connect-Argil Sandbox ApiKey).IsMandatory | Should -BeFalse
            Get-SetParameter Connect-Argil Credential ApiKey | Should -BeNullOrEmpty
        }

        It 'takes -Credential as a PSCredential and -Sandbox as a switch' {
            $command | Should -HaveParameter Credential -Type ([pscredential]) -Mandatory
            $command | Should -HaveParameter Sandbox -Type ([switch]) -Mandatory
            Get-SetParameter Connect-Argil Sandbox SandboxTimeMode | Should -Not -BeNullOrEmpty
            Get-SetParameter Connect-Argil ApiKey SandboxTimeMode | Should -BeNullOrEmpty
        }

        It 'offers -BaseUri with a key or credential, not with -Sandbox' {
            $command | Should -HaveParameter BaseUri -Type ([uri])
            Get-SetParameter Connect-Argil ApiKey BaseUri | Should -Not -BeNullOrEmpty
            Get-SetParameter Connect-Argil Credential BaseUri | Should -Not -BeNullOrEmpty
            Get-SetParameter Connect-Argil Sandbox BaseUri | Should -BeNullOrEmpty
        }

        It 'takes -<_> in every parameter set' -ForEach @('TimeoutSec', 'MaximumRetryCount', 'RetryIntervalSec', 'Scope', 'PassThru') {
            $command | Should -HaveParameter $_
            foreach ($set in 'ApiKey', 'Credential', 'Sandbox') { Get-SetParameter Connect-Argil $set $_ | Should -Not -BeNullOrEmpty }
        }
    }

    Context 'Sandbox connection' {
        It 'outputs the context with -PassThru: an ArgilPS.ArgilContext for the sandbox, Process scope' {
            $context = Connect-Argil -Sandbox -SandboxTimeMode Manual -PassThru
            $context.PSObject.TypeNames[0] | Should -Be 'ArgilPS.ArgilContext'
            $context.IsSandbox | Should -BeTrue
            $context.KeySource | Should -Be 'Sandbox'
            $context.Scope | Should -Be 'Process'
            $context.BaseUri.Host | Should -Be '127.0.0.1'
            $context.KeyFingerprint | Should -Match '^.{0,1}[A-Za-z0-9_-]{4}$'
        }

        It 'outputs nothing without -PassThru' {
            Connect-Argil -Sandbox -SandboxTimeMode Manual | Should -BeNullOrEmpty
        }

        It 'accepts the key it is given with -Sandbox -ApiKey and shows only its last four characters' {
            $context = Connect-Argil -Sandbox -SandboxTimeMode Manual -ApiKey (ConvertTo-TestSecureString 'sandbox-key-abcd') -PassThru
            "$($context.KeyFingerprint)" | Should -BeLike '*abcd'
            "$($context | Format-List * | Out-String)" | Should -Not -Match 'sandbox-key'
            Get-ArgilAvatar | Should -HaveCount 3
        }

        It 'keeps the retry and timeout settings it is given' {
            $context = Connect-Argil -Sandbox -SandboxTimeMode Manual -TimeoutSec 7 -MaximumRetryCount 2 -RetryIntervalSec 3 -PassThru
            $context.TimeoutSec | Should -Be 7
            $context.MaximumRetryCount | Should -Be 2
            $context.RetryIntervalSec | Should -Be 3
        }

        It 'starts a fresh sandbox each time: a new connection replaces the old one' {
            $null = Add-SandboxAvatar -Name 'Replaced'
            Connect-Argil -Sandbox -SandboxTimeMode Manual
            Get-ArgilAvatar -Visibility private | Should -BeNullOrEmpty
            Get-ArgilSandboxRequest | Should -HaveCount 1
        }
    }

    Context 'Key, credential and scopes' {
        BeforeEach {
            Connect-Argil -Sandbox -SandboxTimeMode Manual
            $sandboxUri = (Get-ArgilContext).BaseUri
        }

        AfterEach {
            # Removes a Runspace-scope connection a test left behind; the Process one stays.
            if ((Get-ArgilContext).Scope -eq 'Runspace') { Disconnect-Argil }
        }

        It 'a Runspace-scope connection wins over the Process one, and Disconnect-Argil ends only it' {
            Connect-Argil -ApiKey (ConvertTo-TestSecureString 'runspace-key-0001') -BaseUri $sandboxUri -Scope Runspace
            $context = Get-ArgilContext
            $context.Scope | Should -Be 'Runspace'
            $context.KeySource | Should -Be 'Parameter'
            $context.IsSandbox | Should -BeFalse
            Disconnect-Argil
            $context = Get-ArgilContext
            $context.Scope | Should -Be 'Process'
            $context.IsSandbox | Should -BeTrue
        }

        It 'takes the key from a PSCredential password and ignores the user name' {
            $credential = [pscredential]::new('ignored', (ConvertTo-TestSecureString 'credential-key-wxyz'))
            $context = Connect-Argil -Credential $credential -BaseUri $sandboxUri -Scope Runspace -PassThru
            $context.KeySource | Should -Be 'Credential'
            "$($context.KeyFingerprint)" | Should -BeLike '*wxyz'
        }

        It 'sends no request when connecting; a wrong key fails at the first call with Unauthorized' {
            Clear-ArgilSandboxRequest
            Connect-Argil -ApiKey (ConvertTo-TestSecureString 'wrong-key') -BaseUri $sandboxUri -Scope Runspace
            Disconnect-Argil
            Get-ArgilSandboxRequest | Should -BeNullOrEmpty
            Connect-Argil -ApiKey (ConvertTo-TestSecureString 'wrong-key') -BaseUri $sandboxUri -Scope Runspace
            $avatars = Get-ArgilAvatar -ErrorVariable failures -ErrorAction SilentlyContinue
            $avatars | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'Unauthorized,ArgilPS.Commands.GetArgilAvatarCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $failures[0].Exception.StatusCode | Should -Be 401
            "$($failures[0])" | Should -Not -Match 'wrong-key'
        }

        It 'refuses an empty key with a terminating EmptyApiKey error' {
            $thrown = { Connect-Argil -ApiKey ([securestring]::new()) -BaseUri $sandboxUri -Scope Runspace } |
                Should -Throw -ErrorId 'EmptyApiKey,ArgilPS.Commands.ConnectArgilCommand' -PassThru
            $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
            (Get-ArgilContext).IsSandbox | Should -BeTrue
        }
    }

    Context 'Validation' {
        It 'refuses -<Parameter> <Value>, naming the parameter' -ForEach @(
            @{ Parameter = 'BaseUri'; Value = 'http://api.example.com/v1' }
            @{ Parameter = 'TimeoutSec'; Value = -1 }
            @{ Parameter = 'MaximumRetryCount'; Value = 101 }
            @{ Parameter = 'RetryIntervalSec'; Value = 3601 }
            @{ Parameter = 'Scope'; Value = 'Global' }
        ) {
            $arguments = @{ ApiKey = (ConvertTo-TestSecureString 'some-key'); $Parameter = $Value }
            $thrown = { Connect-Argil @arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ArgilPS.Commands.ConnectArgilCommand' -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,ArgilPS.Commands.ConnectArgilCommand'
            $thrown.Exception.ParameterName | Should -Be $Parameter
            # PowerShell's own binder writes validation failures as InvalidData (about_ArgilPS says InvalidArgument).
            $thrown.CategoryInfo.Category | Should -Be 'InvalidData'
        }

        It 'accepts http:// on a loopback address as -BaseUri' {
            $context = Connect-Argil -ApiKey (ConvertTo-TestSecureString 'loopback-key') -BaseUri 'http://127.0.0.1:9/v1' -Scope Runspace -PassThru
            $context.BaseUri.Port | Should -Be 9
            Disconnect-Argil
        }
    }
}

Describe 'Get-ArgilContext' {
    It 'has no parameters of its own' {
        $own = (Get-Command Get-ArgilContext).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }
        $own | Should -BeNullOrEmpty
    }

    It 'shows the connection in effect as an ArgilPS.ArgilContext' {
        Connect-Argil -Sandbox -SandboxTimeMode Manual
        $context = Get-ArgilContext
        $context.PSObject.TypeNames[0] | Should -Be 'ArgilPS.ArgilContext'
        $context.IsSandbox | Should -BeTrue
        $context.MaximumRetryCount | Should -Be 4
    }
}

Describe 'Disconnect-Argil and the environment' {
    BeforeAll {
        $variableNames = 'ARGIL_API_KEY', 'ARGIL_BASE_URI', 'ARGIL_TIMEOUT_SEC', 'ARGIL_MAXIMUM_RETRY_COUNT', 'ARGIL_RETRY_INTERVAL_SEC'
        $savedEnvironment = @{}
        foreach ($name in $variableNames) {
            $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
    }

    AfterAll {
        foreach ($name in $variableNames) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
    }

    BeforeEach {
        Disconnect-Argil
        foreach ($name in $variableNames) { [Environment]::SetEnvironmentVariable($name, $null) }
    }

    It 'has no parameters of its own' {
        $own = (Get-Command Disconnect-Argil).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }
        $own | Should -BeNullOrEmpty
    }

    It 'is quiet when nothing is connected' {
        { Disconnect-Argil -ErrorAction Stop } | Should -Not -Throw
    }

    It 'stops with a terminating NotConnected error when neither Connect-Argil nor ARGIL_API_KEY is there' {
        Get-ArgilContext | Should -BeNullOrEmpty
        $thrown = { Get-ArgilAvatar -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'NotConnected,ArgilPS.Commands.GetArgilAvatarCommand' -PassThru
        $thrown.FullyQualifiedErrorId | Should -Be 'NotConnected,ArgilPS.Commands.GetArgilAvatarCommand'
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'Connect-Argil'
    }

    It 'stops New-ArgilAvatar, Wait-ArgilAvatar and Invoke-ArgilRestMethod with NotConnected too' {
        { New-ArgilAvatar -Name 'x' -ImageUrl 'https://example.com/a.png' } | Should -Throw -ErrorId 'NotConnected,ArgilPS.Commands.NewArgilAvatarCommand'
        { Wait-ArgilAvatar -Id 'x' } | Should -Throw -ErrorId 'NotConnected,ArgilPS.Commands.WaitArgilAvatarCommand'
        { Invoke-ArgilRestMethod -Path '/avatars' } | Should -Throw -ErrorId 'NotConnected,ArgilPS.Commands.InvokeArgilRestMethodCommand'
    }

    It 'reads the key from ARGIL_API_KEY when not connected, showing only its fingerprint' {
        $env:ARGIL_API_KEY = 'environment-key-9876'
        $context = Get-ArgilContext
        $context.KeySource | Should -Be 'Environment'
        "$($context.KeyFingerprint)" | Should -BeLike '*9876'
        $context.BaseUri.AbsoluteUri | Should -Be 'https://api.argil.ai/v1/'
    }

    It 'a connection hides ARGIL_API_KEY and ARGIL_BASE_URI, which are read again after Disconnect-Argil' {
        Connect-Argil -Sandbox -SandboxTimeMode Manual -ApiKey (ConvertTo-TestSecureString 'env-sandbox-key') -Scope Runspace
        $uri = (Get-ArgilContext).BaseUri
        try {
            # The environment is read only when there is no connection at all.
            $env:ARGIL_API_KEY = 'env-sandbox-key'
            $env:ARGIL_BASE_URI = "$uri"
            (Get-ArgilContext).KeySource | Should -Be 'Sandbox'
        } finally {
            Disconnect-Argil
        }
        # The sandbox stopped with its connection, so only the context is checked here.
        (Get-ArgilContext).KeySource | Should -Be 'Environment'
        (Get-ArgilContext).BaseUri.AbsoluteUri | Should -Be $uri.AbsoluteUri
    }

    It 'stops with a terminating InvalidConfiguration error naming a wrong ARGIL_* variable' {
        $env:ARGIL_API_KEY = 'environment-key-9876'
        $env:ARGIL_TIMEOUT_SEC = 'soon'
        $thrown = { Get-ArgilAvatar } | Should -Throw -ErrorId 'InvalidConfiguration,ArgilPS.Commands.GetArgilAvatarCommand' -PassThru
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.TargetObject | Should -Be 'ARGIL_TIMEOUT_SEC'
        $null = Get-ArgilContext -ErrorVariable contextErrors -ErrorAction SilentlyContinue
        Get-ErrorIdPrefix $contextErrors[0] | Should -Be 'InvalidConfiguration'
    }

    It 'does not remove the environment variables' {
        $env:ARGIL_API_KEY = 'environment-key-9876'
        Disconnect-Argil
        $env:ARGIL_API_KEY | Should -Be 'environment-key-9876'
    }
}
