# Pester 5 fails discovery on an empty -ForEach unless -AllowNullOrEmptyForEach is given.
Describe 'Empty data' {
    It 'has no cases' -ForEach @() { }
}
