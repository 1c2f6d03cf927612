#Requires -Version 7.4
<#
    PesterCompat: a small runner for Pester 5 style suites, for hosts where Pester itself cannot be installed.

    Scoping model (mirrors Pester 5):
    * Test files, and therefore every script block they define, live in the session state of the caller of
      Invoke-Pester (the "user" session state), never in this module's.
    * New scopes are pushed in the user session state by calling a tiny script block that is bound to it
      ($script:NewUserScope). While such a call is on the stack, module code runs and dot-sources the user's
      script blocks, which then execute in that fresh user scope.
    * Discovery runs each file and every Describe/Context body once, collecting blocks and tests.
      The run phase never re-runs those bodies; it replays the collected setup/teardown and test blocks:
        container scope -> block scope (data, BeforeAll, AfterAll) -> test scope (data, BeforeEach, It, AfterEach)
#>

Set-StrictMode -Version 3.0

$script:UnsupportedHint = 'run the suite under real Pester 5 (build.ps1 -Task Test)'
$script:SkipErrorId = 'PesterCompat.ItResultSkipped'
$script:AssertionErrorId = 'PesterAssertionFailed'

# Per-run state, reset by Invoke-Pester.
$script:UserSession = $null
$script:NewUserScope = $null
$script:DotSourceInNewUserScope = $null
$script:Phase = 'None'
$script:CurrentBlock = $null
$script:CurrentTest = $null
$script:OutputLevel = 'Normal'

#region Helpers

function New-UnsupportedException([string] $Feature) {
    [System.NotSupportedException]::new("PesterCompat: '$Feature' is not supported by this runner; $script:UnsupportedHint")
}

function Stop-Unsupported([System.Management.Automation.PSCmdlet] $Cmdlet, [string] $Feature) {
    # Thrown through the calling command so the error points at the test code, not into this module.
    $record = [System.Management.Automation.ErrorRecord]::new((New-UnsupportedException $Feature), 'PesterCompat.NotSupported', 'NotImplemented', $Feature)
    $Cmdlet.ThrowTerminatingError($record)
}

function New-UserBoundScriptBlock([string] $Body) {
    # Evaluating a script block literal inside the user session state binds the resulting block to it.
    $session = $script:UserSession
    $session.InvokeCommand.InvokeScript($session, [scriptblock]::Create("{ $Body }"), [object[]]@())[0]
}

function Set-UserVariables($Data, [bool] $HasData) {
    # Called while a fresh user scope is current: PSVariable.Set writes into that scope only.
    if (-not $HasData) { return }
    if ($Data -is [System.Collections.IDictionary]) {
        foreach ($key in $Data.Keys) { $script:UserSession.PSVariable.Set([string] $key, $Data[$key]) }
    }
    $script:UserSession.PSVariable.Set('_', $Data)
}

function Assert-DiscoveryPhase([string] $Command) {
    if ($script:Phase -ne 'Discovery') {
        throw "PesterCompat: '$Command' can only be used while test files are discovered (at file level or inside Describe/Context), not inside It or setup blocks."
    }
}

function Expand-TemplateName([string] $Name, $Data, [bool] $HasData) {
    # Pester 5 expands <var>, <var.Property> and <_> from the data item, falling back to variables in scope
    # (so Its inside a data-driven Describe see its data). Unknown variables are left as written.
    [regex]::Replace($Name, '(?<!`)<([A-Za-z_][\w]*(?:\.[\w]+)*)>', {
            param($match)
            $parts = $match.Groups[1].Value.Split('.')
            if ($HasData -and $parts[0] -eq '_') { $value = $Data }
            elseif ($HasData -and $Data -is [System.Collections.IDictionary] -and $Data.Contains($parts[0])) { $value = $Data[$parts[0]] }
            else {
                $variable = $script:UserSession.PSVariable.Get($parts[0])
                if ($null -eq $variable) { return $match.Value }
                $value = $variable.Value
            }
            foreach ($property in ($parts | Select-Object -Skip 1)) {
                if ($null -eq $value) { break }
                $value = if ($value -is [System.Collections.IDictionary]) { $value[$property] }
                elseif ($value.PSObject.Properties[$property]) { $value.PSObject.Properties[$property].Value }
                else { $null }
            }
            "$value"
        })
}

function Get-ForEachItems([string] $Command, [System.Collections.IDictionary] $Bound, $ForEach, [bool] $Allow) {
    # Returns $null when -ForEach was not used, otherwise the (possibly empty) list of data items.
    if (-not $Bound.ContainsKey('ForEach')) { return $null }
    # @($null) would be one item, so $null is mapped to an empty list explicitly.
    $items = @()
    if ($null -ne $ForEach) { $items = @($ForEach) }
    if ($items.Count -eq 0 -and -not $Allow) {
        throw "PesterCompat: $Command -ForEach/-TestCases got `$null or an empty collection. If this is expected, use -AllowNullOrEmptyForEach (Pester 5 fails discovery here too)."
    }
    , $items
}

function Get-BlockChain($Block) {
    # Outermost first, starting with the file-level root block.
    $chain = [System.Collections.Generic.List[object]]::new()
    for ($b = $Block; $null -ne $b; $b = $b.Parent) { $chain.Insert(0, $b) }
    , $chain
}

function Format-Duration([System.TimeSpan] $Duration) {
    if ($Duration.TotalMilliseconds -lt 1000) { return '{0}ms' -f [int][math]::Round($Duration.TotalMilliseconds) }
    '{0:0.00}s' -f $Duration.TotalSeconds
}

function Write-Line([string] $Text, [string] $Level = 'Normal') {
    # Detailed shows everything, Normal only failures and the summary, None nothing.
    $levels = @{ None = 0; Normal = 1; Detailed = 2 }
    if ($levels[$script:OutputLevel] -ge $levels[$Level]) { Write-Host $Text }
}

function Format-ErrorRecord($ErrorRecord) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $message = if ($ErrorRecord.FullyQualifiedErrorId -like "$script:AssertionErrorId*") {
        $ErrorRecord.Exception.Message
    } else {
        '{0}: {1}' -f $ErrorRecord.Exception.GetType().Name, $ErrorRecord.Exception.Message
    }
    $lines.AddRange([string[]]($message -split "`r?`n"))
    $info = $ErrorRecord.InvocationInfo
    if ($null -ne $info -and $info.ScriptName) {
        $lines.Add(('at {0}, {1}:{2}' -f "$($info.Line)".Trim(), $info.ScriptName, $info.ScriptLineNumber))
    }
    , $lines
}

function Write-Failure($ErrorRecord, [string] $Indent = '    ') {
    foreach ($line in (Format-ErrorRecord $ErrorRecord)) { Write-Line "$Indent$line" 'Normal' }
}

#endregion

#region DSL (discovery)

function New-Block([string] $Name, [string] $Kind, $Parent, [string[]] $Tag, [bool] $Skip, $Data, [bool] $HasData, [scriptblock] $Body) {
    $expanded = Expand-TemplateName $Name $Data $HasData
    $path = if ($null -eq $Parent -or $Parent.IsRoot) { @($expanded) } else { @($Parent.Path) + $expanded }
    @{
        Name = $Name; ExpandedName = $expanded; Kind = $Kind; Parent = $Parent; IsRoot = $false
        Path = $path; ExpandedPath = ($path -join '.'); Tag = @($Tag | Where-Object { $_ }); Skip = $Skip
        Data = $Data; HasData = $HasData; Body = $Body
        BeforeAll = [System.Collections.Generic.List[scriptblock]]::new()
        AfterAll = [System.Collections.Generic.List[scriptblock]]::new()
        BeforeEach = [System.Collections.Generic.List[scriptblock]]::new()
        AfterEach = [System.Collections.Generic.List[scriptblock]]::new()
        Children = [System.Collections.Generic.List[object]]::new()
        Container = if ($null -ne $Parent) { $Parent.Container } else { $null }
        ErrorRecord = [System.Collections.Generic.List[object]]::new()
    }
}

function Add-Block([string] $Kind, [string] $Name, [string[]] $Tag, [bool] $Skip, $ForEach, [bool] $Allow, [System.Collections.IDictionary] $Bound, [scriptblock] $Fixture) {
    Assert-DiscoveryPhase $Kind
    if ($null -eq $Fixture) { throw "No test script block is provided. (Have you put the open curly brace on the next line?)" }
    $items = Get-ForEachItems $Kind $Bound $ForEach $Allow
    $dataSets = if ($null -eq $items) { , @{ Data = $null; HasData = $false } } else { $items | ForEach-Object { @{ Data = $_; HasData = $true } } }
    foreach ($set in $dataSets) {
        $parent = $script:CurrentBlock
        $block = New-Block $Name $Kind $parent $Tag $Skip $set.Data $set.HasData $Fixture
        $parent.Children.Add($block)
        $script:CurrentBlock = $block
        try {
            # The body runs at discovery only, in its own user scope that sees the block's data.
            & $script:NewUserScope {
                param($block)
                Set-UserVariables $block.Data $block.HasData
                $null = . $block.Body
            } $block
        } finally {
            $script:CurrentBlock = $parent
        }
    }
}

function Describe {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [scriptblock] $Fixture,
        [Alias('Tags')] [string[]] $Tag = @(),
        [switch] $Skip,
        [AllowNull()] [AllowEmptyCollection()] [object[]] $ForEach,
        [switch] $AllowNullOrEmptyForEach
    )
    Add-Block 'Describe' $Name $Tag $Skip.IsPresent $ForEach $AllowNullOrEmptyForEach.IsPresent $PSBoundParameters $Fixture
}

function Context {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [scriptblock] $Fixture,
        [Alias('Tags')] [string[]] $Tag = @(),
        [switch] $Skip,
        [AllowNull()] [AllowEmptyCollection()] [object[]] $ForEach,
        [switch] $AllowNullOrEmptyForEach
    )
    Add-Block 'Context' $Name $Tag $Skip.IsPresent $ForEach $AllowNullOrEmptyForEach.IsPresent $PSBoundParameters $Fixture
}

function It {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [scriptblock] $Test,
        [Alias('TestCases')] [AllowNull()] [AllowEmptyCollection()] [object[]] $ForEach,
        [Alias('Tags')] [string[]] $Tag = @(),
        [switch] $Skip,
        [switch] $AllowNullOrEmptyForEach
    )
    Assert-DiscoveryPhase 'It'
    $block = $script:CurrentBlock
    if ($block.IsRoot) { throw "PesterCompat: It '$Name' must be placed inside a Describe or Context block." }
    if ($null -eq $Test) { throw "No test script block is provided. (Have you put the open curly brace on the next line?)" }
    $items = Get-ForEachItems 'It' $PSBoundParameters $ForEach $AllowNullOrEmptyForEach.IsPresent
    $dataSets = if ($null -eq $items) { , @{ Data = $null; HasData = $false } } else { $items | ForEach-Object { @{ Data = $_; HasData = $true } } }
    $inheritedSkip = $false
    foreach ($b in (Get-BlockChain $block)) { if ($b.Skip) { $inheritedSkip = $true } }
    foreach ($set in $dataSets) {
        $expanded = Expand-TemplateName $Name $set.Data $set.HasData
        $path = @($block.Path) + $expanded
        $block.Children.Add(@{
                IsTest = $true; Name = $Name; ExpandedName = $expanded; Path = $path; ExpandedPath = ($path -join '.')
                ScriptBlock = $Test; Data = $set.Data; HasData = $set.HasData; Tag = @($Tag | Where-Object { $_ })
                Skip = ($Skip.IsPresent -or $inheritedSkip); Block = $block; ShouldRun = $true
                Result = 'NotRun'; SkipReason = $null; Duration = [timespan]::Zero
                ErrorRecord = [System.Collections.Generic.List[object]]::new()
            })
    }
}

function Add-SetupBlock([string] $Kind, [scriptblock] $ScriptBlock) {
    Assert-DiscoveryPhase $Kind
    $script:CurrentBlock[$Kind].Add($ScriptBlock)
}

function BeforeAll { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Add-SetupBlock 'BeforeAll' $Scriptblock }
function AfterAll { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Add-SetupBlock 'AfterAll' $Scriptblock }
function BeforeEach { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Add-SetupBlock 'BeforeEach' $Scriptblock }
function AfterEach { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Add-SetupBlock 'AfterEach' $Scriptblock }

function BeforeDiscovery {
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $ScriptBlock)
    Assert-DiscoveryPhase 'BeforeDiscovery'
    # Dot-sourced so its variables are visible to the rest of the file or block being discovered.
    . $ScriptBlock
}

function Set-ItResult {
    [CmdletBinding()]
    param(
        [switch] $Skipped,
        [switch] $Inconclusive,
        [switch] $Pending,
        [string] $Because
    )
    if ($Inconclusive) { Stop-Unsupported $PSCmdlet 'Set-ItResult -Inconclusive' }
    if ($Pending) { Stop-Unsupported $PSCmdlet 'Set-ItResult -Pending' }
    if (-not $Skipped) { throw 'PesterCompat: Set-ItResult requires -Skipped.' }
    if ($null -eq $script:CurrentTest) { throw 'PesterCompat: Set-ItResult can only be used inside It, BeforeEach or AfterEach.' }
    $record = [System.Management.Automation.ErrorRecord]::new(
        [System.Exception]::new("is skipped$(if ($Because) { ", because $Because" })"), $script:SkipErrorId, 'NotSpecified', $Because)
    $PSCmdlet.ThrowTerminatingError($record)
}

#endregion

#region Run phase

function Test-TagMatch([string[]] $Tags, [string[]] $Filters) {
    foreach ($tag in $Tags) { foreach ($filter in $Filters) { if ($tag -like $filter) { return $true } } }
    $false
}

function Set-ShouldRun($Block, [string[]] $TagFilter, [string[]] $ExcludeTagFilter, [string[]] $FullNameFilter) {
    foreach ($child in $Block.Children) {
        if (-not $child.ContainsKey('IsTest')) { Set-ShouldRun $child $TagFilter $ExcludeTagFilter $FullNameFilter; continue }
        $chain = Get-BlockChain $child.Block
        $tags = @($child.Tag) + @($chain | ForEach-Object { $_.Tag })
        $paths = @($child.ExpandedPath) + @($chain | ForEach-Object { $_.ExpandedPath })
        $shouldRun = $true
        if ($ExcludeTagFilter -and (Test-TagMatch $tags $ExcludeTagFilter)) { $shouldRun = $false }
        elseif ($TagFilter -or $FullNameFilter) {
            # As in Pester 5, include filters are alternatives: matching any of them is enough.
            $shouldRun = ($TagFilter -and (Test-TagMatch $tags $TagFilter)) -or
                ($FullNameFilter -and (Test-TagMatch $paths $FullNameFilter))
        }
        $child.ShouldRun = [bool] $shouldRun
    }
}

function Get-BlockTests($Block) {
    foreach ($child in $Block.Children) {
        if ($child.ContainsKey('IsTest')) { $child } else { Get-BlockTests $child }
    }
}

function Complete-Test($Test, [string] $Result, $ErrorRecord) {
    $Test.Result = $Result
    if ($null -ne $ErrorRecord) { $Test.ErrorRecord.Add($ErrorRecord) }
    switch ($Result) {
        'Passed' { Write-Line "[+] $($Test.ExpandedPath) $(Format-Duration $Test.Duration)" 'Detailed' }
        'Skipped' { Write-Line "[!] $($Test.ExpandedPath) skipped$(if ($Test.SkipReason) { ", because $($Test.SkipReason)" })" 'Detailed' }
        'Failed' {
            Write-Line "[-] $($Test.ExpandedPath) $(Format-Duration $Test.Duration)" 'Normal'
            Write-Failure $ErrorRecord
        }
    }
}

function Invoke-Test($Test) {
    if ($Test.Skip) { Complete-Test $Test 'Skipped' $null; return }
    & $script:NewUserScope {
        param($test)
        Set-UserVariables $test.Data $test.HasData
        $chain = Get-BlockChain $test.Block
        $failure = $null
        $skipReason = $null
        $script:CurrentTest = $test
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        try {
            foreach ($block in $chain) { foreach ($setup in $block.BeforeEach) { $null = . $setup } }
            $null = . $test.ScriptBlock
        } catch {
            if ($_.FullyQualifiedErrorId -like "$script:SkipErrorId*") { $skipReason = $_.TargetObject; $test.Skip = $true }
            else { $failure = $_ }
        }
        # AfterEach runs inner block first, even when the test or a BeforeEach failed.
        for ($i = $chain.Count - 1; $i -ge 0; $i--) {
            foreach ($teardown in $chain[$i].AfterEach) {
                try { $null = . $teardown } catch { if ($null -eq $failure) { $failure = $_ } }
            }
        }
        $stopwatch.Stop()
        $script:CurrentTest = $null
        $test.Duration = $stopwatch.Elapsed
        if ($null -ne $failure) { Complete-Test $test 'Failed' $failure }
        elseif ($test.Skip) { $test.SkipReason = $skipReason; Complete-Test $test 'Skipped' $null }
        else { Complete-Test $test 'Passed' $null }
    } $Test
}

function Invoke-Block($Block, $Run) {
    # Runs inside the block's own, freshly pushed user scope.
    $tests = @(Get-BlockTests $Block | Where-Object { $_.ShouldRun })
    if ($tests.Count -eq 0) { return }
    if (@($tests | Where-Object { -not $_.Skip }).Count -eq 0) {
        # Like Pester 5, setup and teardown are not run when every selected test is skipped.
        foreach ($test in $tests) { Complete-Test $test 'Skipped' $null }
        return
    }
    Set-UserVariables $Block.Data $Block.HasData
    $setupFailure = $null
    try {
        foreach ($setup in $Block.BeforeAll) { $null = . $setup }
    } catch {
        $setupFailure = $_
        $Block.ErrorRecord.Add($_)
        $Run.FailedBlocks.Add($Block)
    }
    foreach ($child in $Block.Children) {
        if ($child.ContainsKey('IsTest')) {
            if (-not $child.ShouldRun) { continue }
            if ($null -ne $setupFailure -and -not $child.Skip) { Complete-Test $child 'Failed' $setupFailure }
            else { Invoke-Test $child }
        } elseif ($null -ne $setupFailure) {
            foreach ($test in (Get-BlockTests $child | Where-Object { $_.ShouldRun })) {
                if ($test.Skip) { Complete-Test $test 'Skipped' $null } else { Complete-Test $test 'Failed' $setupFailure }
            }
        } else {
            & $script:NewUserScope { param($child, $run) Invoke-Block $child $run } $child $Run
        }
    }
    foreach ($teardown in $Block.AfterAll) {
        try {
            $null = . $teardown
        } catch {
            $Block.ErrorRecord.Add($_)
            if (-not $Run.FailedBlocks.Contains($Block)) { $Run.FailedBlocks.Add($Block) }
            $Run.TeardownFailures++
            $name = if ($Block.IsRoot) { $Block.Container.Path } else { $Block.ExpandedPath }
            Write-Line "[-] $name AfterAll failed" 'Normal'
            Write-Failure $_
        }
    }
}

#endregion

#region Invoke-Pester

function Resolve-TestFile([string[]] $Path) {
    $files = [System.Collections.Generic.List[string]]::new()
    foreach ($item in $Path) {
        if (Test-Path -LiteralPath $item -PathType Container) {
            Get-ChildItem -LiteralPath $item -Recurse -File -Filter '*.Tests.ps1' | Sort-Object FullName | ForEach-Object { $files.Add($_.FullName) }
        } elseif (Test-Path -LiteralPath $item -PathType Leaf) {
            $files.Add((Resolve-Path -LiteralPath $item).ProviderPath)
        } else {
            throw "PesterCompat: test path '$item' does not exist."
        }
    }
    , @($files | Select-Object -Unique)
}

function ConvertTo-TestResult($Test) {
    [pscustomobject]@{
        PSTypeName   = 'PesterCompat.Test'
        Name         = $Test.Name
        ExpandedName = $Test.ExpandedName
        Path         = $Test.Path
        ExpandedPath = $Test.ExpandedPath
        Result       = $Test.Result
        Passed       = $Test.Result -eq 'Passed'
        Skipped      = $Test.Result -eq 'Skipped'
        ShouldRun    = $Test.ShouldRun
        ErrorRecord  = $Test.ErrorRecord
        Duration     = $Test.Duration
        Tag          = $Test.Tag
        Data         = $Test.Data
        File         = $Test.Block.Container.Path
    }
}

function Invoke-Pester {
    <#
        .SYNOPSIS
        Discovers and runs Pester 5 style test files with the PesterCompat subset.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [string[]] $Path = '.',
        [Alias('Tag')] [string[]] $TagFilter,
        [Alias('ExcludeTag')] [string[]] $ExcludeTagFilter,
        [string[]] $FullNameFilter,
        [string] $Output = 'Normal',
        [switch] $PassThru,
        [Parameter(ValueFromRemainingArguments)] [object[]] $UnsupportedArguments
    )
    if ($UnsupportedArguments) {
        $names = @($UnsupportedArguments | Where-Object { $_ -is [string] -and $_.StartsWith('-') })
        $label = if ($names) { "Invoke-Pester $($names -join ' ')" } else { "Invoke-Pester argument(s) '$($UnsupportedArguments -join "', '")'" }
        Stop-Unsupported $PSCmdlet $label
    }
    if ($Output -notin 'Detailed', 'Normal', 'None') { Stop-Unsupported $PSCmdlet "Invoke-Pester -Output $Output" }

    $script:UserSession = $PSCmdlet.SessionState
    $script:NewUserScope = New-UserBoundScriptBlock '& $args[0] $args[1] $args[2]'
    $script:DotSourceInNewUserScope = New-UserBoundScriptBlock '. $args[0]'
    $script:OutputLevel = $Output
    $run = @{ FailedBlocks = [System.Collections.Generic.List[object]]::new(); TeardownFailures = 0 }
    $files = Resolve-TestFile $Path
    $started = [System.Diagnostics.Stopwatch]::StartNew()

    Write-Line "Starting discovery in $($files.Count) files." 'Detailed'
    $containers = foreach ($file in $files) {
        $container = @{ Path = $file; ErrorRecord = [System.Collections.Generic.List[object]]::new(); Result = 'Passed' }
        $root = New-Block $file 'Root' $null @() $false $null $false $null
        $root.IsRoot = $true
        $root.Path = @()
        $root.ExpandedPath = ''
        $root.Container = $container
        $container.Root = $root
        $script:CurrentBlock = $root
        $script:Phase = 'Discovery'
        try {
            $null = & $script:DotSourceInNewUserScope $file
        } catch {
            $container.ErrorRecord.Add($_)
            $container.Result = 'Failed'
            Write-Line "[-] Discovery in $file failed with:" 'Normal'
            Write-Failure $_
        } finally {
            $script:Phase = 'None'
            $script:CurrentBlock = $null
        }
        $container
    }
    $containers = @($containers)
    $discovered = @($containers | Where-Object { $_.Result -eq 'Passed' } | ForEach-Object { Get-BlockTests $_.Root })
    Write-Line "Discovery found $($discovered.Count) tests in $(Format-Duration $started.Elapsed)." 'Detailed'

    $script:Phase = 'Run'
    try {
        foreach ($container in $containers) {
            if ($container.Result -eq 'Failed') { continue }
            Set-ShouldRun $container.Root $TagFilter $ExcludeTagFilter $FullNameFilter
            if (-not @(Get-BlockTests $container.Root | Where-Object { $_.ShouldRun })) { continue }
            Write-Line "Running tests from '$($container.Path)'" 'Detailed'
            $null = & $script:NewUserScope { param($root, $run) Invoke-Block $root $run } $container.Root $run
        }
    } finally {
        $script:Phase = 'None'
        $script:CurrentTest = $null
    }

    $tests = @($discovered | ForEach-Object { ConvertTo-TestResult $_ })
    $passed = @($tests | Where-Object Result -EQ 'Passed')
    $failed = @($tests | Where-Object Result -EQ 'Failed')
    $skipped = @($tests | Where-Object Result -EQ 'Skipped')
    $notRun = @($tests | Where-Object Result -EQ 'NotRun')
    $failedContainers = @($containers | Where-Object Result -EQ 'Failed')
    $resultText = if ($failed.Count + $failedContainers.Count + $run.FailedBlocks.Count -gt 0) { 'Failed' } else { 'Passed' }
    # The last line counts every failure that makes the run fail, so "0 failed" always means success.
    $failureCount = $failed.Count + $failedContainers.Count + $run.TeardownFailures

    Write-Line "Tests completed in $(Format-Duration $started.Elapsed)" 'Normal'
    Write-Line "Tests Passed: $($passed.Count), Failed: $($failed.Count), Skipped: $($skipped.Count), NotRun: $($notRun.Count)" 'Normal'
    if ($run.FailedBlocks.Count) { Write-Line "BeforeAll \ AfterAll failed: $($run.FailedBlocks.Count)" 'Normal' }
    if ($failedContainers.Count) { Write-Line "Container failed: $($failedContainers.Count)" 'Normal' }
    Write-Line "$($passed.Count) passed, $failureCount failed" 'Normal'

    if ($PassThru) {
        [pscustomobject]@{
            PSTypeName            = 'PesterCompat.Run'
            Result                = $resultText
            Executed              = $true
            Duration              = $started.Elapsed
            TotalCount            = $tests.Count
            PassedCount           = $passed.Count
            FailedCount           = $failed.Count
            SkippedCount          = $skipped.Count
            NotRunCount           = $notRun.Count
            FailedBlocksCount     = $run.FailedBlocks.Count
            FailedContainersCount = $failedContainers.Count
            Tests                 = $tests
            Passed                = $passed
            Failed                = $failed
            Skipped               = $skipped
            NotRun                = $notRun
            FailedBlocks          = @($run.FailedBlocks | ForEach-Object { [pscustomobject]@{ Name = $_.ExpandedName; ExpandedPath = $_.ExpandedPath; ErrorRecord = $_.ErrorRecord } })
            Containers            = @($containers | ForEach-Object { [pscustomobject]@{ Item = $_.Path; Result = $_.Result; ErrorRecord = $_.ErrorRecord } })
        }
    }
}

#endregion

#region Should

function Format-Nicely($Value) {
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [string]) { return "'$Value'" }
    if ($Value -is [bool]) { return "`$$($Value.ToString().ToLowerInvariant())" }
    if ($Value -is [type]) { return "[$($Value.FullName)]" }
    if ($Value -is [scriptblock]) { return "{$Value}" }
    if ($Value -is [datetime]) { return $Value.ToString('o', [cultureinfo]::InvariantCulture) }
    if ($Value -is [System.Collections.IDictionary]) {
        return '@{' + (($Value.Keys | ForEach-Object { "$_=$(Format-Nicely $Value[$_])" }) -join '; ') + '}'
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        return '@(' + ((@($Value) | ForEach-Object { Format-Nicely $_ }) -join ', ') + ')'
    }
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        return 'PSObject{' + (($Value.PSObject.Properties | ForEach-Object { "$($_.Name)=$(Format-Nicely $_.Value)" }) -join '; ') + '}'
    }
    # Through the interface: types such as [uri] implement it explicitly.
    if ($Value -is [System.IFormattable]) { return ([System.IFormattable]$Value).ToString($null, [cultureinfo]::InvariantCulture) }
    "$Value"
}

function Format-Because([string] $Because) {
    if ([string]::IsNullOrWhiteSpace($Because)) { return '' }
    " because $($Because.Trim() -replace '^because\s+'),"
}

function Join-And([string[]] $Items) {
    if ($Items.Count -le 2) { return $Items -join ' and ' }
    ($Items[0..($Items.Count - 2)] -join ', ') + " and $($Items[-1])"
}

function Test-IsCollection($Value) {
    $Value -is [System.Collections.IEnumerable] -and $Value -isnot [string] -and $Value -isnot [System.Collections.IDictionary]
}

function Test-NullOrEmptyArray([object[]] $Array) {
    $null -eq $Array -or $Array.Count -eq 0 -or ($Array.Count -eq 1 -and $null -eq $Array[0])
}

function Test-ArraysEqual([object[]] $Actual, [object[]] $Expected, [bool] $CaseSensitive) {
    # Pester 5 semantics: element-wise, expected value on the left of -eq so it drives conversion.
    $actualEmpty = Test-NullOrEmptyArray @($Actual)
    $expectedEmpty = Test-NullOrEmptyArray @($Expected)
    if ($actualEmpty -or $expectedEmpty) { return $actualEmpty -and $expectedEmpty }
    if ($Actual.Count -ne $Expected.Count) { return $false }
    for ($i = 0; $i -lt $Actual.Count; $i++) {
        if ((Test-IsCollection $Actual[$i]) -or (Test-IsCollection $Expected[$i])) {
            if (-not (Test-ArraysEqual $Actual[$i] $Expected[$i] $CaseSensitive)) { return $false }
        } elseif ($CaseSensitive) {
            if (-not ($Expected[$i] -ceq $Actual[$i])) { return $false }
        } elseif (-not ($Expected[$i] -eq $Actual[$i])) { return $false }
    }
    $true
}

function Get-StringDifferenceMessage([string] $Expected, [string] $Actual, [bool] $CaseSensitive, [string] $Because) {
    $length = [math]::Max($Expected.Length, $Actual.Length)
    $index = 0
    while ($index -lt $length) {
        $e = if ($index -lt $Expected.Length) { [string] $Expected[$index] } else { $null }
        $a = if ($index -lt $Actual.Length) { [string] $Actual[$index] } else { $null }
        $same = if ($CaseSensitive) { $e -ceq $a } else { $e -eq $a }
        if (-not $same) { break }
        $index++
    }
    $lines = @("Expected strings to be the same,$(Format-Because $Because) but they were different.")
    if ($Expected.Length -ne $Actual.Length) {
        $lines += "Expected length: $($Expected.Length)", "Actual length:   $($Actual.Length)"
    } else {
        $lines += "String lengths are both $($Expected.Length)."
    }
    $lines += "Strings differ at index $index.", "Expected: '$Expected'", "But was:  '$Actual'", ((' ' * 11) + ('-' * $index) + '^')
    $lines -join "`n"
}

function Resolve-ExpectedType($Type) {
    if ($Type -is [type]) { return $Type }
    $name = "$Type" -replace '^\[(.*)\]$', '$1'
    $resolved = $name -as [type]
    if ($null -eq $resolved) { throw [System.ArgumentException]::new("Could not find type [$name]. Make sure that the assembly that contains that type is loaded.") }
    $resolved
}

# Each assertion returns $null when it holds (after applying -Not), otherwise the failure message.

function Assert-Be($a, $p) {
    $ok = Test-ArraysEqual $a $p.ExpectedValue $false
    if ($ok -ne $p.Negate) { return }
    if ($p.Negate) { return "Expected $(Format-Nicely $p.ExpectedValue) to be different from the actual value,$(Format-Because $p.Because) but got the same value." }
    if ($a -is [string] -and $p.ExpectedValue -is [string]) { return Get-StringDifferenceMessage $p.ExpectedValue $a $false $p.Because }
    "Expected $(Format-Nicely $p.ExpectedValue),$(Format-Because $p.Because) but got $(Format-Nicely $a)."
}

function Assert-BeExactly($a, $p) {
    $ok = Test-ArraysEqual $a $p.ExpectedValue $true
    if ($ok -ne $p.Negate) { return }
    if ($p.Negate) { return "Expected $(Format-Nicely $p.ExpectedValue) to be different from the actual value,$(Format-Because $p.Because) but got exactly the same value." }
    if ($a -is [string] -and $p.ExpectedValue -is [string]) { return Get-StringDifferenceMessage $p.ExpectedValue $a $true $p.Because }
    "Expected exactly $(Format-Nicely $p.ExpectedValue),$(Format-Because $p.Because) but got $(Format-Nicely $a)."
}

function Assert-BeNullOrEmpty($a, $p) {
    $items = @($a)
    $ok = if ($null -eq $a -or $items.Count -eq 0) { $true }
    elseif ($items.Count -eq 1) {
        if ($items[0] -is [System.Collections.IDictionary]) { $items[0].Count -eq 0 } else { [string]::IsNullOrEmpty($items[0]) }
    } else { $false }
    if ($ok -ne $p.Negate) { return }
    if ($p.Negate) { return "Expected a value,$(Format-Because $p.Because) but got `$null or empty." }
    # A single piped value arrives wrapped in an array; report the value itself.
    $shown = if ($items.Count -eq 1) { $items[0] } else { $a }
    "Expected `$null or empty,$(Format-Because $p.Because) but got $(Format-Nicely $shown)."
}

function Assert-BeTrue($a, $p) {
    if ([bool] $a -ne $p.Negate) { return }
    $expected = if ($p.Negate) { '$false' } else { '$true' }
    "Expected $expected,$(Format-Because $p.Because) but got $(Format-Nicely $a)."
}

function Assert-BeFalse($a, $p) {
    if ((-not $a) -ne $p.Negate) { return }
    $expected = if ($p.Negate) { '$true' } else { '$false' }
    "Expected $expected,$(Format-Because $p.Because) but got $(Format-Nicely $a)."
}

function Assert-BeOfType($a, $p) {
    $type = Resolve-ExpectedType $p.ExpectedType
    if (($a -is $type) -ne $p.Negate) { return }
    $actualType = if ($null -eq $a) { $null } else { $a.GetType() }
    $not = if ($p.Negate) { ' not' } else { '' }
    "Expected the value to$not have type $(Format-Nicely $type) or any of its subtypes,$(Format-Because $p.Because) but got $(Format-Nicely $a) with type $(Format-Nicely $actualType)."
}

function Assert-Comparison($a, $p, [bool] $Holds, [string] $Relation, [string] $NegatedRelation) {
    if ($Holds -ne $p.Negate) { return }
    $relation = if ($p.Negate) { $NegatedRelation } else { $Relation }
    "Expected the actual value to be $relation $(Format-Nicely $p.ExpectedValue),$(Format-Because $p.Because) but got $(Format-Nicely $a)."
}

function Assert-BeGreaterThan($a, $p) { Assert-Comparison $a $p ($a -gt $p.ExpectedValue) 'greater than' 'less than or equal to' }
function Assert-BeLessThan($a, $p) { Assert-Comparison $a $p ($a -lt $p.ExpectedValue) 'less than' 'greater than or equal to' }
function Assert-BeGreaterOrEqual($a, $p) { Assert-Comparison $a $p ($a -ge $p.ExpectedValue) 'greater than or equal to' 'less than' }
function Assert-BeLessOrEqual($a, $p) { Assert-Comparison $a $p ($a -le $p.ExpectedValue) 'less than or equal to' 'greater than' }

function Assert-Pattern($a, $p, [bool] $Holds, [string] $Kind, $Pattern) {
    if ($Holds -ne $p.Negate) { return }
    if ($p.Negate) { return "Expected $Kind $(Format-Nicely $Pattern) to not match $(Format-Nicely $a),$(Format-Because $p.Because) but it did match." }
    "Expected $Kind $(Format-Nicely $Pattern) to match $(Format-Nicely $a),$(Format-Because $p.Because) but it did not match."
}

function Assert-Match($a, $p) { Assert-Pattern $a $p ($a -match $p.RegularExpression) 'regular expression' $p.RegularExpression }
function Assert-MatchExactly($a, $p) { Assert-Pattern $a $p ($a -cmatch $p.RegularExpression) 'regular expression (case sensitive)' $p.RegularExpression }
function Assert-BeLike($a, $p) { Assert-Pattern $a $p ($a -like $p.ExpectedValue) 'like wildcard' $p.ExpectedValue }
function Assert-BeLikeExactly($a, $p) { Assert-Pattern $a $p ($a -clike $p.ExpectedValue) 'case sensitive like wildcard' $p.ExpectedValue }

function Assert-Contain($a, $p) {
    if (($p.ExpectedValue -in @($a)) -ne $p.Negate) { return }
    if ($p.Negate) { return "Expected $(Format-Nicely $p.ExpectedValue) to not be found in collection $(Format-Nicely $a),$(Format-Because $p.Because) but it was found." }
    "Expected $(Format-Nicely $p.ExpectedValue) to be found in collection $(Format-Nicely $a),$(Format-Because $p.Because) but it was not found."
}

function Assert-BeIn($a, $p) {
    if (($a -in @($p.ExpectedValue)) -ne $p.Negate) { return }
    if ($p.Negate) { return "Expected collection $(Format-Nicely $p.ExpectedValue) to not contain $(Format-Nicely $a),$(Format-Because $p.Because) but it was found." }
    "Expected collection $(Format-Nicely $p.ExpectedValue) to contain $(Format-Nicely $a),$(Format-Because $p.Because) but it was not found."
}

function Assert-HaveCount($a, $p) {
    $count = if ($null -eq $a) { 0 } else { @($a).Count }
    $expected = [int] $p.ExpectedValue
    if (($count -eq $expected) -ne $p.Negate) { return }
    $because = Format-Because $p.Because
    if ($p.Negate) {
        if ($expected -eq 0) { return "Expected a non-empty collection,$because but got an empty collection." }
        return "Expected a collection with size different from $expected,$because but got collection with that size $(Format-Nicely $a)."
    }
    if ($expected -eq 0) { return "Expected an empty collection,$because but got collection with size $count $(Format-Nicely $a)." }
    "Expected a collection with size $expected,$because but got collection with size $count $(Format-Nicely $a)."
}

function Assert-Exist($a, $p) {
    if ((Test-Path $a) -ne $p.Negate) { return }
    if ($p.Negate) { return "Expected path $(Format-Nicely $a) to not exist,$(Format-Because $p.Because) but it did exist." }
    "Expected path $(Format-Nicely $a) to exist,$(Format-Because $p.Because) but it did not exist."
}

function Assert-Throw($a, $p) {
    if ($a -isnot [scriptblock]) {
        throw [System.ArgumentException]::new("Input is not a ScriptBlock. Input to '-Throw' and '-Not -Throw' must be enclosed in curly braces.")
    }
    $thrown = $null
    try { $null = & $a } catch { $thrown = $_ }

    if ($p.Negate) {
        if ($p.ExpectedMessage -or $p.ErrorId -or $p.ExceptionType) {
            throw [System.ArgumentException]::new("PesterCompat: -ExpectedMessage, -ErrorId and -ExceptionType cannot be combined with -Not -Throw (Pester 5 does not support it either).")
        }
        if ($null -eq $thrown) { return }
        $where = if ($thrown.InvocationInfo -and $thrown.InvocationInfo.ScriptName) { " from $($thrown.InvocationInfo.ScriptName):$($thrown.InvocationInfo.ScriptLineNumber)" } else { '' }
        return "Expected no exception to be thrown,$(Format-Because $p.Because) but an exception `"$($thrown.Exception.Message)`" was thrown$where."
    }

    $filters = @()
    $buts = @()
    if ($p.ExceptionType) {
        $filters += "with type $(Format-Nicely $p.ExceptionType)"
        if ($null -ne $thrown -and $thrown.Exception -isnot $p.ExceptionType) { $buts += "the exception type was $(Format-Nicely $thrown.Exception.GetType())" }
    }
    if ($p.ExpectedMessage) {
        $filters += "with message like $(Format-Nicely $p.ExpectedMessage)"
        if ($null -ne $thrown -and $thrown.Exception.Message -notlike $p.ExpectedMessage) { $buts += "the message was $(Format-Nicely $thrown.Exception.Message)" }
    }
    if ($p.ErrorId) {
        $filters += "with FullyQualifiedErrorId $(Format-Nicely $p.ErrorId)"
        if ($null -ne $thrown -and $thrown.FullyQualifiedErrorId -notlike "*$($p.ErrorId)*") { $buts += "the FullyQualifiedErrorId was $(Format-Nicely $thrown.FullyQualifiedErrorId)" }
    }
    if ($null -eq $thrown) { $buts += 'no exception was thrown' }
    if ($buts.Count -eq 0) {
        if ($p.PassThru) { $p.Output = $thrown }
        return
    }
    $filter = if ($filters) { ' ' + (Join-And $filters) } else { '' }
    "Expected an exception,$filter to be thrown,$(Format-Because $p.Because) but $(Join-And $buts)."
}

function Get-ParameterDefault($Command, [string] $Name) {
    # Pester 5 compares against the default value as written in the param block.
    $ast = $Command.ScriptBlock.Ast
    $parameters = if ($ast -is [System.Management.Automation.Language.FunctionDefinitionAst]) {
        @($ast.Parameters) + @(if ($ast.Body.ParamBlock) { $ast.Body.ParamBlock.Parameters })
    } elseif ($ast.ParamBlock) { @($ast.ParamBlock.Parameters) } else { @() }
    $parameter = $parameters | Where-Object { $_ -and $_.Name.VariablePath.UserPath -eq $Name } | Select-Object -First 1
    if ($null -eq $parameter -or $null -eq $parameter.DefaultValue) { return $null }
    if ($parameter.DefaultValue -is [System.Management.Automation.Language.StringConstantExpressionAst]) { return $parameter.DefaultValue.Value }
    $parameter.DefaultValue.Extent.Text
}

function Assert-HaveParameter($a, $p) {
    if ($a -isnot [System.Management.Automation.CommandInfo]) {
        throw [System.ArgumentException]::new('Input value must be non-null CommandInfo object. You can get one by calling Get-Command.')
    }
    $filters = @()
    $buts = @()
    $parameter = $a.Parameters[$p.ParameterName]
    if ($null -eq $parameter) { $buts += 'the parameter is missing' }
    # Assigned inside the if, not from it: an if expression unrolls a one-item array to its item.
    $attributes = @()
    if ($parameter) {
        $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } |
                Where-Object { -not $p.InParameterSet -or $_.ParameterSetName -eq $p.InParameterSet })
    }
    if ($p.InParameterSet) {
        $filters += "in parameter set $(Format-Nicely $p.InParameterSet)"
        if ($parameter -and $attributes.Count -eq 0) { $buts += "it wasn't in parameter set $(Format-Nicely $p.InParameterSet)" }
    }
    if ($p.Mandatory) {
        $filters += 'which is mandatory'
        if ($parameter -and -not @($attributes | Where-Object Mandatory).Count) { $buts += "it wasn't mandatory" }
    }
    if ($p.HasType) {
        $type = Resolve-ExpectedType $p.Type
        $filters += "of type $(Format-Nicely $type)"
        if ($parameter -and $parameter.ParameterType -ne $type) { $buts += "it was of type $(Format-Nicely $parameter.ParameterType)" }
    }
    if ($p.HasDefaultValue) {
        if ($a -isnot [System.Management.Automation.FunctionInfo] -and $a -isnot [System.Management.Automation.ExternalScriptInfo]) {
            throw [System.ArgumentException]::new('PesterCompat: -DefaultValue can only be checked on functions and scripts.')
        }
        $filters += "the default value to be $(Format-Nicely $p.DefaultValue)"
        $actualDefault = Get-ParameterDefault $a $parameter.Name
        if ($parameter -and "$actualDefault" -ne "$($p.DefaultValue)") { $buts += "the default value was $(Format-Nicely $actualDefault)" }
    }
    if ($p.Alias) {
        $filters += "with alias$(if (@($p.Alias).Count -gt 1) { 'es' }) $(Join-And @($p.Alias | ForEach-Object { Format-Nicely $_ }))"
        $missing = @($p.Alias | Where-Object { $parameter -and $_ -notin $parameter.Aliases })
        if ($missing) { $buts += "it didn't have the alias$(if ($missing.Count -gt 1) { 'es' }) $(Join-And @($missing | ForEach-Object { Format-Nicely $_ }))" }
    }
    if ($p.HasArgumentCompleter) {
        $filters += 'that has argument completion'
        if ($parameter -and -not @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }).Count) {
            $buts += "it didn't have an argument completer"
        }
    }
    $ok = $buts.Count -eq 0
    if ($ok -ne $p.Negate) { return }
    $filterText = if ($filters) { ', ' + (Join-And $filters) } else { '' }
    if ($p.Negate) {
        return "Expected command $($a.Name) to not have a parameter $($p.ParameterName)$filterText,$(Format-Because $p.Because) but it did."
    }
    "Expected command $($a.Name) to have a parameter $($p.ParameterName)$filterText,$(Format-Because $p.Because) but $(Join-And $buts)."
}

function Should {
    <#
        .SYNOPSIS
        Pester 5 compatible assertion. Supported operators are the parameter sets of this function.
    #>
    [CmdletBinding(DefaultParameterSetName = 'NoOperator')]
    param(
        [Parameter(ValueFromPipeline)] [AllowNull()] [AllowEmptyString()] [AllowEmptyCollection()] [object] $ActualValue,
        [switch] $Not,
        [string] $Because,

        [Parameter(Mandatory, ParameterSetName = 'Be')] [switch] $Be,
        [Parameter(Mandatory, ParameterSetName = 'BeExactly')] [switch] $BeExactly,
        [Parameter(Mandatory, ParameterSetName = 'BeNullOrEmpty')] [switch] $BeNullOrEmpty,
        [Parameter(Mandatory, ParameterSetName = 'BeTrue')] [switch] $BeTrue,
        [Parameter(Mandatory, ParameterSetName = 'BeFalse')] [switch] $BeFalse,
        [Parameter(Mandatory, ParameterSetName = 'BeOfType')] [switch] $BeOfType,
        [Parameter(Mandatory, ParameterSetName = 'BeGreaterThan')] [switch] $BeGreaterThan,
        [Parameter(Mandatory, ParameterSetName = 'BeLessThan')] [switch] $BeLessThan,
        [Parameter(Mandatory, ParameterSetName = 'BeGreaterOrEqual')] [switch] $BeGreaterOrEqual,
        [Parameter(Mandatory, ParameterSetName = 'BeLessOrEqual')] [switch] $BeLessOrEqual,
        [Parameter(Mandatory, ParameterSetName = 'Match')] [switch] $Match,
        [Parameter(Mandatory, ParameterSetName = 'MatchExactly')] [switch] $MatchExactly,
        [Parameter(Mandatory, ParameterSetName = 'BeLike')] [switch] $BeLike,
        [Parameter(Mandatory, ParameterSetName = 'BeLikeExactly')] [switch] $BeLikeExactly,
        [Parameter(Mandatory, ParameterSetName = 'Contain')] [switch] $Contain,
        [Parameter(Mandatory, ParameterSetName = 'BeIn')] [switch] $BeIn,
        [Parameter(Mandatory, ParameterSetName = 'HaveCount')] [switch] $HaveCount,
        [Parameter(Mandatory, ParameterSetName = 'Exist')] [switch] $Exist,
        [Parameter(Mandatory, ParameterSetName = 'Throw')] [switch] $Throw,
        [Parameter(Mandatory, ParameterSetName = 'HaveParameter')] [switch] $HaveParameter,

        # Real Pester 5 operators this runner rejects with a clear message.
        [Parameter(Mandatory, ParameterSetName = 'Invoke')] [switch] $Invoke,
        [Parameter(Mandatory, ParameterSetName = 'InvokeVerifiable')] [switch] $InvokeVerifiable,
        [Parameter(Mandatory, ParameterSetName = 'FileContentMatch')] [switch] $FileContentMatch,
        [Parameter(Mandatory, ParameterSetName = 'FileContentMatchExactly')] [switch] $FileContentMatchExactly,
        [Parameter(Mandatory, ParameterSetName = 'FileContentMatchMultiline')] [switch] $FileContentMatchMultiline,
        [Parameter(Mandatory, ParameterSetName = 'FileContentMatchMultilineExactly')] [switch] $FileContentMatchMultilineExactly,

        [Parameter(ParameterSetName = 'Be', Position = 0)]
        [Parameter(ParameterSetName = 'BeExactly', Position = 0)]
        [Parameter(ParameterSetName = 'BeGreaterThan', Position = 0)]
        [Parameter(ParameterSetName = 'BeLessThan', Position = 0)]
        [Parameter(ParameterSetName = 'BeGreaterOrEqual', Position = 0)]
        [Parameter(ParameterSetName = 'BeLessOrEqual', Position = 0)]
        [Parameter(ParameterSetName = 'BeLike', Position = 0)]
        [Parameter(ParameterSetName = 'BeLikeExactly', Position = 0)]
        [Parameter(ParameterSetName = 'Contain', Position = 0)]
        [Parameter(ParameterSetName = 'BeIn', Position = 0)]
        [Parameter(ParameterSetName = 'HaveCount', Position = 0)]
        [AllowNull()] [AllowEmptyString()] [AllowEmptyCollection()] [object] $ExpectedValue,

        [Parameter(ParameterSetName = 'Match', Position = 0)]
        [Parameter(ParameterSetName = 'MatchExactly', Position = 0)]
        [string] $RegularExpression,

        [Parameter(ParameterSetName = 'BeOfType', Position = 0)] [object] $ExpectedType,

        [Parameter(ParameterSetName = 'Throw', Position = 0)] [string] $ExpectedMessage,
        [Parameter(ParameterSetName = 'Throw')] [string] $ErrorId,
        [Parameter(ParameterSetName = 'Throw')] [type] $ExceptionType,
        [Parameter(ParameterSetName = 'Throw')] [switch] $PassThru,

        [Parameter(ParameterSetName = 'HaveParameter', Position = 0)] [string] $ParameterName,
        [Parameter(ParameterSetName = 'HaveParameter')] [object] $Type,
        [Parameter(ParameterSetName = 'HaveParameter')] [AllowNull()] [object] $DefaultValue,
        [Parameter(ParameterSetName = 'HaveParameter')] [switch] $Mandatory,
        [Parameter(ParameterSetName = 'HaveParameter')] [switch] $HasArgumentCompleter,
        [Parameter(ParameterSetName = 'HaveParameter')] [string[]] $Alias,
        [Parameter(ParameterSetName = 'HaveParameter')] [string] $InParameterSet,

        # Collects unknown operators (e.g. -BeFoo) so they can be reported by name.
        [Parameter(ValueFromRemainingArguments)] [object[]] $UnsupportedArguments
    )
    begin {
        $operator = $PSCmdlet.ParameterSetName
        if ($operator -in 'Invoke', 'InvokeVerifiable', 'FileContentMatch', 'FileContentMatchExactly', 'FileContentMatchMultiline', 'FileContentMatchMultilineExactly') {
            Stop-Unsupported $PSCmdlet "Should -$operator"
        }
        if ($UnsupportedArguments) {
            $names = @($UnsupportedArguments | Where-Object { $_ -is [string] -and $_.StartsWith('-') })
            $label = if ($names) { "Should $($names -join ' ')" } else { "Should argument(s) '$($UnsupportedArguments -join "', '")'" }
            Stop-Unsupported $PSCmdlet $label
        }
        if ($operator -eq 'NoOperator') { throw 'PesterCompat: Should needs an operator such as -Be, -BeTrue or -Throw.' }
        if ($operator -eq 'Match' -and -not $PSBoundParameters.ContainsKey('RegularExpression') -or
            $operator -eq 'BeOfType' -and -not $PSBoundParameters.ContainsKey('ExpectedType') -or
            $operator -eq 'HaveParameter' -and -not $ParameterName -or
            $operator -in 'Be', 'BeExactly', 'BeGreaterThan', 'BeLessThan', 'BeGreaterOrEqual', 'BeLessOrEqual', 'BeLike', 'BeLikeExactly', 'Contain', 'BeIn', 'HaveCount' -and
            -not $PSBoundParameters.ContainsKey('ExpectedValue')) {
            throw "PesterCompat: Should -$operator is missing its expected value."
        }

        $arguments = @{
            Negate = $Not.IsPresent; Because = $Because; ExpectedValue = $ExpectedValue; RegularExpression = $RegularExpression
            ExpectedType = $ExpectedType; ExpectedMessage = $ExpectedMessage; ErrorId = $ErrorId; ExceptionType = $ExceptionType
            PassThru = $PassThru.IsPresent; Output = $null; ParameterName = $ParameterName; HasType = $PSBoundParameters.ContainsKey('Type'); Type = $Type
            HasDefaultValue = $PSBoundParameters.ContainsKey('DefaultValue'); DefaultValue = $DefaultValue; Mandatory = $Mandatory.IsPresent
            HasArgumentCompleter = $HasArgumentCompleter.IsPresent; Alias = $Alias; InParameterSet = $InParameterSet
        }
        # As in Pester 5, these operators judge the whole pipeline input; all others check each item separately.
        $arrayOperator = $operator -in 'BeNullOrEmpty', 'Contain', 'HaveCount'
        $isPipeline = $MyInvocation.ExpectingInput
        $items = [System.Collections.Generic.List[object]]::new()
        $assertion = Get-Command "Assert-$operator" -CommandType Function
        $fail = {
            param([string] $Message)
            $record = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new($Message), $script:AssertionErrorId, 'InvalidResult', $null)
            $PSCmdlet.ThrowTerminatingError($record)
        }
    }
    process {
        if ($isPipeline) { $items.Add($ActualValue) }
    }
    end {
        $values = [System.Collections.Generic.List[object]]::new()
        if (-not $isPipeline) { $values.Add($ActualValue) }
        elseif ($arrayOperator) { $values.Add([object[]] $items.ToArray()) }
        elseif ($items.Count -eq 0) { $values.Add($null) }
        else { $values.AddRange($items) }
        foreach ($value in $values) {
            $message = & $assertion $value $arguments
            if ($message) { & $fail $message }
        }
        if ($arguments.Output) { $arguments.Output }
    }
}

#endregion

#region Unsupported Pester commands

# Each accepts any arguments so the call binds and the failure names the command instead of a parameter.
function Mock { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'Mock' }
function InModuleScope { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'InModuleScope' }
function Assert-MockCalled { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'Assert-MockCalled' }
function Assert-VerifiableMock { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'Assert-VerifiableMock' }
function New-MockObject { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'New-MockObject' }
function Get-MockDynamicParameter { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'Get-MockDynamicParameter' }
function New-PesterConfiguration { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'New-PesterConfiguration' }
function New-PesterContainer { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'New-PesterContainer' }
function New-Fixture { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'New-Fixture' }
function Add-ShouldOperator { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'Add-ShouldOperator' }
function Get-ShouldOperator { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'Get-ShouldOperator' }
function Export-NUnitReport { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'Export-NUnitReport' }
function Export-JUnitReport { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'Export-JUnitReport' }
function ConvertTo-NUnitReport { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'ConvertTo-NUnitReport' }
function ConvertTo-JUnitReport { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'ConvertTo-JUnitReport' }
function ConvertTo-Pester4Result { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] [object[]] $Arguments) Stop-Unsupported $PSCmdlet 'ConvertTo-Pester4Result' }

#endregion
