package main

import "example.com/cat/p"

func call(i p.I) { i.N() }

func main() { _ = call }
