package main

import "example.com/cat/p"

func main() { _ = p.Sum(1.5, 2.5) }
