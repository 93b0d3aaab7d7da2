package main

import "example.com/cat/p"

var a [1]int = [p.C]int{}

func main() { _ = a }
