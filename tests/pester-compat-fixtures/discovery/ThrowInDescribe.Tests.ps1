Describe 'Throws during discovery' {
    It 'would pass' { }

    throw 'discovery blew up'
}
