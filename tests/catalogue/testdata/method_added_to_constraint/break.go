package main

import "example.com/cat/p"

type t struct{}

func (t) M() {}

func main() { p.F(t{}) }
