package main

import "example.com/cat/p"

func main() { var _ interface{ M() } = p.T{} }
