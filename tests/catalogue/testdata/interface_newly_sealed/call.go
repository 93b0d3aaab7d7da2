package main

import (
	"example.com/cat/p"
)

func use(i p.I) { i.M() }

func main() { use(nil) }
