package main

import (
	"example.com/cat/p"
)

type T struct{}

func (T) M() {}

func main() { var _ p.I = T{} }
